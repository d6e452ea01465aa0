package dev.plinth.db.migrate.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.migrate.source.SqlMigration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Offline rendering of revisions that are not SQL files. */
class OfflineScriptTest {

  @Test
  void revisionThatQueriesOfflineFailsNamingItsOrigin() {
    MigrationScript script = script("q1", true, ctx -> ctx.tx().update("DELETE FROM t"));
    assertThatThrownBy(() -> render(script))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("Query.java: revision q1 uses tx()");
  }

  @Test
  void nonTransactionalRevisionRunsOutsideItsBookkeepingTransaction() {
    MigrationScript script =
        script("n1", false, ctx -> ctx.execute("CREATE INDEX CONCURRENTLY i ON t (a)"));
    assertThat(render(script))
        .containsSubsequence(
            "CREATE INDEX CONCURRENTLY i ON t (a);",
            "BEGIN;",
            "INSERT INTO \"plinth_version\" (version_num) VALUES ('n1');",
            "NULL, CURRENT_TIMESTAMP, 0, 'success');",
            "COMMIT;");
  }

  @Test
  void sqliteTransactionalRevisionStandsInsideTheForeignKeyGuard() {
    MigrationScript script = script("g1", true, ctx -> ctx.execute("DROP TABLE parent"));
    String sql = render(script, "sqlite");
    assertThat(sql)
        .containsSubsequence(
            "-- SQLite: each transactional revision runs with foreign keys off",
            "sqlite3 -bail",
            "-- upgrade g1",
            "PRAGMA foreign_keys = OFF;",
            "BEGIN;",
            "DROP TABLE parent;",
            "INSERT INTO \"plinth_history\"",
            "PRAGMA foreign_key_check;",
            "INSERT OR ROLLBACK INTO plinth_foreign_key_check SELECT 1 FROM"
                + " pragma_foreign_key_check;",
            "COMMIT;",
            "PRAGMA foreign_keys = ON;");
  }

  @Test
  void sqliteRevisionOutsideATransactionHasNoGuard() {
    MigrationScript script = script("n2", false, ctx -> ctx.execute("CREATE INDEX i ON t (a)"));
    assertThat(render(script, "sqlite")).doesNotContain("PRAGMA").doesNotContain("foreign keys");
  }

  @Test
  void mergeDeletesItsParentsRowsAndInsertsItsOwn() {
    MigrationScript a = script("a1", true, List.of(), ctx -> {});
    MigrationScript b = script("b1", true, List.of(), ctx -> {});
    MigrationScript merge = script("m1", true, List.of("a1", "b1"), ctx -> {});
    RevisionGraph graph = RevisionGraph.of(List.of(a.info(), b.info(), merge.info()));
    String sql =
        new OfflineScript(
                Dialects.forName("postgresql"),
                Map.of("a1", a, "b1", b, "m1", merge),
                "plinth_version")
            .render(graph.upgrade(Set.of("a1", "b1"), "heads"));
    assertThat(sql)
        .containsSubsequence(
            "DELETE FROM \"plinth_version\" WHERE version_num = 'a1';",
            "DELETE FROM \"plinth_version\" WHERE version_num = 'b1';",
            "INSERT INTO \"plinth_version\" (version_num) VALUES ('m1');")
        .doesNotContain("UPDATE");
  }

  @Test
  void copyDataBlockStaysPsqlInputAndAnAbsorbedPairIsLeftOut() {
    MigrationScript dump =
        SqlMigration.parse(
            "dump.sql",
            "-- revision: d1\n\n-- +upgrade\nBEGIN;\nCOPY t (a) FROM stdin;\n1\n2\n\\.\n"
                + "SELECT 1;\nCOMMIT;\n");
    assertThat(render(dump))
        .containsSubsequence("BEGIN;", "COPY t (a) FROM stdin;\n1\n2\n\\.\nSELECT 1;", "COMMIT;")
        .containsOnlyOnce("BEGIN;");
  }

  private static String render(MigrationScript script) {
    return render(script, "postgresql");
  }

  private static String render(MigrationScript script, String dialect) {
    RevisionGraph graph = RevisionGraph.of(List.of(script.info()));
    return new OfflineScript(
            Dialects.forName(dialect), Map.of(script.info().id(), script), "plinth_version")
        .render(graph.upgrade(Set.of(), "heads"));
  }

  private static MigrationScript script(
      String id, boolean transactional, Consumer<MigrationContext> upgrade) {
    return script(id, transactional, List.of(), upgrade);
  }

  private static MigrationScript script(
      String id, boolean transactional, List<String> down, Consumer<MigrationContext> upgrade) {
    RevisionInfo info =
        new RevisionInfo(
            id, down, List.of(), List.of(), Optional.empty(), "", "Query.java", transactional);
    return new CodeScript(info, upgrade);
  }

  /** A revision whose upgrade is {@code upgrade} and whose downgrade does nothing. */
  private record CodeScript(RevisionInfo info, Consumer<MigrationContext> upgrade)
      implements MigrationScript {
    @Override
    public void upgrade(MigrationContext ctx) {
      upgrade.accept(ctx);
    }

    @Override
    public void downgrade(MigrationContext ctx) {}
  }
}
