package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.runner.OfflineContext;
import dev.plinth.db.migrate.source.fixtures.AddColour;
import dev.plinth.db.migrate.source.fixtures.AddNote;
import dev.plinth.db.migrate.source.fixtures.Unannotated;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSourcesTest {
  private static final String SERVICES = "META-INF/services/" + Migration.class.getName();
  private static final ClassLoader TESTS = MigrationSourcesTest.class.getClassLoader();

  @TempDir Path tmp;

  private static String sql(String id) {
    return "-- revision: " + id + "\n-- +upgrade\nSELECT '" + id + "';\n";
  }

  private static List<String> ids(List<? extends MigrationScript> scripts) {
    return scripts.stream().map(s -> s.info().id()).toList();
  }

  private static List<String> origins(List<? extends MigrationScript> scripts) {
    return scripts.stream().map(s -> s.info().origin()).toList();
  }

  @Test
  void classpathDirectoryIsScannedRecursivelyInPathOrder() {
    List<SqlMigration> scripts =
        MigrationSources.loadSql(List.of(Location.classpath("sql-migrations")), TESTS);
    assertThat(origins(scripts))
        .containsExactly(
            "classpath:sql-migrations/a_items.sql",
            "classpath:sql-migrations/nested/b.sql",
            "classpath:sql-migrations/nested/deeper/z_base.sql");
    assertThat(ids(scripts)).containsExactly("sql1", "sql2", "sql0");
    assertThat(scripts.get(0).checksum()).isPresent();
  }

  @Test
  void filesystemDirectoryIsScannedRecursivelyAndOnlySqlFilesCount() throws IOException {
    write(tmp.resolve("b/2.sql"), sql("f2"));
    write(tmp.resolve("a.sql"), sql("f1"));
    write(tmp.resolve("b/1.sql"), sql("f3"));
    write(tmp.resolve("b/notes.md"), "ignored");
    write(tmp.resolve("b/old.sql.bak"), "ignored");
    List<SqlMigration> scripts =
        MigrationSources.loadSql(List.of(Location.filesystem(tmp.toString())), TESTS);
    assertThat(ids(scripts)).containsExactly("f1", "f3", "f2");
    assertThat(scripts.get(2).info().origin()).isEqualTo(tmp.resolve("b/2.sql").toString());
  }

  @Test
  void missingLocationsAreNamed() {
    Path missing = tmp.resolve("nope");
    assertThatThrownBy(
            () -> MigrationSources.load(List.of(Location.filesystem(missing.toString())), TESTS))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("filesystem:" + missing)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () -> MigrationSources.load(List.of(Location.classpath("no/such/folder")), TESTS))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("classpath:no/such/folder");
  }

  @Test
  void badHeaderInALocationNamesFileAndLine() throws IOException {
    write(tmp.resolve("ok.sql"), sql("ok"));
    write(tmp.resolve("sub/bad.sql"), "-- revision: r\n-- phase: sideways\n-- +upgrade\n");
    assertThatThrownBy(
            () -> MigrationSources.load(List.of(Location.filesystem(tmp.toString())), TESTS))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith(tmp.resolve("sub/bad.sql") + ":2: ");
  }

  @Test
  void invalidUtf8IsRefusedNamingTheFile() throws IOException {
    Files.write(tmp.resolve("latin1.sql"), new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
    assertThatThrownBy(
            () -> MigrationSources.load(List.of(Location.filesystem(tmp.toString())), TESTS))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("latin1.sql")
        .hasMessageContaining("UTF-8");
  }

  @Test
  void javaMigrationsComeFromServiceLoaderSortedByClassName() throws IOException {
    try (URLClassLoader loader = loaderFor(TESTS.getResource("java-migrations/"))) {
      List<JavaMigration> java = MigrationSources.loadJava(loader);
      assertThat(java)
          .extracting(m -> (Object) m.migration().getClass())
          .containsExactly(AddColour.class, AddNote.class);
      RevisionInfo note = java.get(1).info();
      assertThat(note.id()).isEqualTo("java2");
      assertThat(note.downRevisions()).containsExactly("sql1");
      assertThat(note.branchLabels()).containsExactly("notes");
      assertThat(note.phase()).contains(Phase.EXPAND);
      assertThat(note.message()).isEqualTo("add note");
      assertThat(note.transactional()).isFalse();
      assertThat(note.origin()).isEqualTo(AddNote.class.getName());
      assertThat(java.get(0).info().downRevisions()).containsExactly("sql1", "sql2");
      assertThat(java.get(0).info().dependsOn()).containsExactly("sql0");
      assertThat(java.get(0).checksum()).isEmpty();
    }
  }

  @Test
  void javaMigrationRunsThroughTheContext() {
    OfflineContext ctx = SqlMigrationTest.recording("sqlite");
    JavaMigration note = JavaMigration.of(new AddNote());
    note.upgrade(ctx);
    note.downgrade(ctx);
    assertThat(ctx.statements())
        .containsExactly(
            "ALTER TABLE items ADD COLUMN note TEXT", "ALTER TABLE items DROP COLUMN note");
  }

  @Test
  void migrationWithoutRevisionIsNamed() throws IOException {
    assertThatThrownBy(() -> JavaMigration.of(new Unannotated()))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining(Unannotated.class.getName())
        .hasMessageContaining("@Revision");
    Path jar = jar(Map.of(SERVICES, Unannotated.class.getName() + "\n"));
    try (URLClassLoader loader = loaderFor(jar.toUri().toURL())) {
      assertThatThrownBy(() -> MigrationSources.loadJava(loader))
          .isInstanceOf(InvalidMigrationException.class)
          .hasMessageContaining(Unannotated.class.getName());
    }
  }

  @Test
  void unloadableServiceEntryIsReported() throws IOException {
    Path jar = jar(Map.of(SERVICES, "com.example.Missing\n"));
    try (URLClassLoader loader = loaderFor(jar.toUri().toURL())) {
      assertThatThrownBy(() -> MigrationSources.loadJava(loader))
          .isInstanceOf(InvalidMigrationException.class)
          .hasMessageContaining("com.example.Missing");
    }
  }

  @Test
  void jarLocationsAndDeclarationOrder() throws IOException {
    Map<String, String> entries = new TreeMap<>();
    entries.put("db/jarred/9_first.sql", sql("j1"));
    entries.put("db/jarred/sub/0_second.sql", sql("j2"));
    entries.put("db/jarred/sub/readme.txt", "ignored");
    entries.put("db/other/x.sql", sql("other"));
    entries.put("sql-migrations/c_from_jar.sql", sql("jarsql"));
    entries.put(SERVICES, AddNote.class.getName() + "\n");
    Path jar = jar(entries);
    write(tmp.resolve("fs/only.sql"), sql("fs1"));
    List<Location> locations =
        List.of(
            Location.filesystem(tmp.resolve("fs").toString()),
            Location.classpath("db/jarred"),
            Location.classpath("sql-migrations"));
    try (URLClassLoader loader = loaderFor(jar.toUri().toURL())) {
      List<MigrationScript> all = MigrationSources.load(locations, loader);
      assertThat(ids(all))
          .containsExactly("fs1", "j1", "j2", "sql1", "jarsql", "sql2", "sql0", "java2");
      assertThat(all.get(1).info().origin()).isEqualTo("classpath:db/jarred/9_first.sql");
      assertThat(all.get(2).info().origin()).isEqualTo("classpath:db/jarred/sub/0_second.sql");
      assertThat(all.get(2).checksum()).contains(ScriptChecksum.of(sql("j2")));
    }
  }

  private Path jar(Map<String, String> entries) throws IOException {
    Path jar = Files.createTempFile(tmp, "migrations", ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      TreeMap<String, String> withDirectories = new TreeMap<>(entries);
      for (String name : entries.keySet()) {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
          withDirectories.putIfAbsent(name.substring(0, slash + 1), null);
        }
      }
      for (Map.Entry<String, String> entry : withDirectories.entrySet()) {
        jarOut.putNextEntry(new JarEntry(entry.getKey()));
        if (entry.getValue() != null) {
          jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        }
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  private static URLClassLoader loaderFor(URL root) {
    return new URLClassLoader(new URL[] {root}, TESTS);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
