package dev.plinth.bench.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A faithful Java port of Nova's {@code archive_deleted_rows} as {@code nova-manage db
 * archive_deleted_rows --max_rows N --until-complete} runs it (see {@code reference/oslo-db.md}
 * §7), on one plain JDBC connection:
 *
 * <ul>
 *   <li>a run walks the tables parents first and stops once {@code maxRows} rows (parents plus
 *       their children) were moved; {@code --until-complete} repeats runs until one moves nothing;
 *   <li>per table: {@code SELECT id ... WHERE deleted <> 0 ORDER BY id LIMIT n}; then, for every
 *       foreign key pointing at the table, the referenced values of those rows and the ids of the
 *       child rows holding them, recursively (children are taken whatever their own {@code
 *       deleted}); these reads run before the transaction, as in Nova;
 *   <li>one transaction: the children's {@code INSERT INTO shadow_c SELECT ... WHERE id IN (...)},
 *       the children's {@code DELETE ... WHERE id IN (...)}, deepest first, then the table's own
 *       INSERT and DELETE of the selected ids.
 * </ul>
 *
 * <p>Left out, because the benchmark's schema does not need them: the {@code instances}-only
 * collection of UUIDs for the API database, {@code --before}, and the task-log variant. A
 * foreign-key error is not caught and skipped as Nova does: in the benchmark it would be a bug.
 */
public final class NovaArchiver {
  private final Connection connection;
  private final ReflectedSchema schema;
  private final int maxRows;

  /**
   * An archiver working on {@code connection}, whose auto-commit it switches as it goes.
   *
   * @param maxRows rows per run ({@code --max_rows})
   */
  public NovaArchiver(Connection connection, int maxRows) throws SQLException {
    this.connection = connection;
    this.schema = ReflectedSchema.read(connection);
    this.maxRows = maxRows;
  }

  /**
   * Runs until a run archives nothing ({@code --until-complete}).
   *
   * @return the rows moved, children included
   */
  public long archiveUntilComplete() throws SQLException {
    long total = 0;
    for (long moved = archiveDeletedRows(); moved > 0; moved = archiveDeletedRows()) {
      total += moved;
    }
    return total;
  }

  /** One {@code archive_deleted_rows(max_rows)}: returns the rows moved, children included. */
  long archiveDeletedRows() throws SQLException {
    long total = 0;
    for (String table : schema.parentsFirst()) {
      total += archiveTable(table, (int) (maxRows - total));
      if (total >= maxRows) {
        break;
      }
    }
    return total;
  }

  private int archiveTable(String table, int limit) throws SQLException {
    connection.setAutoCommit(true);
    List<Object> ids =
        column(
            "SELECT id FROM " + table + " WHERE deleted <> 0 ORDER BY id LIMIT " + limit,
            List.of());
    if (ids.isEmpty()) {
      return 0;
    }
    List<String> inserts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    List<List<Object>> keys = new ArrayList<>();
    fkStatements(table, ids, inserts, deletes, keys);
    connection.setAutoCommit(false);
    try {
      for (int i = 0; i < inserts.size(); i++) {
        update(inserts.get(i), keys.get(i));
      }
      int moved = 0;
      for (int i = 0; i < deletes.size(); i++) {
        moved += update(deletes.get(i), keys.get(i));
      }
      update(insert(table), ids);
      moved += update(delete(table), ids);
      connection.commit();
      return moved;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  /** Nova's {@code _get_fk_stmts}: the statements for the rows referencing {@code ids}. */
  private void fkStatements(
      String table,
      List<Object> ids,
      List<String> inserts,
      List<String> deletes,
      List<List<Object>> keys)
      throws SQLException {
    for (ReflectedSchema.Link link : schema.referencing(table)) {
      List<Object> referenced =
          column(
              "SELECT "
                  + link.parentColumn()
                  + " FROM "
                  + table
                  + " WHERE id IN ("
                  + marks(ids)
                  + ")",
              ids);
      if (referenced.isEmpty()) {
        continue;
      }
      List<Object> childIds =
          column(
              "SELECT id FROM "
                  + link.child()
                  + " WHERE "
                  + link.childColumn()
                  + " IN ("
                  + marks(referenced)
                  + ")",
              referenced);
      if (childIds.isEmpty()) {
        continue;
      }
      fkStatements(link.child(), childIds, inserts, deletes, keys);
      inserts.add(insert(link.child()));
      deletes.add(delete(link.child()));
      keys.add(childIds);
    }
  }

  private String insert(String table) {
    return schema.copyToShadow(table, "id IN (<in>)");
  }

  private static String delete(String table) {
    return "DELETE FROM " + table + " WHERE id IN (<in>)";
  }

  private List<Object> column(String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      List<Object> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
      }
      return values;
    }
  }

  private int update(String sql, List<Object> ids) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql.replace("<in>", marks(ids)))) {
      bind(ps, ids);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private static String marks(List<Object> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }
}
