package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.RevisionInfo;
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
   * The checksum of the revision's source, prefixed with its algorithm version (e.g. {@code v1:…}),
   * for sources whose edits must be detected; empty, as here, for Java migrations, which are
   * compiled code and not checked for edits.
   */
  default Optional<String> checksum() {
    return Optional.empty();
  }
}
