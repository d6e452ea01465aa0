package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterAssertions.lines;
import static dev.plinth.db.migrate.source.SplitterAssertions.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import org.junit.jupiter.api.Test;

class MysqlSplitterTest {
  private static final String MYSQL = "mysql";

  @Test
  void backslashEscapesInBothQuoteKinds() {
    assertThat(split(MYSQL, "SELECT 'it\\'s; x', \"a\\\";b\", 'c\\\\'; SELECT 'd'';e';"))
        .containsExactly("SELECT 'it\\'s; x', \"a\\\";b\", 'c\\\\'", "SELECT 'd'';e'");
  }

  @Test
  void backtickIdentifiers() {
    assertThat(split(MYSQL, "CREATE TABLE `a;b` (`c``;` INT); SELECT 1"))
        .containsExactly("CREATE TABLE `a;b` (`c``;` INT)", "SELECT 1");
  }

  @Test
  void hashAndDashSpaceComments() {
    String sql = "# it's; a comment\nSELECT 1; -- so; is' this\nSELECT 2 # and; this\n;";
    assertThat(split(MYSQL, sql)).containsExactly("SELECT 1", "SELECT 2 # and; this");
  }

  @Test
  void dashesWithoutBlankAreNoComment() {
    assertThat(split(MYSQL, "SELECT 1--1; SELECT 2;")).containsExactly("SELECT 1--1", "SELECT 2");
  }

  @Test
  void executableCommentsAreStatements() {
    assertThat(split(MYSQL, "/*!40101 SET NAMES utf8mb4 */;\n/* plain; */ SELECT 1;"))
        .containsExactly("/*!40101 SET NAMES utf8mb4 */", "SELECT 1");
  }

  @Test
  void delimiterDirectiveAsTheMysqlClient() {
    String sql =
        "DELIMITER //\n"
            + "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND//\n"
            + "CREATE FUNCTION g() RETURNS INT RETURN 1 //\n"
            + "DELIMITER ;\n"
            + "SELECT 3;\n"
            + "delimiter $$\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END$$\n";
    assertThat(split(MYSQL, sql))
        .containsExactly(
            "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND",
            "CREATE FUNCTION g() RETURNS INT RETURN 1",
            "SELECT 3",
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END");
    assertThat(lines(MYSQL, sql)).containsExactly(2, 7, 9, 11);
  }

  @Test
  void delimiterInsideQuotesOrCommentsIsText() {
    String sql = "DELIMITER //\nSELECT '//' /* // */ // SELECT 2 //";
    assertThat(split(MYSQL, sql)).containsExactly("SELECT '//' /* // */", "SELECT 2");
  }

  @Test
  void columnNamedDelimiterIsNoDirective() {
    assertThat(split(MYSQL, "CREATE TABLE t (\n  delimiter INT\n);\nSELECT 1;"))
        .containsExactly("CREATE TABLE t (\n  delimiter INT\n)", "SELECT 1");
  }

  @Test
  void badDelimiterDirectivesFail() {
    assertThatThrownBy(
            () -> StatementSplitter.forBackend(MYSQL).split("SELECT 1;\nDELIMITER\n", "m.sql", 3))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("m.sql:4: expected 'DELIMITER <delimiter>'");
    assertThatThrownBy(() -> split(MYSQL, "DELIMITER // extra\n"))
        .hasMessageContaining("DELIMITER");
    assertThatThrownBy(() -> split(MYSQL, "DELIMITER \\\\\n")).hasMessageContaining("backslash");
  }

  @Test
  void procedureWithoutDelimiterFollowsBlockNesting() {
    String procedure =
        String.join(
            "\n",
            "CREATE DEFINER=`root`@`localhost` PROCEDURE p(IN n INT)",
            "BEGIN",
            "  DECLARE i INT DEFAULT 0;",
            "  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN SET @err = 1; END;",
            "  DROP TABLE IF EXISTS tmp;",
            "  IF n > 0 THEN",
            "    SET i = IF(n > 10, 10, n);",
            "  ELSEIF n < 0 THEN SET i = 0;",
            "  ELSE SELECT CASE WHEN n = 0 THEN 'zero' ELSE 'x' END;",
            "  END IF;",
            "  CASE i WHEN 1 THEN SELECT 'one'; ELSE BEGIN SELECT 'other'; END; END CASE;",
            "  lbl: LOOP",
            "    SET i = i + 1;",
            "    IF i > 5 THEN LEAVE lbl; END IF;",
            "  END LOOP lbl;",
            "  WHILE i > 0 DO SET i = i - 1; END WHILE;",
            "  REPEAT SET i = i + 1; UNTIL i >= 3 END REPEAT;",
            "  SELECT REPEAT('a', 3);",
            "END");
    assertThat(split(MYSQL, procedure + ";\nSELECT 1;")).containsExactly(procedure, "SELECT 1");
  }

  @Test
  void triggerAndEventBodies() {
    String trigger =
        "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW BEGIN\n"
            + "  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND";
    String event = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log WHERE 1; END";
    assertThat(split(MYSQL, trigger + ";\n" + event + ";\nSELECT 1"))
        .containsExactly(trigger, event, "SELECT 1");
  }

  @Test
  void singleStatementBodiesEndAtTheirSemicolon() {
    assertThat(
            split(
                MYSQL,
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;\n"
                    + "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2);\n"
                    + "SELECT 3;"))
        .containsExactly(
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1",
            "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2)",
            "SELECT 3");
  }

  @Test
  void orReplaceAndAggregateFunctionsAreRoutines() {
    String function =
        "CREATE OR REPLACE AGGREGATE FUNCTION agg(x INT) RETURNS INT BEGIN"
            + " DECLARE s INT DEFAULT 0; LOOP FETCH GROUP NEXT ROW; SET s = s + x; END LOOP; END";
    assertThat(split(MYSQL, function + "; SELECT 1")).containsExactly(function, "SELECT 1");
  }

  @Test
  void tableNamedEventIsNoRoutine() {
    assertThat(split(MYSQL, "CREATE TABLE event (id INT); BEGIN; COMMIT;"))
        .containsExactly("CREATE TABLE event (id INT)", "BEGIN", "COMMIT");
  }

  @Test
  void unbalancedProcedureFailsWithItsLine() {
    assertThatThrownBy(
            () ->
                StatementSplitter.forBackend(MYSQL)
                    .split("SELECT 1;\nCREATE PROCEDURE p() BEGIN SELECT 1;", "q.sql", 1))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("q.sql:2: ");
  }

  @Test
  void unterminatedBacktickFails() {
    assertThatThrownBy(() -> split(MYSQL, "SELECT `a FROM t;"))
        .hasMessageContaining("unterminated quoted identifier");
  }
}
