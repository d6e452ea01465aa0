package dev.plinth.db.testing;

import dev.plinth.db.testing.junit.BackendExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per backend, each time on a freshly provisioned database with a random name that
 * is dropped afterwards. The backend appears in the test's display name ({@code name()
 * [postgresql]}). The test method may declare a {@link TestDatabase} parameter, a {@link
 * dev.plinth.db.core.Database} parameter (opened with {@link TestDatabase#config()}), or both.
 *
 * <p>A backend whose server is not reachable is skipped, unless {@code PLINTH_TEST_REQUIRE} lists
 * it, in which case the test fails.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(BackendExtension.class)
public @interface AllBackends {
  /** The backends to run on; a test that applies to fewer backends says so here and in its name. */
  Backend[] value() default {Backend.SQLITE, Backend.POSTGRESQL, Backend.MYSQL};
}
