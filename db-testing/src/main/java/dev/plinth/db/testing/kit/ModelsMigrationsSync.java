package dev.plinth.db.testing.kit;

import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.core.schema.SchemaDifference;
import dev.plinth.db.migrate.Migrator;
import java.util.function.Predicate;

/**
 * The rule that the schema the revisions build is the schema the service's code declares, as
 * oslo.db's {@code ModelsMigrationsSync} and pytest-alembic's {@code
 * test_model_definitions_match_ddl}: a model the revisions never created, or a revision the models
 * never learnt about, breaks the service at run time.
 */
public final class ModelsMigrationsSync {
  private ModelsMigrationsSync() {}

  /**
   * Compares the models registered with {@code migrator} with the database it migrated, leaving out
   * the differences {@code accepted} matches.
   *
   * @param migrator a migrator built with the service's models, its database migrated to heads
   * @param accepted differences the service accepts on purpose
   * @throws AssertionError listing every difference, each naming table and column, index or
   *     constraint
   * @throws IllegalArgumentException if the migrator has no models
   */
  public static void verify(Migrator migrator, Predicate<? super SchemaDifference> accepted) {
    SchemaDiff diff =
        migrator
            .compareModels()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no models registered: give the migrator the service's ModelsProvider"))
            .without(accepted);
    if (diff.isEmpty()) {
      return;
    }
    throw KitFailure.verdict(
            "the migrated schema differs from the models in " + diff.items().size() + " place(s)")
        .block("differences", diff.differences())
        .next(
            "write a revision that brings the schema to the models (on a database migrated to"
                + " the heads, `plinth-migrate revision --autogenerate -m MESSAGE` writes it), or"
                + " fix the models (`plinth-migrate check` there lists the same differences);"
                + " accept a difference on purpose with acceptModelDifferences")
        .toError();
  }
}
