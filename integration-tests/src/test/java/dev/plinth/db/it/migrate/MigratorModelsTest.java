package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** {@link Migrator#compareModels()} with models given, listed as providers, or absent. */
class MigratorModelsTest {
  @TempDir Path migrations;
  @TempDir Path classes;

  @AllBackends
  void listedProvidersAreComparedWithTheLiveSchema(Database db) throws IOException {
    revision(
        "CREATE TABLE items (id INTEGER NOT NULL, name VARCHAR(64) NOT NULL, PRIMARY KEY (id));\n"
            + "CREATE TABLE shadow_items (id INTEGER);\nCREATE TABLE leftover (id INTEGER);");
    try (Migrator migrator = migrator(db).classLoader(listing(ItemsModels.class)).build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences())
          .as("shadow_* excluded by the provider, version and history tables by the migrator")
          .containsExactly(
              "column items.qty: missing in database",
              "table leftover: in database, not in models");
    }
  }

  @AllBackends
  void givenModelsReplaceTheListedOnes(Database db) throws IOException {
    revision(ItemsModels.MATCHING_DDL);
    Table tags = Table.builder("tags").column(Column.of("id", SqlType.integer()).notNull()).build();
    Schema given = Schema.of(List.of(new ItemsModels().models().tables().get("items"), tags));
    try (Migrator migrator =
        migrator(db).classLoader(listing(ItemsModels.class)).models(given).build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences())
          .containsExactly("table tags: missing in database");
    }
    try (Migrator matching = migrator(db).classLoader(listing(ItemsModels.class)).build()) {
      assertThat(matching.compareModels().orElseThrow().isEmpty()).isTrue();
    }
  }

  @AllBackends
  void withoutModelsThereIsNothingToCompare(Database db) throws IOException {
    revision(ItemsModels.MATCHING_DDL);
    try (Migrator migrator = migrator(db).build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels()).isEmpty();
    }
  }

  @AllBackends(Backend.SQLITE)
  void aTableDeclaredByTwoProvidersIsRefusedNamingBothOnSqlite(Database db) throws IOException {
    revision(ItemsModels.MATCHING_DDL);
    ClassLoader twice = listing(ItemsModels.class, MoreItems.class);
    assertThatThrownBy(() -> migrator(db).classLoader(twice).build())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("table items is declared by two models providers")
        .hasMessageContaining(ItemsModels.class.getName())
        .hasMessageContaining(MoreItems.class.getName());
  }

  /** Declares {@code items} again. */
  public static final class MoreItems implements ModelsProvider {
    @Override
    public Schema models() {
      return new ItemsModels().models();
    }
  }

  private Migrator.Builder migrator(Database db) {
    return Migrator.builder().database(db).locations("filesystem:" + migrations);
  }

  private void revision(String upgrade) throws IOException {
    Files.writeString(
        migrations.resolve("1.sql"),
        "-- revision: aa01\n\n-- +upgrade\n" + upgrade + "\n-- +downgrade\n");
  }

  private ClassLoader listing(Class<?>... providers) throws IOException {
    Path root = ServiceFiles.list(classes, ModelsProvider.class, providers);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
  }
}
