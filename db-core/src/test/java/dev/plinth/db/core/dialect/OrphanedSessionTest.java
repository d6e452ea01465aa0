package dev.plinth.db.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrphanedSessionTest {
  private static final Instant SINCE = Instant.parse("2026-12-07T23:00:00Z");

  @Test
  void stringLiteralsAreMaskedAndWhitespaceCollapsed() {
    OrphanedSession s =
        session("ALTER USER app\n\tWITH PASSWORD 'pre;S3cret''XYZ'  -- rotate\n  VALID UNTIL 'x");
    assertThat(s.query()).isEqualTo("ALTER USER app WITH PASSWORD '?' -- rotate VALID UNTIL '?'");
    assertThat(s.describe())
        .isEqualTo("PostgreSQL backend pid 42 running '" + s.query() + "' since " + SINCE);
  }

  @Test
  void longStatementsAreShortenedAndAMissingOneIsEmpty() {
    assertThat(session("SELECT " + "x, ".repeat(100) + "1").query()).hasSize(161).endsWith("…");
    assertThat(session(null).query()).isEmpty();
  }

  private static OrphanedSession session(String query) {
    return new OrphanedSession(
        "PostgreSQL backend pid", 42, query, SINCE, "SELECT pg_terminate_backend(42)");
  }
}
