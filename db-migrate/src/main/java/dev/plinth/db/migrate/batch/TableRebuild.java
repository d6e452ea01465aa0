package dev.plinth.db.migrate.batch;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.SchemaObject;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of one move-and-copy, SQLite's twelve-step ALTER TABLE procedure: create the copy
 * under a temporary name, fill it with one {@code INSERT ... SELECT}, drop the original, rename the
 * copy into its place, then re-create what the drop took along (indexes, triggers, the views that
 * name the table, foreign keys of other tables where the backend needs that). Every statement runs
 * in the revision's transaction, so a failure anywhere leaves the original table as it was.
 *
 * @param source the table as it is
 * @param target the table as the batch wants it
 * @param origins for each column of {@code target} that takes its values from {@code source}, the
 *     source column's name
 * @param dependents the indexes the model cannot hold, views and triggers to drop before and
 *     re-create after
 * @param incoming foreign keys of other tables that point at the table and must be re-created
 */
record TableRebuild(
    Table source,
    Table target,
    Map<String, String> origins,
    List<SchemaObject> dependents,
    List<IncomingKey> incoming) {

  /** Prefix of the copy's temporary name. */
  static final String TEMP_PREFIX = "_plinth_tmp_";

  /**
   * A foreign key of another table pointing at the rebuilt table.
   *
   * @param table the referencing table
   * @param foreignKey its foreign key
   */
  record IncomingKey(String table, ForeignKey foreignKey) {}

  /** The statements before the copy: drop what depends on the table, create the copy's table. */
  List<String> beforeCopy(DdlRenderer ddl) {
    List<String> sql = new ArrayList<>();
    incoming.forEach(k -> sql.add(ddl.dropForeignKey(k.table(), k.foreignKey().name())));
    for (int i = dependents.size() - 1; i >= 0; i--) {
      SchemaObject o = dependents.get(i);
      sql.add("DROP " + o.kind().toUpperCase(Locale.ROOT) + " " + ddl.quote(o.name()));
    }
    sql.addAll(ddl.createCopyTable(target, temp()));
    return sql;
  }

  /** The copy, one {@code INSERT ... SELECT}; empty when no column keeps its values. */
  Optional<String> copy(DdlRenderer ddl) {
    return origins.isEmpty() ? Optional.empty() : Optional.of(copy(ddl, temp()));
  }

  /**
   * The target's unique keys that the copy fills row by row (its primary key and unique
   * constraints, not the indexes created after it), as columns of the source; keys with a column
   * that takes no values from the source are left out.
   */
  List<List<String>> copiedUniqueKeys() {
    List<List<String>> keys = new ArrayList<>();
    keys.add(target.primaryKey());
    target.uniqueConstraints().forEach(u -> keys.add(u.columns()));
    return keys.stream()
        .filter(k -> !k.isEmpty() && k.stream().allMatch(origins::containsKey))
        .map(k -> k.stream().map(origins::get).toList())
        .toList();
  }

  /**
   * The statements after the copy: drop the original, rename the copy into its place, re-create its
   * indexes, dependents and the foreign keys that pointed at it.
   */
  List<String> afterCopy(DdlRenderer ddl) {
    List<String> sql = new ArrayList<>();
    sql.add(ddl.dropTable(source.name()));
    sql.add(ddl.renameTable(temp(), target.name()));
    sql.addAll(ddl.completeCopyTable(target, temp()));
    dependents.stream().map(o -> recreate(o, ddl)).flatMap(Optional::stream).forEach(sql::add);
    for (IncomingKey k : incoming) {
      ForeignKey fk = k.foreignKey();
      List<String> referenced = fk.referencedColumns().stream().map(c -> renamedTo(c)).toList();
      sql.add(
          ddl.addForeignKey(
              k.table(),
              new ForeignKey(
                  fk.name(),
                  fk.columns(),
                  target.name(),
                  referenced,
                  fk.onDelete(),
                  fk.onUpdate())));
    }
    return sql;
  }

  private String temp() {
    return TEMP_PREFIX + target.name();
  }

  private String copy(DdlRenderer ddl, String temp) {
    List<String> into = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (Column c : target.columns()) {
      String from = origins.get(c.name());
      if (from == null) {
        continue;
      }
      into.add(ddl.quote(c.name()));
      boolean fill =
          !c.nullable()
              && c.serverDefault() != null
              && source.column(from).orElseThrow().nullable();
      select.add(
          fill ? "COALESCE(" + ddl.quote(from) + ", " + c.serverDefault() + ")" : ddl.quote(from));
    }
    return "INSERT INTO "
        + ddl.quote(temp)
        + " ("
        + String.join(", ", into)
        + ") SELECT "
        + String.join(", ", select)
        + " FROM "
        + ddl.quote(source.name());
  }

  private String renamedTo(String sourceColumn) {
    return origins.entrySet().stream()
        .filter(e -> e.getValue().equals(sourceColumn))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(sourceColumn);
  }

  /**
   * The statement that re-creates {@code dependent} after the copy. An index the model cannot hold
   * (partial, or over an expression) is re-created from its own SQL with renamed columns renamed,
   * and not at all if it names a dropped column, which takes it along as PostgreSQL's DROP COLUMN
   * does; views and triggers as they were.
   */
  private Optional<String> recreate(SchemaObject dependent, DdlRenderer ddl) {
    if (!dependent.kind().equals("index")) {
      return Optional.of(dependent.sql());
    }
    String sql = dependent.sql();
    for (Column column : source.columns()) {
      if (!origins.containsValue(column.name()) && IndexColumns.uses(sql, column.name())) {
        return Optional.empty();
      }
    }
    Map<String, String> renamed = new HashMap<>();
    origins.forEach(
        (to, from) -> {
          if (!to.equals(from)) {
            renamed.put(from.toLowerCase(Locale.ROOT), to);
          }
        });
    return Optional.of(renamed.isEmpty() ? sql : IndexColumns.rename(sql, renamed, ddl));
  }
}
