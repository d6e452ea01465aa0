package dev.plinth.db.testing.junit;

import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.MigrationSetSource;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds the {@link Migrated} annotation that applies to a test invocation — on one of the method's
 * parameters, on the method, or on the test class, the nearest first — and the {@link MigrationSet}
 * it names.
 */
final class MigratedLookup {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MigratedLookup.class);

  private record AnnotatedSet(
      Class<?> testClass, List<String> locations, boolean fromModels, boolean shadowTables) {}

  private MigratedLookup() {}

  /** The invocation's migration set, or empty when it asks for an empty database. */
  static Optional<MigrationSet> find(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Optional<Migrated> migrated =
        Arrays.stream(method.getParameters())
            .map((Parameter p) -> p.getAnnotation(Migrated.class))
            .filter(a -> a != null)
            .findFirst()
            .or(() -> AnnotationSupport.findAnnotation(method, Migrated.class))
            .or(
                () ->
                    AnnotationSupport.findAnnotation(
                        context.getRequiredTestClass(), Migrated.class));
    return migrated.map(m -> set(m, context));
  }

  private static MigrationSet set(Migrated migrated, ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    if (migrated.value().length > 0) {
      // One set per test class and locations for the whole run, so its files are read once.
      return context
          .getRoot()
          .getStore(NS)
          .getOrComputeIfAbsent(
              new AnnotatedSet(
                  testClass,
                  List.of(migrated.value()),
                  migrated.fromModels(),
                  migrated.shadowTables()),
              k -> annotatedSet(migrated, testClass),
              MigrationSet.class);
    }
    if (migrated.fromModels() || migrated.shadowTables()) {
      throw new IllegalStateException(
          annotationOn(context)
              + " sets fromModels or shadowTables without locations: set them on the"
              + " MigrationSet that "
              + testClass.getSimpleName()
              + ".migrationSet() builds (MigrationSet.builder().fromModels().shadowTables())");
    }
    if (context.getRequiredTestInstance() instanceof MigrationSetSource source) {
      return source.migrationSet();
    }
    throw new IllegalStateException(
        annotationOn(context)
            + " names no locations: give them, @Migrated(\"classpath:db/migrations\"), or let "
            + testClass.getSimpleName()
            + " implement MigrationSetSource");
  }

  /** {@code @Migrated on Class.method}, naming the test at fault. */
  private static String annotationOn(ExtensionContext context) {
    return "@Migrated on "
        + context.getRequiredTestClass().getName()
        + "."
        + context.getRequiredTestMethod().getName();
  }

  private static MigrationSet annotatedSet(Migrated migrated, Class<?> testClass) {
    MigrationSet.Builder b =
        MigrationSet.builder().locations(migrated.value()).classLoader(testClass.getClassLoader());
    if (migrated.fromModels()) {
      b.fromModels();
    }
    if (migrated.shadowTables()) {
      b.shadowTables();
    }
    return b.build();
  }
}
