package dev.plinth.db.archive;

import dev.plinth.db.archive.internal.ShadowModel;
import dev.plinth.db.archive.internal.TableGraph;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates and checks the {@code shadow_<table>} tables the archiver moves rows into. A table needs
 * a shadow table when it is soft-deletable (has a {@code deleted} column) or references one,
 * directly or through other tables, because its rows may have to leave with a deleted parent.
 */
public final class ShadowTables {
  private final Database db;

  private ShadowTables(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Shadow-table operations on {@code db}. */
  public static ShadowTables of(Database db) {
    return new ShadowTables(db);
  }

  /**
   * Creates every missing shadow table; existing ones are left as they are, drifted or not.
   *
   * @return the names of the shadow tables created, sorted
   * @throws dev.plinth.db.core.error.DbException if the schema cannot be read or a CREATE fails
   */
  public List<String> create() {
    List<String> created =
        db.writer()
            .call(
                tx -> {
                  Schema schema = db.schema().readAll(tx);
                  List<String> names = new ArrayList<>();
                  for (String table : TableGraph.of(schema).needingShadows()) {
                    createIfMissing(tx, schema, table).ifPresent(names::add);
                  }
                  return names;
                });
    db.schema().invalidate();
    return created;
  }

  /**
   * Compares every needed shadow table with its main table.
   *
   * @return one entry per shadow table that is missing or differs; empty when all match
   * @throws dev.plinth.db.core.error.DbException if the schema cannot be read
   */
  public List<ShadowDrift> check() {
    return db.reader()
        .call(
            tx -> {
              Schema schema = db.schema().readAll(tx);
              List<ShadowDrift> drifts = new ArrayList<>();
              for (String table : TableGraph.of(schema).needingShadows()) {
                drift(schema, table).ifPresent(drifts::add);
              }
              return drifts;
            });
  }

  /**
   * How the shadow table of {@code table} differs from it in {@code schema}, if it does.
   *
   * @throws IllegalArgumentException if {@code schema} has no table {@code table}
   */
  static Optional<ShadowDrift> drift(Schema schema, String table) {
    Table main =
        schema
            .table(table)
            .orElseThrow(() -> new IllegalArgumentException("no table " + table + " in schema"));
    String shadowName = ShadowModel.shadowName(table);
    Optional<Table> shadow = schema.table(shadowName);
    if (shadow.isEmpty()) {
      return Optional.of(new ShadowDrift(table, shadowName, true, List.of()));
    }
    List<String> differences = ShadowModel.differences(main, shadow.get());
    return differences.isEmpty()
        ? Optional.empty()
        : Optional.of(new ShadowDrift(table, shadowName, false, differences));
  }

  private static Optional<String> createIfMissing(Tx tx, Schema schema, String table) {
    Table shadow = ShadowModel.shadowOf(schema.table(table).orElseThrow());
    if (schema.table(shadow.name()).isPresent()) {
      return Optional.empty();
    }
    tx.dialect().ddl().createTable(shadow).forEach(tx::update);
    return Optional.of(shadow.name());
  }
}
