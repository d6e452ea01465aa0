package dev.plinth.db.testing.kit;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.core.schema.SchemaDifference;
import dev.plinth.db.core.schema.SchemaDifference.Kind;
import dev.plinth.db.migrate.Migrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rule that the same revisions build the same schema on every backend, as oslo.db ran its
 * migration tests on MySQL, PostgreSQL and SQLite: a section limited to one backend that types a
 * column differently, or an index created on one backend only, makes the service behave differently
 * where it is deployed.
 *
 * <p>Schemas are compared after the normalisation {@link Schema#diff} already applies (types,
 * defaults and check expressions in their normal forms), leaving out what backends legitimately
 * spell their own way: collation names, and the names of unique keys, foreign keys and checks that
 * each backend gives unnamed constraints.
 */
public final class CrossBackendSchema {
  private static final Set<Kind> BACKEND_SPELLINGS =
      Set.of(Kind.COLLATION, Kind.UNIQUE_NAME, Kind.FOREIGN_KEY_NAME);

  private CrossBackendSchema() {}

  /**
   * Upgrades the empty database {@code db} to the heads and reads its schema, without the
   * migrator's own tables.
   *
   * @throws dev.plinth.db.migrate.MigrationException if the upgrade fails
   */
  public static Schema migrated(Database db, Migrator migrator) {
    migrator.upgrade("heads");
    return new RevisionSteps(db, migrator).schema();
  }

  /**
   * Compares the schema of backend {@code backend} with that of every other backend.
   *
   * @param backend the name of the backend under test
   * @param schemas each backend's migrated schema by name, {@code backend}'s among them
   * @param accepted differences accepted on purpose
   * @throws AssertionError naming each other backend that differs, with the differences
   * @throws IllegalArgumentException if {@code schemas} has no schema for {@code backend}
   */
  public static void verify(
      String backend, Map<String, Schema> schemas, Predicate<? super SchemaDifference> accepted) {
    Schema own = schemas.get(backend);
    if (own == null) {
      throw new IllegalArgumentException("no schema given for backend " + backend);
    }
    List<String> lines = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    schemas.forEach(
        (other, schema) -> {
          if (other.equals(backend)) {
            return;
          }
          SchemaDiff diff =
              own.diff(schema).without(d -> BACKEND_SPELLINGS.contains(d.kind())).without(accepted);
          if (!diff.isEmpty()) {
            differing.add(other);
            diff.items().forEach(d -> lines.add(d.describe(backend, other)));
          }
        });
    if (lines.isEmpty()) {
      return;
    }
    throw KitFailure.verdict(
            "the schema migrated on "
                + backend
                + " differs from the one on "
                + String.join(", ", differing))
        .block("differences", lines)
        .next(
            "make the revisions build the same schema everywhere (look for sections limited to"
                + " one backend: `-- +upgrade "
                + backend
                + "`); accept a difference on purpose with acceptBackendDifferences")
        .toError();
  }
}
