package dev.plinth.db.core.dialect;

import dev.plinth.db.core.RowMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * A server session still running work for a lock holder that is gone: its client process died (or
 * lost its lock connection) while the session ran a statement, and the server goes on with that
 * statement until it next talks to the client. Found by {@link SessionLock#orphans()}.
 *
 * @param kind what the server calls the session ({@code PostgreSQL backend pid}, {@code MySQL
 *     connection id})
 * @param id the session's pid or connection id
 * @param query the statement it runs, string literals masked, whitespace collapsed, shortened
 * @param since when that statement started, by the server's clock
 * @param endStatement the statement an operator would run to end it
 */
public record OrphanedSession(
    String kind, long id, String query, Instant since, String endStatement) {
  private static final int MAX_QUERY = 160;
  private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'?");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /** Checks the components and cleans {@code query} as described above. */
  public OrphanedSession {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(endStatement, "endStatement");
    query = clean(query);
  }

  /**
   * Reads orphans from rows of three columns: the session's id, its statement and, in UTC without a
   * zone, when that statement started.
   *
   * @param kind what the server calls a session
   * @param endStatement the statement that ends the session of a given id
   */
  public static RowMapper<OrphanedSession> rows(String kind, LongFunction<String> endStatement) {
    return rs ->
        new OrphanedSession(
            kind,
            rs.getLong(1),
            rs.getString(2),
            rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
            endStatement.apply(rs.getLong(1)));
  }

  /** One line for a log message: kind, id, statement and since when. */
  public String describe() {
    return kind + " " + id + " running '" + query + "' since " + since;
  }

  private static String clean(String query) {
    if (query == null) {
      return "";
    }
    String masked = LITERAL.matcher(query).replaceAll("'?'");
    String flat = SPACE.matcher(masked).replaceAll(" ").strip();
    return flat.length() <= MAX_QUERY ? flat : flat.substring(0, MAX_QUERY) + "…";
  }
}
