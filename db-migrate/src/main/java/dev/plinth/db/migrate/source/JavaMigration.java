package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.Revision;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A revision written in Java: a {@link Migration} instance whose declaration comes from its {@link
 * Revision} annotation. Its origin, used in every message about it, is the class name. Java
 * migrations have no checksum.
 */
public final class JavaMigration implements MigrationScript {
  private final Migration migration;
  private final RevisionInfo info;

  private JavaMigration(Migration migration, RevisionInfo info) {
    this.migration = migration;
    this.info = info;
  }

  /**
   * Wraps a migration, reading its {@code @Revision}.
   *
   * @throws InvalidMigrationException naming the class if it has no {@code @Revision} or the
   *     annotation holds a bad id or phase
   */
  public static JavaMigration of(Migration migration) {
    Objects.requireNonNull(migration, "migration");
    return new JavaMigration(migration, infoOf(migration.getClass()));
  }

  /**
   * Reads the declaration of a migration class without instantiating it.
   *
   * @throws InvalidMigrationException naming the class if it has no {@code @Revision} or the
   *     annotation holds a bad id or phase
   */
  public static RevisionInfo infoOf(Class<?> type) {
    String origin = type.getName();
    Revision revision = type.getAnnotation(Revision.class);
    if (revision == null) {
      throw new InvalidMigrationException(
          origin + ": a Migration needs a @Revision(id = ..., down = ...) annotation");
    }
    try {
      Optional<Phase> phase =
          revision.phase().isBlank()
              ? Optional.empty()
              : Optional.of(Phase.parse(revision.phase()));
      return new RevisionInfo(
          revision.id(),
          List.of(revision.down()),
          List.of(revision.branchLabels()),
          List.of(revision.dependsOn()),
          phase,
          revision.message(),
          origin,
          revision.transactional());
    } catch (IllegalArgumentException e) {
      throw new InvalidMigrationException(origin + ": bad @Revision: " + e.getMessage(), e);
    }
  }

  /** The wrapped migration. */
  public Migration migration() {
    return migration;
  }

  @Override
  public RevisionInfo info() {
    return info;
  }

  /** Runs the migration's {@code upgrade}. */
  @Override
  public void upgrade(MigrationContext ctx) {
    migration.upgrade(ctx);
  }

  /** Runs the migration's {@code downgrade}. */
  @Override
  public void downgrade(MigrationContext ctx) {
    migration.downgrade(ctx);
  }

  @Override
  public String toString() {
    return info.origin() + " (" + info.id() + ")";
  }
}
