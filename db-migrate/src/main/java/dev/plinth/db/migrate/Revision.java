package dev.plinth.db.migrate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Declares a Java {@link Migration}'s place in the revision graph. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
  /** The revision id. */
  String id();

  /** The revisions this one follows; empty for a base, several for a merge. */
  String[] down() default {};

  /** Branch labels. */
  String[] branchLabels() default {};

  /** Revisions that must be applied first without being parents. */
  String[] dependsOn() default {};

  /** {@code expand}, {@code contract}, or empty for none. */
  String phase() default "";

  /** A one-line description. */
  String message() default "";

  /** False for a revision that must run outside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
  boolean transactional() default true;
}
