package dev.plinth.db.archive;

import dev.plinth.db.archive.internal.ShadowModel;
import dev.plinth.db.archive.internal.TableGraph;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * Creates every missing shadow table; existing ones are left as they are, drifted or not. A table
   * whose name or whose shadow table's name the backend cannot quote safely is refused on its own;
   * the others are created.
   *
   * @return the shadow tables created and the tables refused
   * @throws dev.plinth.db.core.error.DbException if the schema cannot be read or a CREATE fails
   */
  public ShadowCreation create() {
    ShadowCreation creation =
        db.writer()
            .call(
                tx -> {
                  Schema schema = db.schema().readAll(tx);
                  List<String> created = new ArrayList<>();
                  Map<String, String> refused = new LinkedHashMap<>();
                  for (String table : TableGraph.of(schema).needingShadows()) {
                    Optional<String> problem = identifierProblem(tx.dialect(), table);
                    if (problem.isPresent()) {
                      refused.put(table, problem.get());
                    } else {
                      createIfMissing(tx, schema, table).ifPresent(created::add);
                    }
                  }
                  return new ShadowCreation(created, refused);
                });
    db.schema().invalidate();
    return creation;
  }

  /**
   * Why {@code table} cannot take part in archiving on {@code dialect}: its name or its shadow
   * table's name cannot be quoted safely (a quote or NUL character, or too long).
   */
  static Optional<String> identifierProblem(Dialect dialect, String table) {
    for (String name : List.of(table, ShadowModel.shadowName(table))) {
      try {
        dialect.quote(name);
      } catch (IllegalArgumentException e) {
        return Optional.of("table " + table + " refused: " + e.getMessage());
      }
    }
    return Optional.empty();
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
