package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterAssertions.lines;
import static dev.plinth.db.migrate.source.SplitterAssertions.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import org.junit.jupiter.api.Test;

class SqliteSplitterTest {
  private static final String SQLITE = "sqlite";

  @Test
  void splitsOnSemicolonsAndKeepsStartLines() {
    String sql = "CREATE TABLE a (id INTEGER);\n\nINSERT INTO a VALUES (1);\n  SELECT 1";
    assertThat(split(SQLITE, sql))
        .containsExactly("CREATE TABLE a (id INTEGER)", "INSERT INTO a VALUES (1)", "SELECT 1");
    assertThat(lines(SQLITE, sql)).containsExactly(1, 3, 4);
  }

  @Test
  void semicolonsInStringsAndIdentifiersDoNotSplit() {
    String sql = "INSERT INTO \"we;ird\" (`x;y`, [a;b]) VALUES ('it''s; fine', 'a;b');\nSELECT 2;";
    assertThat(split(SQLITE, sql))
        .containsExactly(
            "INSERT INTO \"we;ird\" (`x;y`, [a;b]) VALUES ('it''s; fine', 'a;b')", "SELECT 2");
  }

  @Test
  void backslashIsNoEscapeInSqliteStrings() {
    assertThat(split(SQLITE, "SELECT 'a\\'; SELECT 2;"))
        .containsExactly("SELECT 'a\\'", "SELECT 2");
  }

  @Test
  void commentsHideSemicolonsAndQuotesAndCommentOnlyPiecesAreDropped() {
    String sql =
        "-- leading; it's a comment\nSELECT 1 /* a; 'b */ + 1; -- trailing; '\n/* only ; */\n";
    assertThat(split(SQLITE, sql)).containsExactly("SELECT 1 /* a; 'b */ + 1");
    assertThat(lines(SQLITE, sql)).containsExactly(2);
  }

  @Test
  void triggerBodyIsOneStatement() {
    String sql =
        "CREATE TRIGGER trg AFTER INSERT ON a\nBEGIN\n"
            + "  INSERT INTO log VALUES (new.id, 'x;y');\n"
            + "  UPDATE b SET v = CASE WHEN new.id > 1 THEN 'big' ELSE 'small' END;\n"
            + "END;\nSELECT 1;";
    assertThat(split(SQLITE, sql))
        .hasSize(2)
        .first()
        .asString()
        .startsWith("CREATE TRIGGER trg")
        .endsWith("END");
  }

  @Test
  void temporaryTriggerWithIfNotExistsIsARoutine() {
    String sql =
        "CREATE TEMP TRIGGER IF NOT EXISTS t BEFORE DELETE ON a BEGIN SELECT 1; SELECT 2; END;"
            + " SELECT 3;";
    assertThat(split(SQLITE, sql)).hasSize(2).last().isEqualTo("SELECT 3");
  }

  @Test
  void transactionBeginIsNotABlock() {
    assertThat(split(SQLITE, "BEGIN TRANSACTION; CREATE TABLE t (x); COMMIT;"))
        .containsExactly("BEGIN TRANSACTION", "CREATE TABLE t (x)", "COMMIT");
  }

  @Test
  void tableNamedLikeARoutineKindIsNotARoutine() {
    assertThat(split(SQLITE, "CREATE TABLE trigger_log (x); BEGIN; END;"))
        .containsExactly("CREATE TABLE trigger_log (x)", "BEGIN", "END");
  }

  @Test
  void unterminatedStringNamesItsLine() {
    assertThatThrownBy(
            () ->
                StatementSplitter.forBackend(SQLITE).split("SELECT 1;\nSELECT 'oops;", "f.sql", 10))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessage("f.sql:11: unterminated string");
  }

  @Test
  void unterminatedBlockCommentAndBracketFail() {
    assertThatThrownBy(() -> split(SQLITE, "SELECT 1 /* no end"))
        .hasMessageContaining("unterminated /* comment");
    assertThatThrownBy(() -> split(SQLITE, "SELECT [a FROM t"))
        .hasMessageContaining("unterminated [identifier]");
  }

  @Test
  void triggerWithoutEndFails() {
    assertThatThrownBy(
            () ->
                StatementSplitter.forBackend(SQLITE)
                    .split("\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;", "g.sql", 1))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("g.sql:2: ")
        .hasMessageContaining("without its END");
  }

  @Test
  void crlfLineEndsCountLinesOnce() {
    assertThat(lines(SQLITE, "SELECT 1;\r\nSELECT 2;\r\n\r\nSELECT 3;")).containsExactly(1, 2, 4);
  }

  @Test
  void unknownBackendIsRefused() {
    assertThatThrownBy(() -> StatementSplitter.forBackend("oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oracle");
  }
}
