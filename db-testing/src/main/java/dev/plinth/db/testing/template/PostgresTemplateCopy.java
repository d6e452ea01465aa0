package dev.plinth.db.testing.template;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Copies a PostgreSQL template with {@code CREATE DATABASE … TEMPLATE …}, which copies its files
 * and needs no session connected to the template. A used copy whose schema the test left alone is
 * reset instead: the template's rows, read once with {@code COPY … TO STDOUT} before the first
 * copy, are loaded back into emptied tables in one transaction with triggers and foreign keys off
 * ({@code session_replication_role = replica}, which needs a superuser; without one, used copies
 * are dropped), and sequences are set back. A template whose rows exceed {@link #MAX_ROW_BYTES}, or
 * that has partitioned tables or materialised views, is never reset.
 */
final class PostgresTemplateCopy implements CopyMaker {
  /** Above this many bytes of rows a reset would cost more than a copy, and memory too. */
  static final int MAX_ROW_BYTES = 16 * 1024 * 1024;

  private static final String RELATIONS =
      "SELECT c.oid::regclass::text, c.relkind FROM pg_class c JOIN pg_namespace n"
          + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'S')"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1";

  private final String adminUrl;
  private final String template;
  private final UnaryOperator<String> urlOf;
  private final Rows rows;

  /**
   * The template's state a reset brings back; {@code null} where the template cannot be reset.
   *
   * @param fingerprint the template's {@link PostgresSchemaFingerprint}
   * @param tables every user table, as {@code regclass} text
   * @param data the {@code COPY} text of each table that holds rows
   * @param sequences each sequence's state, by {@code regclass} text
   */
  private record Rows(
      String fingerprint,
      List<String> tables,
      Map<String, byte[]> data,
      Map<String, SequenceState> sequences) {}

  /** A sequence's {@code last_value} and {@code is_called}, as {@code setval} takes them. */
  private record SequenceState(long lastValue, boolean called) {}

  private PostgresTemplateCopy(
      String adminUrl, String template, UnaryOperator<String> urlOf, Rows rows) {
    this.adminUrl = adminUrl;
    this.template = template;
    this.urlOf = urlOf;
    this.rows = rows;
  }

  /**
   * Reads what a reset needs from the template, then closes the connection (a template copies only
   * while no session is connected to it).
   *
   * @param urlOf the URL of a database on the server, by name
   * @throws SQLException if the template cannot be read
   */
  static PostgresTemplateCopy capture(String adminUrl, String template, UnaryOperator<String> urlOf)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(urlOf.apply(template))) {
      return new PostgresTemplateCopy(adminUrl, template, urlOf, rowsOf(c));
    }
  }

  @Override
  public void create(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
    }
  }

  @Override
  public boolean reset(String name) throws SQLException {
    if (rows == null) {
      return false;
    }
    try (Connection c = DriverManager.getConnection(urlOf.apply(name))) {
      endOtherSessions(c);
      if (!PostgresSchemaFingerprint.of(c).equals(rows.fingerprint())) {
        return false;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
        for (String table : rows.tables()) {
          s.addBatch("DELETE FROM " + table);
        }
        s.executeBatch();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (Map.Entry<String, byte[]> table : rows.data().entrySet()) {
          copy.copyIn(
              "COPY " + table.getKey() + " FROM STDIN", new ByteArrayInputStream(table.getValue()));
        }
        try (PreparedStatement setval = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
          for (Map.Entry<String, SequenceState> sequence : rows.sequences().entrySet()) {
            setval.setString(1, sequence.getKey());
            setval.setLong(2, sequence.getValue().lastValue());
            setval.setBoolean(3, sequence.getValue().called());
            setval.executeQuery().close();
          }
        }
        c.commit();
        return true;
      } catch (IOException e) {
        c.rollback();
        throw new SQLException("cannot load the template's rows into " + name, e);
      }
    }
  }

  /** A session the test left open must not write into the copy the next test gets. */
  private static void endOtherSessions(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND pid <> pg_backend_pid()")
          .close();
    }
  }

  private static Rows rowsOf(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    List<String> sequenceNames = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(RELATIONS)) {
      while (rs.next()) {
        switch (rs.getString(2)) {
          case "r" -> tables.add(rs.getString(1));
          case "S" -> sequenceNames.add(rs.getString(1));
          default -> {
            return null;
          }
        }
      }
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long total = 0;
    try {
      for (String table : tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.copyOut("COPY " + table + " TO STDOUT", out);
        total += out.size();
        if (total > MAX_ROW_BYTES) {
          return null;
        }
        if (out.size() > 0) {
          data.put(table, out.toByteArray());
        }
      }
    } catch (IOException e) {
      throw new SQLException("cannot read the template's rows", e);
    }
    Map<String, SequenceState> sequences = new LinkedHashMap<>();
    for (String sequence : sequenceNames) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + sequence)) {
        rs.next();
        sequences.put(sequence, new SequenceState(rs.getLong(1), rs.getBoolean(2)));
      }
    }
    return new Rows(PostgresSchemaFingerprint.of(c), tables, data, sequences);
  }
}
