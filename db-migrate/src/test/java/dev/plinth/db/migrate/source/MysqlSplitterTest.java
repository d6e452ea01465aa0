package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterTestBase.cut;
import static dev.plinth.db.migrate.source.SplitterTestBase.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

class MysqlSplitterTest extends SplitterTestBase {
  private static final String PROCEDURE =
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

  private static final String TRIGGER =
      "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW BEGIN\n"
          + "  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND";

  private static final String EVENT =
      "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log WHERE 1; END";

  private static final String AGGREGATE =
      "CREATE OR REPLACE AGGREGATE FUNCTION agg(x INT) RETURNS INT BEGIN"
          + " DECLARE s INT DEFAULT 0; LOOP FETCH GROUP NEXT ROW; SET s = s + x; END LOOP; END";

  MysqlSplitterTest() {
    super("mysql");
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        cut(
            "backslash escapes in both quote kinds",
            "SELECT 'it\\'s; x', \"a\\\";b\", 'c\\\\'; SELECT 'd'';e';",
            "SELECT 'it\\'s; x', \"a\\\";b\", 'c\\\\'",
            "SELECT 'd'';e'"),
        cut(
            "backtick identifiers",
            "CREATE TABLE `a;b` (`c``;` INT); SELECT 1",
            "CREATE TABLE `a;b` (`c``;` INT)",
            "SELECT 1"),
        cut(
            "hash and dash-space comments",
            "# it's; a comment\nSELECT 1; -- so; is' this\nSELECT 2 # and; this\n;",
            "SELECT 1",
            "SELECT 2 # and; this"),
        cut(
            "dashes without a blank are no comment",
            "SELECT 1--1; SELECT 2;",
            "SELECT 1--1",
            "SELECT 2"),
        cut(
            "executable comments are statements",
            "/*!40101 SET NAMES utf8mb4 */;\n/* plain; */ SELECT 1;",
            "/*!40101 SET NAMES utf8mb4 */",
            "SELECT 1"),
        cut(
            "a delimiter inside quotes or comments is text",
            "DELIMITER //\nSELECT '//' /* // */ // SELECT 2 //",
            "SELECT '//' /* // */",
            "SELECT 2"),
        cut(
            "a column named delimiter is no directive",
            "CREATE TABLE t (\n  delimiter INT\n);\nSELECT 1;",
            "CREATE TABLE t (\n  delimiter INT\n)",
            "SELECT 1"),
        cut(
            "a procedure without DELIMITER follows block nesting",
            PROCEDURE + ";\nSELECT 1;",
            PROCEDURE,
            "SELECT 1"),
        cut(
            "trigger and event bodies",
            TRIGGER + ";\n" + EVENT + ";\nSELECT 1",
            TRIGGER,
            EVENT,
            "SELECT 1"),
        cut(
            "single-statement bodies end at their semicolon",
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;\n"
                + "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2);\n"
                + "SELECT 3;",
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1",
            "CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2)",
            "SELECT 3"),
        cut(
            "OR REPLACE and AGGREGATE functions are routines",
            AGGREGATE + "; SELECT 1",
            AGGREGATE,
            "SELECT 1"),
        cut(
            "a table named event is no routine",
            "CREATE TABLE event (id INT); BEGIN; COMMIT;",
            "CREATE TABLE event (id INT)",
            "BEGIN",
            "COMMIT"));
  }

  static Stream<Arguments> refusals() {
    String badDelimiter = "expected 'DELIMITER <delimiter>' (one word, no backslash)";
    return Stream.of(
        refusal(
            "DELIMITER without a delimiter",
            "SELECT 1;\nDELIMITER\n",
            3,
            "f.sql:4: " + badDelimiter),
        refusal("DELIMITER with two words", "DELIMITER // extra\n", 1, "f.sql:1: " + badDelimiter),
        refusal("DELIMITER with a backslash", "DELIMITER \\\\\n", 1, "f.sql:1: " + badDelimiter),
        refusal(
            "an unbalanced procedure",
            "SELECT 1;\nCREATE PROCEDURE p() BEGIN SELECT 1;",
            1,
            "f.sql:2: the statement has a BEGIN (or CASE, IF, LOOP) without its END"),
        refusal(
            "an unterminated backtick",
            "SELECT `a FROM t;",
            1,
            "f.sql:1: unterminated quoted identifier"));
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
    assertThat(split(sql))
        .containsExactly(
            "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND",
            "CREATE FUNCTION g() RETURNS INT RETURN 1",
            "SELECT 3",
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END");
    assertThat(lines(sql)).containsExactly(2, 7, 9, 11);
  }
}
