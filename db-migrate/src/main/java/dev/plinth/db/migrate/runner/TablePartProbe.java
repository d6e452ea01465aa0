package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.List;
import java.util.Optional;

/**
 * Finds which part of a model table the backend refuses, once its CREATE TABLE failed and was
 * undone: a server names the offending constraint rarely, so the table is created again with its
 * columns and primary key alone, then with each unique constraint and each check on its own (and
 * dropped at once). Foreign keys cannot be tried alone once the tables they reference are gone;
 * when everything else passes, they are named as the suspects.
 */
final class TablePartProbe {
  private final Database db;

  TablePartProbe(Database db) {
    this.db = db;
  }

  /**
   * The part of {@code table} that the backend refuses, as a message names it ({@code check
   * ck_items_qty}); empty when no part fails on its own.
   */
  Optional<String> culprit(Table table) {
    Table bare = bare(table, List.of(), List.of());
    if (!creates(bare)) {
      return Optional.of("its columns or primary key");
    }
    for (UniqueConstraint u : table.uniqueConstraints()) {
      if (!creates(bare(table, List.of(u), List.of()))) {
        return Optional.of("unique constraint " + u.name());
      }
    }
    for (CheckConstraint c : table.checks()) {
      if (!creates(bare(table, List.of(), List.of(c)))) {
        return Optional.of("check " + c.name());
      }
    }
    List<String> keys = table.foreignKeys().stream().map(ForeignKey::name).toList();
    return keys.isEmpty()
        ? Optional.empty()
        : Optional.of("foreign key " + String.join(" or ", keys) + " (each other part passes)");
  }

  private boolean creates(Table probe) {
    DdlRenderer ddl = db.dialect().ddl();
    try {
      db.writer()
          .run(
              tx -> {
                ddl.createTable(probe).forEach(tx::update);
                tx.update(ddl.dropTable(probe.name()));
              });
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Table bare(Table t, List<UniqueConstraint> uniques, List<CheckConstraint> checks) {
    return new Table(t.name(), t.columns(), t.primaryKey(), uniques, List.of(), List.of(), checks);
  }
}
