package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import java.util.Optional;

/** One revision ready to run, whatever its source: a SQL file or a Java {@code Migration}. */
public interface MigrationScript {

  /** The revision's declaration. */
  RevisionInfo info();

  /** Applies the revision through {@code ctx}. */
  void upgrade(MigrationContext ctx);

  /** Reverts the revision through {@code ctx}. */
  void downgrade(MigrationContext ctx);

  /**
   * Checks, before the first revision of a plan runs, what can be checked of this one without a
   * database: a SQL file is split and its transaction control and client commands are classified
   * here. Java migrations have nothing to check.
   *
   * @param direction the direction the plan runs the revision in
   * @param backend a dialect name: {@code sqlite}, {@code postgresql} or {@code mysql}
   * @throws dev.plinth.db.migrate.InvalidMigrationException naming the file and line at fault
   */
  default void check(Direction direction, String backend) {}

  /**
   * The checksum of the revision's source, prefixed with its algorithm version (e.g. {@code v1:…}),
   * for sources whose edits must be detected; empty, as here, for Java migrations, which are
   * compiled code and not checked for edits.
   */
  default Optional<String> checksum() {
    return Optional.empty();
  }
}
