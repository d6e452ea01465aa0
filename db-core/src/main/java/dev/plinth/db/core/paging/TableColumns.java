package dev.plinth.db.core.paging;

import dev.plinth.db.core.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The columns of a table and whether each may hold NULL, as the sort-key check needs them. */
final class TableColumns {
  private final Map<String, Boolean> nullable;

  private TableColumns(Map<String, Boolean> nullable) {
    this.nullable = nullable;
  }

  /**
   * Reads the columns from the metadata of an empty {@code SELECT *} on {@code table}; looked up
   * without regard to case where the backend matches column names so.
   */
  static TableColumns read(Tx tx, String table) {
    String sql = "SELECT * FROM " + tx.dialect().quote(table) + " WHERE 1 = 0";
    Map<String, Boolean> columns =
        tx.dialect().columnNamesIgnoreCase()
            ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER)
            : new HashMap<>();
    tx.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              columns.put(md.getColumnName(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls);
            }
            return columns;
          }
        });
    return new TableColumns(columns);
  }

  /** Columns given by the caller, whose nullability is unknown and so assumed. */
  static TableColumns allNullable(Set<String> names) {
    Map<String, Boolean> columns = new HashMap<>();
    names.forEach(n -> columns.put(n, true));
    return new TableColumns(columns);
  }

  boolean contains(String column) {
    return nullable.containsKey(column);
  }

  boolean nullable(String column) {
    return nullable.get(column);
  }
}
