package dev.plinth.examples.inventory;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import java.util.List;

/**
 * Where the inventory's revisions are and what they are called. The SQL revision is a resource
 * under {@link #LOCATION}; the Java ones, in {@code dev.plinth.examples.inventory.migrations}, are
 * listed in {@code META-INF/services/dev.plinth.db.migrate.Migration} of the same jar, so a
 * migrator built with this jar on its class path finds every revision.
 */
public final class InventoryMigrations {

  /** The location of the SQL revisions, for {@link Migrator.Builder#locations}. */
  public static final String LOCATION = "classpath:dev/plinth/examples/inventory/migrations";

  /** Java, base: {@code items} with its tags as one comma-separated column, and its shadow. */
  public static final String CREATE_ITEMS = "4a1d2c3b5e01";

  /** Java, a SQLite batch: {@code items.qty} becomes NOT NULL DEFAULT 0 and never negative. */
  public static final String QTY_NOT_NEGATIVE = "7b2e9f1ac802";

  /** Java, expand: the {@code tags} and {@code item_tags} tables. */
  public static final String CREATE_TAGS = "9c3f6a2d4e03";

  /** SQL, contract: drops {@code items.tags} once {@code TagsFromCsv} has moved every row. */
  public static final String DROP_ITEMS_TAGS = "d14e8b7a5f04";

  /** Every revision, from base to head (the graph is a single line). */
  public static final List<String> REVISIONS =
      List.of(CREATE_ITEMS, QTY_NOT_NEGATIVE, CREATE_TAGS, DROP_ITEMS_TAGS);

  private InventoryMigrations() {}

  /**
   * A migrator of {@code db} that knows every inventory revision, its online data migration and its
   * models; the caller may add settings before {@code build()}.
   */
  public static Migrator.Builder migrator(Database db) {
    return Migrator.builder()
        .database(db)
        .locations(LOCATION)
        .classLoader(InventoryMigrations.class.getClassLoader());
  }
}
