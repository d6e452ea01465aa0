package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Row snapshots and the invariants every archive run must keep on {@link NovaSchema}. */
final class ArchiveChecks {
  private ArchiveChecks() {}

  /** Every row of every table, main and shadow together, by table and id, as text. */
  static Map<String, Map<Long, String>> allRows(Database db) {
    return db.reader()
        .call(
            tx -> {
              Map<String, Map<Long, String>> all = new TreeMap<>();
              for (String table : NovaSchema.TABLES) {
                Map<Long, String> rows = new TreeMap<>(rows(tx, table));
                if (!table.equals("services")) {
                  rows(tx, "shadow_" + table)
                      .forEach(
                          (id, row) ->
                              assertThat(rows.put(id, row))
                                  .as("%s row %s is both in the table and its shadow", table, id)
                                  .isNull());
                }
                all.put(table, rows);
              }
              return all;
            });
  }

  /** Rows per table: {@code table -> count}. */
  static Map<String, Long> counts(Database db, String prefix) {
    return db.reader()
        .call(
            tx -> {
              Map<String, Long> counts = new TreeMap<>();
              for (String table : NovaSchema.TABLES) {
                if (prefix.isEmpty() || !table.equals("services")) {
                  counts.put(table, tx.count("SELECT 1 FROM " + prefix + table));
                }
              }
              return counts;
            });
  }

  /** How many soft-deleted rows the main tables still hold. */
  static long softDeletedLeft(Database db) {
    return countOverArchivedTables(db, t -> "SELECT 1 FROM " + t + " WHERE deleted <> 0");
  }

  /** Live rows that sit in a shadow table, over all tables. */
  static long liveRowsInShadows(Database db) {
    return countOverArchivedTables(db, t -> "SELECT 1 FROM shadow_" + t + " WHERE deleted = 0");
  }

  /** The rows that {@code query} selects for each archived table (all but services), summed. */
  private static long countOverArchivedTables(Database db, Function<String, String> query) {
    return db.reader()
        .call(
            tx ->
                NovaSchema.TABLES.stream()
                    .filter(t -> !t.equals("services"))
                    .mapToLong(t -> tx.count(query.apply(t)))
                    .sum());
  }

  /**
   * Checks that every foreign key holds among the main tables, and that every live row in a shadow
   * table is residue: its parent row is in the parent's shadow table too.
   */
  static void assertReferencesHold(Database db) {
    db.reader()
        .run(
            tx -> {
              for (List<String> l : NovaSchema.LINKS) {
                assertThat(orphans(tx, l.get(0), l.get(1), l.get(2), l.get(3), ""))
                    .as("%s rows whose %s parent is gone", l.get(0), l.get(2))
                    .isZero();
                assertThat(
                        orphans(
                            tx,
                            "shadow_" + l.get(0),
                            l.get(1),
                            "shadow_" + l.get(2),
                            l.get(3),
                            " AND c.deleted = 0"))
                    .as("live %s rows archived without their parent", l.get(0))
                    .isZero();
              }
              assertThat(tx.count("SELECT 1 FROM shadow_instances WHERE deleted = 0"))
                  .as("live instances archived")
                  .isZero();
            });
  }

  private static long orphans(
      Tx tx, String child, String column, String parent, String parentColumn, String extra) {
    return tx.count(
        "SELECT 1 FROM "
            + child
            + " c WHERE c."
            + column
            + " IS NOT NULL"
            + extra
            + " AND NOT EXISTS (SELECT 1 FROM "
            + parent
            + " p WHERE p."
            + parentColumn
            + " = c."
            + column
            + ")");
  }

  private static Map<Long, String> rows(Tx tx, String table) {
    Map<Long, String> rows = new TreeMap<>();
    tx.query(
            "SELECT * FROM " + table,
            rs -> {
              List<String> values = new ArrayList<>();
              for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
              }
              return values;
            })
        .forEach(v -> rows.put(Long.parseLong(v.get(0)), String.join("|", v)));
    return rows;
  }
}
