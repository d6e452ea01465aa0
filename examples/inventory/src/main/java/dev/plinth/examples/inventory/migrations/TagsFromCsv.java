package dev.plinth.examples.inventory.migrations;

import dev.plinth.db.core.Tx;
import dev.plinth.db.migrate.Migrated;
import dev.plinth.db.migrate.OnlineDataMigration;
import dev.plinth.examples.inventory.Tagging;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * The online data migration between {@link CreateTags} (expand) and the contract revision that
 * drops {@code items.tags}: it turns each item's comma-separated tags into {@code tags} and {@code
 * item_tags} rows. An item needs migrating while its {@code tags} column names a tag and it has no
 * {@code item_tags} row, so a batch only finds what is left, and the old code, which still reads
 * {@code items.tags}, keeps its column intact. Once the contract revision has dropped the column
 * there is nothing left to do.
 */
public final class TagsFromCsv implements OnlineDataMigration {
  private static final String PENDING =
      "SELECT id, tags FROM items WHERE tags IS NOT NULL AND tags <> ''"
          + " AND NOT EXISTS (SELECT 1 FROM item_tags it WHERE it.item_id = items.id)"
          + " ORDER BY id";

  private final Clock clock;

  /** The migration, dating the rows it writes by the UTC system clock. */
  public TagsFromCsv() {
    this(Clock.systemUTC());
  }

  /** The migration, dating the rows it writes by {@code clock}. */
  public TagsFromCsv(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "inventory_tags_from_csv";
  }

  @Override
  public Migrated migrate(Tx tx, int maxCount) {
    if (!itemsHaveTagsColumn(tx)) {
      return Migrated.NOTHING;
    }
    List<Pending> rows =
        tx.query(PENDING + " LIMIT ?", rs -> new Pending(rs.getLong(1), rs.getString(2)), maxCount);
    Tagging tagging = new Tagging(tx, clock);
    for (Pending row : rows) {
      List<String> names = Tagging.parseCsv(row.csv());
      if (names.isEmpty()) {
        tx.update("UPDATE items SET tags = NULL WHERE id = ?", row.id());
      } else {
        tagging.link(row.id(), names);
      }
    }
    return new Migrated(rows.size(), rows.size());
  }

  private static boolean itemsHaveTagsColumn(Tx tx) {
    return tx.withConnection(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT * FROM items WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              if (rs.getMetaData().getColumnName(i).equalsIgnoreCase("tags")) {
                return true;
              }
            }
            return false;
          }
        });
  }

  private record Pending(long id, String csv) {}
}
