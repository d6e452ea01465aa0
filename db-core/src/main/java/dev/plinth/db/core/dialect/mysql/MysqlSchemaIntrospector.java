package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.CatalogRows;
import dev.plinth.db.core.dialect.ForeignKeyRow;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads MySQL and MariaDB tables of {@code DATABASE()} from {@code information_schema}. MySQL keeps
 * no difference between a unique constraint and a unique index, so every unique key is reported as
 * a unique constraint; the index MySQL creates by itself for a foreign key (named after it) is left
 * out. A functional key part (MySQL 8.0.13+) is read from {@code STATISTICS.EXPRESSION} where that
 * column exists; MariaDB has no such key parts. Checks come from {@code CHECK_CONSTRAINTS}, by its
 * MariaDB {@code TABLE_NAME} column.
 *
 * <p>A column's collation is reported where it is not the database's default collation, rather than
 * the table's: the CREATE TABLE that Plinth renders names no table collation, so a column whose
 * collation came from a table-level {@code COLLATE} needs its own to survive a rebuild.
 */
final class MysqlSchemaIntrospector implements SchemaIntrospector {
  private static final String BY_TABLE = " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";

  @Override
  public List<String> tableNames(Tx tx) {
    return tx.query(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
            + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
        rs -> rs.getString(1));
  }

  @Override
  public Optional<Table> table(Tx tx, String name) {
    List<Column> columns = readColumns(tx, name);
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Table.Builder table = Table.builder(name);
    columns.forEach(table::column);
    List<ForeignKey> foreignKeys = readForeignKeys(tx, name);
    foreignKeys.forEach(table::foreignKey);
    readKeys(tx, name, foreignKeys, table);
    tx.query(
            "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                + " ORDER BY CONSTRAINT_NAME",
            rs -> new CheckConstraint(rs.getString(1), rs.getString(2)),
            name)
        .forEach(table::check);
    return Optional.of(table.build());
  }

  private static List<Column> readColumns(Tx tx, String name) {
    return tx.query(
        "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
            + " CASE WHEN COLLATION_NAME <> @@collation_database THEN COLLATION_NAME END"
            + " FROM information_schema.COLUMNS"
            + BY_TABLE
            + " ORDER BY ORDINAL_POSITION",
        rs -> {
          String defaultSql = rs.getString(4);
          return new Column(
              rs.getString(1),
              SqlType.parse(rs.getString(2)),
              rs.getString(3).equals("YES"),
              "NULL".equalsIgnoreCase(defaultSql) ? null : defaultSql,
              rs.getString(5).toLowerCase(Locale.ROOT).contains("auto_increment"),
              rs.getString(6));
        },
        name);
  }

  private static void readKeys(
      Tx tx, String name, List<ForeignKey> foreignKeys, Table.Builder table) {
    List<KeyRow> rows =
        tx.query(
            "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, "
                + expressionColumn(tx)
                + " FROM information_schema.STATISTICS"
                + BY_TABLE
                + " ORDER BY INDEX_NAME, SEQ_IN_INDEX",
            rs ->
                new KeyRow(
                    rs.getString(1),
                    rs.getInt(2) == 0,
                    rs.getString(4) == null ? rs.getString(3) : Index.expression(rs.getString(4))),
            name);
    Set<String> foreignKeyNames = new HashSet<>();
    foreignKeys.forEach(fk -> foreignKeyNames.add(fk.name()));
    for (List<KeyRow> group : CatalogRows.groupConsecutive(rows, KeyRow::index)) {
      KeyRow first = group.get(0);
      List<String> columns = group.stream().map(KeyRow::column).toList();
      Index index = new Index(first.index, columns, first.unique);
      if (first.index.equals("PRIMARY")) {
        table.primaryKey(columns);
      } else if (index.isUniqueKey()) {
        table.unique(new UniqueConstraint(first.index, columns));
      } else if (!foreignKeyNames.contains(first.index)) {
        table.index(index);
      }
    }
  }

  /**
   * The column of {@code STATISTICS} that holds a functional key part's expression: {@code
   * EXPRESSION} on MySQL 8.0.13+, none (so {@code NULL}) on MariaDB and older MySQL.
   */
  private static String expressionColumn(Tx tx) {
    long found =
        tx.queryOne(
                "SELECT count(*) FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'STATISTICS'"
                    + " AND COLUMN_NAME = 'EXPRESSION'",
                rs -> rs.getLong(1))
            .orElse(0L);
    return found > 0 ? "EXPRESSION" : "NULL";
  }

  private static List<ForeignKey> readForeignKeys(Tx tx, String name) {
    List<ForeignKeyRow> rows =
        tx.query(
            "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
                + " k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE"
                + " FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
                + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ?"
                + " ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
            rs ->
                new ForeignKeyRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)),
            name);
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (List<ForeignKeyRow> group : ForeignKeyRow.byConstraint(rows)) {
      ForeignKeyRow first = group.get(0);
      foreignKeys.add(
          new ForeignKey(
              (String) first.constraint(),
              ForeignKeyRow.columns(group),
              first.referencedTable(),
              ForeignKeyRow.referencedColumns(group),
              first.onDelete(),
              first.onUpdate()));
    }
    return foreignKeys;
  }

  private record KeyRow(String index, boolean unique, String column) {}
}
