package dev.plinth.db.it.migrate.phases;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.Migrated;
import dev.plinth.db.migrate.OnlineDataMigration;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An online rename of {@code people.name} to {@code people.full_name}: a base revision, an expand
 * revision that adds the new column, a data migration that copies the old column into it, and a
 * contract revision that drops the old column.
 */
final class PeopleRevisions {
  private PeopleRevisions() {}

  static List<MigrationScript> scripts() {
    return List.of(
        PhaseScript.of(
            "p1",
            null,
            null,
            ctx ->
                ctx.op()
                    .createTable(
                        Table.builder("people")
                            .column(Column.of("id", SqlType.integer()).notNull())
                            .column(Column.of("name", SqlType.varchar(100)))
                            .primaryKey("id")
                            .build())),
        PhaseScript.of(
            "p2",
            "p1",
            Phase.EXPAND,
            ctx -> ctx.op().addColumn("people", Column.of("full_name", SqlType.varchar(100)))),
        PhaseScript.of("p3", "p2", Phase.CONTRACT, ctx -> ctx.op().dropColumn("people", "name")));
  }

  /** The models of the new code: it no longer declares {@code name}. */
  static Schema newModels() {
    return Schema.of(List.of(table(false)));
  }

  /** Models that still declare {@code name}. */
  static Schema oldAndNewModels() {
    return Schema.of(List.of(table(true)));
  }

  private static Table table(boolean withName) {
    Table.Builder b = Table.builder("people").column(Column.of("id", SqlType.integer()).notNull());
    if (withName) {
      b.column(Column.of("name", SqlType.varchar(100)));
    }
    return b.column(Column.of("full_name", SqlType.varchar(100))).primaryKey("id").build();
  }

  /** Copies {@code name} into {@code full_name} where the old code left it empty. */
  static final class CopyFullName implements OnlineDataMigration {
    @Override
    public String name() {
      return "people_full_name";
    }

    @Override
    public Migrated migrate(Tx tx, int maxCount) {
      List<Integer> ids =
          tx.query(
              "SELECT id FROM people WHERE full_name IS NULL ORDER BY id LIMIT ?",
              rs -> rs.getInt(1),
              maxCount);
      int done = 0;
      for (int id : ids) {
        done += tx.update("UPDATE people SET full_name = name WHERE id = ?", id);
      }
      return new Migrated(ids.size(), done);
    }
  }

  /** The old code: knows only {@code name}. */
  static void oldCodeInserts(Database db, int id, String name) {
    db.writer().run(tx -> tx.update("INSERT INTO people (id, name) VALUES (?, ?)", id, name));
  }

  /** The old code's read. */
  static String oldCodeReads(Database db, int id) {
    return db.reader()
        .call(tx -> tx.queryOne("SELECT name FROM people WHERE id = ?", rs -> rs.getString(1), id))
        .orElseThrow();
  }

  /** The new code during the upgrade: writes both columns. */
  static void newCodeInserts(Database db, int id, String name) {
    db.writer()
        .run(
            tx ->
                tx.update(
                    "INSERT INTO people (id, name, full_name) VALUES (?, ?, ?)", id, name, name));
  }

  /** Every row's {@code full_name}, by id. */
  static Map<Integer, String> fullNames(Database db) {
    Map<Integer, String> names = new TreeMap<>();
    db.reader()
        .run(
            tx ->
                tx.query(
                        "SELECT id, full_name FROM people ORDER BY id",
                        rs -> Map.entry(rs.getInt(1), String.valueOf(rs.getString(2))))
                    .forEach(e -> names.put(e.getKey(), e.getValue())));
    return names;
  }

  static List<String> columns(Database db) {
    return db.reader()
        .call(tx -> db.schema().read(tx, "people").columns().stream().map(Column::name).toList());
  }
}
