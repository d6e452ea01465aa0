package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterAssertions.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import org.junit.jupiter.api.Test;

class PostgresSplitterTest {
  private static final String PG = "postgresql";

  @Test
  void dollarQuotedBodyIsOneStatement() {
    String body =
        "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 'a;b';\n"
            + "  RETURN NEW; -- it's\nEND;\n$$ LANGUAGE plpgsql";
    assertThat(split(PG, body + ";\nSELECT 1;")).containsExactly(body, "SELECT 1");
  }

  @Test
  void taggedDollarQuoteMayHoldPlainDollarQuotes() {
    String sql = "DO $body$ BEGIN EXECUTE $$SELECT ';'$$; END $body$; SELECT 2";
    assertThat(split(PG, sql))
        .containsExactly("DO $body$ BEGIN EXECUTE $$SELECT ';'$$; END $body$", "SELECT 2");
  }

  @Test
  void positionalParametersAndDollarsInIdentifiersAreNoQuotes() {
    assertThat(split(PG, "PREPARE p AS SELECT $1; SELECT a$b$ FROM t; EXECUTE p(1);"))
        .containsExactly("PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "EXECUTE p(1)");
  }

  @Test
  void standardStringsHaveNoBackslashEscapesButEscapeStringsDo() {
    assertThat(split(PG, "SELECT 'a\\'; SELECT E'it\\'s; x', e'\\\\'; SELECT 3"))
        .containsExactly("SELECT 'a\\'", "SELECT E'it\\'s; x', e'\\\\'", "SELECT 3");
  }

  @Test
  void wordEndingInEIsNoEscapeStringPrefix() {
    assertThat(split(PG, "SELECT name'x;'; SELECT 2"))
        .containsExactly("SELECT name'x;'", "SELECT 2");
  }

  @Test
  void blockCommentsNest() {
    assertThat(split(PG, "SELECT /* a /* b; */ still; comment */ 1; SELECT 2"))
        .containsExactly("SELECT /* a /* b; */ still; comment */ 1", "SELECT 2");
  }

  @Test
  void quotedIdentifiersWithDoubledQuotes() {
    assertThat(split(PG, "CREATE TABLE \"a\"\";b\" (x int); SELECT 1"))
        .containsExactly("CREATE TABLE \"a\"\";b\" (x int)", "SELECT 1");
  }

  @Test
  void beginAtomicBodyIsOneStatement() {
    String function =
        "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
            + "  SELECT 1;\n  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;\nEND";
    assertThat(split(PG, function + ";\nSELECT 2;")).containsExactly(function, "SELECT 2");
  }

  @Test
  void semicolonsInsideParenthesesBelongToTheStatementAsInPsql() {
    String rule =
        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b)";
    assertThat(split(PG, rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
  }

  @Test
  void transactionStatementsAndConcurrentIndexSplit() {
    assertThat(split(PG, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (x);\nCOMMIT;"))
        .containsExactly("BEGIN", "CREATE INDEX CONCURRENTLY i ON t (x)", "COMMIT");
  }

  @Test
  void unterminatedDollarQuoteNamesTagAndLine() {
    assertThatThrownBy(
            () ->
                StatementSplitter.forBackend(PG)
                    .split("SELECT 1;\nDO $fn$ BEGIN END $$;", "p.sql", 5))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessage("p.sql:6: unterminated dollar-quoted string $fn$");
  }

  @Test
  void unterminatedNestedCommentFails() {
    assertThatThrownBy(() -> split(PG, "SELECT /* a /* b */ 1;"))
        .hasMessageContaining("unterminated /* comment");
  }
}
