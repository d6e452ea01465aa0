package dev.plinth.bench.archive;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the plain-JDBC contenders need to know about the database, read through {@link
 * DatabaseMetaData} as Nova reflects it with SQLAlchemy: the archivable tables (those with a {@code
 * deleted} column and a {@code shadow_} table) sorted parents first, their columns, and the foreign
 * keys pointing at each of them.
 */
final class ReflectedSchema {
  /** A foreign key: {@code child.childColumn} references {@code parent.parentColumn}. */
  record Link(String child, String childColumn, String parent, String parentColumn) {}

  private final List<String> parentsFirst;
  private final Map<String, List<String>> columns;
  private final List<Link> links;

  private ReflectedSchema(
      List<String> parentsFirst, Map<String, List<String>> columns, List<Link> links) {
    this.parentsFirst = parentsFirst;
    this.columns = columns;
    this.links = links;
  }

  /** Reads the schema of {@code c}'s current database. */
  static ReflectedSchema read(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String catalog = c.getCatalog();
    String schema = c.getSchema();
    Set<String> all = new LinkedHashSet<>();
    try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        all.add(rs.getString("TABLE_NAME"));
      }
    }
    Map<String, List<String>> columns = new LinkedHashMap<>();
    List<Link> links = new ArrayList<>();
    for (String table : all) {
      if (table.startsWith("shadow_") || !all.contains("shadow_" + table)) {
        continue;
      }
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getColumns(catalog, schema, table, "%")) {
        while (rs.next()) {
          names.add(rs.getString("COLUMN_NAME"));
        }
      }
      if (names.contains("deleted")) {
        columns.put(table, names);
      }
      try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
        while (rs.next()) {
          links.add(
              new Link(
                  table,
                  rs.getString("FKCOLUMN_NAME"),
                  rs.getString("PKTABLE_NAME"),
                  rs.getString("PKCOLUMN_NAME")));
        }
      }
    }
    links.removeIf(l -> !columns.containsKey(l.child()) || !columns.containsKey(l.parent()));
    return new ReflectedSchema(sortParentsFirst(columns.keySet(), links), columns, links);
  }

  /** The archivable tables, every table after the tables it references. */
  List<String> parentsFirst() {
    return parentsFirst;
  }

  /** The archivable tables, every table before the tables it references. */
  List<String> childrenFirst() {
    List<String> reversed = new ArrayList<>(parentsFirst);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  /**
   * The statement that copies the rows of {@code table} matching {@code where} to its {@code
   * shadow_} table, column by column.
   */
  String copyToShadow(String table, String where) {
    String columnList = String.join(", ", columns.get(table));
    return "INSERT INTO shadow_"
        + table
        + " ("
        + columnList
        + ") SELECT "
        + columnList
        + " FROM "
        + table
        + " WHERE "
        + where;
  }

  /** The foreign keys that reference {@code table}. */
  List<Link> referencing(String table) {
    return links.stream().filter(l -> l.parent().equals(table)).toList();
  }

  private static List<String> sortParentsFirst(Set<String> tables, List<Link> links) {
    List<String> sorted = new ArrayList<>();
    Set<String> left = new LinkedHashSet<>(tables);
    while (!left.isEmpty()) {
      String next =
          left.stream()
              .filter(
                  t ->
                      links.stream()
                          .noneMatch(
                              l ->
                                  l.child().equals(t)
                                      && !l.parent().equals(t)
                                      && left.contains(l.parent())))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("foreign-key cycle among " + left));
      sorted.add(next);
      left.remove(next);
    }
    return sorted;
  }
}
