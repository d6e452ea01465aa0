package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.StandardDdlRenderer;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SQLite DDL: portable type names are kept as declared (SQLite stores the declared name and derives
 * an affinity from it), and an auto-increment column is {@code INTEGER PRIMARY KEY AUTOINCREMENT}.
 * SQLite's ALTER TABLE only renames tables, adds columns, renames columns (3.25+) and drops columns
 * (3.35+); every other change needs a table rebuild, which the exceptions thrown here point to.
 */
final class SqliteDdlRenderer extends StandardDdlRenderer {
  private static final int RENAME_COLUMN = 3_025_000;
  private static final int DROP_COLUMN = 3_035_000;

  /** A default that ALTER TABLE ADD COLUMN takes: a number, a string, a blob, NULL, TRUE, FALSE. */
  static final Pattern LITERAL =
      Pattern.compile(
          "(?i)[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(e[+-]?\\d+)?|0x[0-9a-f]+|'([^']|'')*'"
              + "|x'[0-9a-f]*'|null|true|false");

  private final Dialect dialect;
  private final int version;

  SqliteDdlRenderer(Dialect dialect, int version) {
    super(dialect);
    this.dialect = dialect;
    this.version = version;
  }

  @Override
  public DdlRenderer forVersion(String serverVersion) {
    return new SqliteDdlRenderer(dialect, versionNumber(serverVersion));
  }

  /** {@code 3.54.1} as 3054001; {@code null} as the largest number, for "the newest". */
  static int versionNumber(String version) {
    if (version == null) {
      return Integer.MAX_VALUE;
    }
    String[] parts = version.trim().split("\\.");
    int number = 0;
    for (int i = 0; i < 3; i++) {
      number = number * 1000 + (i < parts.length ? Integer.parseInt(parts[i]) : 0);
    }
    return number;
  }

  @Override
  protected String typeName(SqlType type) {
    return type.kind() == SqlType.Kind.ENUM ? "VARCHAR(" + type.length() + ")" : type.toString();
  }

  @Override
  protected String autoIncrementClause() {
    return "PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  protected boolean autoIncrementDeclaresPrimaryKey() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws DbNotSupportedException where SQLite's ADD COLUMN refuses the column: a default that is
   *     not a literal (CURRENT_TIMESTAMP, an expression), or NOT NULL without a default
   */
  @Override
  public String addColumn(String table, Column column) {
    String value = column.serverDefault();
    if (value != null && !LITERAL.matcher(value.trim()).matches()) {
      throw rebuildNeeded(
          "add column " + table + "." + column.name() + " with the non-literal default " + value);
    }
    if (!column.nullable() && (value == null || value.trim().equalsIgnoreCase("null"))) {
      throw rebuildNeeded(
          "add column " + table + "." + column.name() + " as NOT NULL without a default");
    }
    return super.addColumn(table, column);
  }

  @Override
  public String dropColumn(String table, String column) {
    if (version < DROP_COLUMN) {
      throw rebuildNeeded("drop column " + table + "." + column + " (needs SQLite 3.35)");
    }
    return super.dropColumn(table, column);
  }

  @Override
  public boolean dropColumnDropsItsIndexes() {
    return false;
  }

  @Override
  public List<String> alterColumn(String table, Column from, Column to) {
    if (!from.equals(to.named(from.name()))) {
      throw rebuildNeeded(
          "change the type, nullability, default or collation of column "
              + table
              + "."
              + from.name());
    }
    return from.name().equals(to.name())
        ? List.of()
        : List.of(renameColumn(table, from.name(), to.name()));
  }

  @Override
  public String renameColumn(String table, String from, String to) {
    if (version < RENAME_COLUMN) {
      throw rebuildNeeded("rename column " + table + "." + from + " (needs SQLite 3.25)");
    }
    return super.renameColumn(table, from, to);
  }

  @Override
  public String addUnique(String table, UniqueConstraint unique) {
    throw rebuildNeeded("add a unique constraint to table " + table);
  }

  @Override
  public String addForeignKey(String table, ForeignKey foreignKey) {
    throw rebuildNeeded("add a foreign key to table " + table);
  }

  @Override
  public String addCheck(String table, CheckConstraint check) {
    throw rebuildNeeded("add a check constraint to table " + table);
  }

  @Override
  public String dropUnique(String table, String name) {
    throw rebuildNeeded("drop constraint " + name + " of table " + table);
  }

  @Override
  public String dropForeignKey(String table, String name) {
    throw rebuildNeeded("drop constraint " + name + " of table " + table);
  }

  @Override
  public String dropCheck(String table, String name) {
    throw rebuildNeeded("drop constraint " + name + " of table " + table);
  }

  @Override
  public String dropPrimaryKey(String table) {
    throw rebuildNeeded("drop the primary key of table " + table);
  }

  @Override
  public String addPrimaryKey(String table, List<String> columns, Table current) {
    throw rebuildNeeded("add a primary key to table " + table);
  }

  @Override
  public List<String> createCopyTable(Table target, String temp) {
    List<String> statements = new ArrayList<>();
    statements.add(createStatement(temp, target, true));
    if (target.columns().stream().anyMatch(Column::autoIncrement)) {
      // Carry the AUTOINCREMENT high-water mark over, so ids of deleted rows are never reused.
      statements.add(
          "INSERT INTO sqlite_sequence (name, seq) SELECT "
              + literal(temp)
              + ", seq FROM sqlite_sequence WHERE name = "
              + literal(target.name()));
    }
    return statements;
  }

  @Override
  public List<String> completeCopyTable(Table target, String temp) {
    List<String> statements = new ArrayList<>();
    target.indexes().forEach(i -> statements.add(createIndex(target.name(), i)));
    return statements;
  }

  @Override
  public boolean createTableMayReferenceLaterTables() {
    return true;
  }

  @Override
  public boolean rebuildKeepsIncomingForeignKeys() {
    return true;
  }

  private static DbNotSupportedException rebuildNeeded(String what) {
    return new DbNotSupportedException(
        "SQLite's ALTER TABLE cannot "
            + what
            + " in place: use op.batchAlterTable(...), which rebuilds the table by move and copy",
        null);
  }
}
