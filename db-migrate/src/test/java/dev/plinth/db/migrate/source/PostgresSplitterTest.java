package dev.plinth.db.migrate.source;

import static dev.plinth.db.migrate.source.SplitterTestBase.cut;
import static dev.plinth.db.migrate.source.SplitterTestBase.refusal;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class PostgresSplitterTest extends SplitterTestBase {
  private static final String FUNCTION =
      "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 'a;b';\n"
          + "  RETURN NEW; -- it's\nEND;\n$$ LANGUAGE plpgsql";

  private static final String ATOMIC_FUNCTION =
      "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
          + "  SELECT 1;\n  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;\nEND";

  private static final String RULE =
      "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b)";

  PostgresSplitterTest() {
    super("postgresql");
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        cut("dollar-quoted body is one statement", FUNCTION + ";\nSELECT 1;", FUNCTION, "SELECT 1"),
        cut(
            "tagged dollar quote may hold plain dollar quotes",
            "DO $body$ BEGIN EXECUTE $$SELECT ';'$$; END $body$; SELECT 2",
            "DO $body$ BEGIN EXECUTE $$SELECT ';'$$; END $body$",
            "SELECT 2"),
        cut(
            "positional parameters and dollars in identifiers are no quotes",
            "PREPARE p AS SELECT $1; SELECT a$b$ FROM t; EXECUTE p(1);",
            "PREPARE p AS SELECT $1",
            "SELECT a$b$ FROM t",
            "EXECUTE p(1)"),
        cut(
            "standard strings have no backslash escapes but escape strings do",
            "SELECT 'a\\'; SELECT E'it\\'s; x', e'\\\\'; SELECT 3",
            "SELECT 'a\\'",
            "SELECT E'it\\'s; x', e'\\\\'",
            "SELECT 3"),
        cut(
            "a word ending in E is no escape-string prefix",
            "SELECT name'x;'; SELECT 2",
            "SELECT name'x;'",
            "SELECT 2"),
        cut(
            "block comments nest",
            "SELECT /* a /* b; */ still; comment */ 1; SELECT 2",
            "SELECT /* a /* b; */ still; comment */ 1",
            "SELECT 2"),
        cut(
            "quoted identifiers with doubled quotes",
            "CREATE TABLE \"a\"\";b\" (x int); SELECT 1",
            "CREATE TABLE \"a\"\";b\" (x int)",
            "SELECT 1"),
        cut(
            "BEGIN ATOMIC body is one statement",
            ATOMIC_FUNCTION + ";\nSELECT 2;",
            ATOMIC_FUNCTION,
            "SELECT 2"),
        cut(
            "semicolons inside parentheses belong to the statement, as in psql",
            RULE + "; SELECT 1",
            RULE,
            "SELECT 1"),
        cut(
            "transaction statements and a concurrent index split",
            "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (x);\nCOMMIT;",
            "BEGIN",
            "CREATE INDEX CONCURRENTLY i ON t (x)",
            "COMMIT"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(
            "an unterminated dollar quote names its tag",
            "SELECT 1;\nDO $fn$ BEGIN END $$;",
            5,
            "f.sql:6: unterminated dollar-quoted string $fn$"),
        refusal(
            "an unterminated nested comment",
            "SELECT /* a /* b */ 1;",
            1,
            "f.sql:1: unterminated /* comment"));
  }
}
