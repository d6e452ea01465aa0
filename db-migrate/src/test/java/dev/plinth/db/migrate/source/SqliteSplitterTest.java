package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterTestBase.cut;
import static dev.plinth.db.migrate.source.SplitterTestBase.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

class SqliteSplitterTest extends SplitterTestBase {
  private static final String TRIGGER =
      "CREATE TRIGGER trg AFTER INSERT ON a\nBEGIN\n"
          + "  INSERT INTO log VALUES (new.id, 'x;y');\n"
          + "  UPDATE b SET v = CASE WHEN new.id > 1 THEN 'big' ELSE 'small' END;\n"
          + "END";

  private static final String TEMPORARY_TRIGGER =
      "CREATE TEMP TRIGGER IF NOT EXISTS t BEFORE DELETE ON a BEGIN SELECT 1; SELECT 2; END";

  SqliteSplitterTest() {
    super("sqlite");
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        cut(
            "semicolons in strings and identifiers do not split",
            "INSERT INTO \"we;ird\" (`x;y`, [a;b]) VALUES ('it''s; fine', 'a;b');\nSELECT 2;",
            "INSERT INTO \"we;ird\" (`x;y`, [a;b]) VALUES ('it''s; fine', 'a;b')",
            "SELECT 2"),
        cut(
            "backslash is no escape in SQLite strings",
            "SELECT 'a\\'; SELECT 2;",
            "SELECT 'a\\'",
            "SELECT 2"),
        cut("a trigger body is one statement", TRIGGER + ";\nSELECT 1;", TRIGGER, "SELECT 1"),
        cut(
            "a temporary trigger with IF NOT EXISTS is a routine",
            TEMPORARY_TRIGGER + "; SELECT 3;",
            TEMPORARY_TRIGGER,
            "SELECT 3"),
        cut(
            "a transaction's BEGIN is not a block",
            "BEGIN TRANSACTION; CREATE TABLE t (x); COMMIT;",
            "BEGIN TRANSACTION",
            "CREATE TABLE t (x)",
            "COMMIT"),
        cut(
            "a table named like a routine kind is not a routine",
            "CREATE TABLE trigger_log (x); BEGIN; END;",
            "CREATE TABLE trigger_log (x)",
            "BEGIN",
            "END"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(
            "an unterminated string",
            "SELECT 1;\nSELECT 'oops;",
            10,
            "f.sql:11: unterminated string"),
        refusal(
            "an unterminated block comment",
            "SELECT 1 /* no end",
            1,
            "f.sql:1: unterminated /* comment"),
        refusal(
            "an unterminated bracket", "SELECT [a FROM t", 1, "f.sql:1: unterminated [identifier]"),
        refusal(
            "a trigger without END",
            "\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;",
            1,
            "f.sql:2: the statement has a BEGIN (or CASE, IF, LOOP) without its END"));
  }

  @Test
  void splitsOnSemicolonsAndKeepsStartLines() {
    String sql = "CREATE TABLE a (id INTEGER);\n\nINSERT INTO a VALUES (1);\n  SELECT 1";
    assertThat(split(sql))
        .containsExactly("CREATE TABLE a (id INTEGER)", "INSERT INTO a VALUES (1)", "SELECT 1");
    assertThat(lines(sql)).containsExactly(1, 3, 4);
  }

  @Test
  void commentsHideSemicolonsAndQuotesAndCommentOnlyPiecesAreDropped() {
    String sql =
        "-- leading; it's a comment\nSELECT 1 /* a; 'b */ + 1; -- trailing; '\n/* only ; */\n";
    assertThat(split(sql)).containsExactly("SELECT 1 /* a; 'b */ + 1");
    assertThat(lines(sql)).containsExactly(2);
  }

  @Test
  void crlfLineEndsCountLinesOnce() {
    assertThat(lines("SELECT 1;\r\nSELECT 2;\r\n\r\nSELECT 3;")).containsExactly(1, 2, 4);
  }

  @Test
  void unknownBackendIsRefused() {
    assertThatThrownBy(() -> StatementSplitter.forBackend("oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oracle");
  }
}
