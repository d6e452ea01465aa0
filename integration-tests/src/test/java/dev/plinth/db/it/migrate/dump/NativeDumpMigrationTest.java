package dev.plinth.db.it.migrate.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.OfflineScript;
import dev.plinth.db.migrate.source.SqlMigration;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Dumps written by the backends' real dump tools apply unchanged as SQL migrations: each dump is
 * applied through Plinth into one database and through the backend's own client into another, and
 * the two are dumped again and compared, schema and every row.
 */
class NativeDumpMigrationTest {

  @AllBackends
  void aDumpAppliedAsAMigrationEqualsTheDumpRestoredByItsClient(TestDatabase source)
      throws IOException {
    NativeClient client = new NativeClient(source);
    try {
      String original = client.createDatabase(DumpSchemas.of(source.backend()));
      for (List<String> form : dumpForms(source.backend())) {
        String dump = client.dump(original, form);
        String viaPlinth = client.createDatabase();
        String viaClient = client.createDatabase();
        client.apply(viaClient, dump);
        applyThroughPlinth(source, client.url(source, viaPlinth), dump);
        client.apply(viaPlinth, "DROP TABLE plinth_version;\nDROP TABLE plinth_history;\n");

        List<String> compare = compareForm(source.backend());
        assertThat(comparable(client.dump(viaPlinth, compare)))
            .as("%s dump with %s", source.backend(), form)
            .isEqualTo(comparable(client.dump(viaClient, compare)))
            .containsIgnoringCase(
                DumpSchemas.EVERY_BYTE.substring(DumpSchemas.EVERY_BYTE.length() - 32));
      }
    } finally {
      client.dropAll();
    }
  }

  @AllBackends(Backend.POSTGRESQL)
  void aCopyDumpRenderedOfflineRunsInPsqlToTheSameDatabaseOnPostgres(TestDatabase source)
      throws IOException {
    NativeClient client = new NativeClient(source);
    try {
      String original = client.createDatabase(DumpSchemas.of(source.backend()));
      String dump = client.dump(original, List.of());
      SqlMigration revision =
          SqlMigration.parse(
              "dump.sql", "-- revision: dump01\n\n-- +upgrade\n" + dump + "\nRESET search_path;\n");
      String script =
          new OfflineScript(Dialects.postgresql(), Map.of("dump01", revision), "plinth_version")
              .render(RevisionGraph.of(List.of(revision.info())).upgrade(Set.of(), "heads"));
      assertThat(script).contains("FROM stdin;\n").contains("\n\\.\n");
      String viaScript = client.createDatabase();
      String viaClient = client.createDatabase();
      client.apply(viaScript, script);
      client.apply(viaClient, dump);
      client.apply(viaScript, "DROP TABLE plinth_version;\nDROP TABLE plinth_history;\n");

      assertThat(comparable(client.dump(viaScript, List.of("--inserts"))))
          .isEqualTo(comparable(client.dump(viaClient, List.of("--inserts"))));
    } finally {
      client.dropAll();
    }
  }

  private static void applyThroughPlinth(TestDatabase like, String url, String dump)
      throws IOException {
    Path dir = Files.createTempDirectory("plinth-dump-revision");
    Files.writeString(dir.resolve("dump.sql"), "-- revision: dump01\n\n-- +upgrade\n" + dump);
    try (Database db = Database.builder().url(url).build()) {
      Migrator.builder().database(db).locations("filesystem:" + dir).build().upgrade("heads");
      byte[] payload =
          db.reader()
              .call(
                  tx ->
                      tx.queryOne(
                              "SELECT payload FROM items WHERE payload IS NOT NULL",
                              rs -> rs.getBytes(1))
                          .orElseThrow());
      assertThat(HexFormat.of().formatHex(payload)).isEqualTo(DumpSchemas.EVERY_BYTE);
    }
  }

  private static List<List<String>> dumpForms(Backend backend) {
    return switch (backend) {
      case POSTGRESQL -> List.of(List.of("--inserts"), List.of());
      case MYSQL -> List.of(List.of("--hex-blob", "--routines", "--triggers"));
      case SQLITE -> List.of(List.of());
    };
  }

  private static List<String> compareForm(Backend backend) {
    return switch (backend) {
      case POSTGRESQL -> List.of("--inserts");
      case MYSQL ->
          List.of("--hex-blob", "--routines", "--triggers", "--skip-comments", "--skip-dump-date");
      case SQLITE -> List.of();
    };
  }

  /** The dump without the lines that differ between any two dumps (pg_dump's random key). */
  private static String comparable(String dump) {
    return dump.lines()
        .filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
        .collect(Collectors.joining("\n"));
  }
}
