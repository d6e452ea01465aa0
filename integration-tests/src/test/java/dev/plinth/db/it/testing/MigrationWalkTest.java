package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.SqlRevisionFiles;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.kit.DataHooks;
import dev.plinth.db.testing.kit.MigrationWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationWalk} used on its own, without {@code MigrationContract}: on a graph that
 * branches and merges, each revision is moved alone, and a downgrade's leftovers are named.
 */
class MigrationWalkTest {
  @TempDir Path dir;

  private void revision(String id, String down, String upgrade, String downgrade)
      throws IOException {
    SqlRevisionFiles.write(dir, id + ".sql", id, down, upgrade, downgrade);
  }

  private Migrator migrator(Database db) {
    return Migrator.builder().database(db).locations("filesystem:" + dir).build();
  }

  /** a, then two branches b and c, merged by m, then d, which indexes a. */
  private void branchAndMerge() throws IOException {
    revision("a", "", "CREATE TABLE a (id INTEGER NOT NULL, PRIMARY KEY (id));", "DROP TABLE a;");
    revision("b", "a", "CREATE TABLE b (id INTEGER NOT NULL, PRIMARY KEY (id));", "DROP TABLE b;");
    revision("c", "a", "CREATE TABLE c (id INTEGER NOT NULL, PRIMARY KEY (id));", "DROP TABLE c;");
    revision("m", "b, c", "", "");
    revision(
        "d",
        "m",
        "CREATE INDEX ix_a_id ON a (id);",
        "DROP INDEX ix_a_id;\n-- +downgrade mysql\nDROP INDEX ix_a_id ON a;");
  }

  @AllBackends
  void branchesAndMergesAreWalkedOneRevisionAtATime(Database db) throws IOException {
    branchAndMerge();

    try (Migrator migrator = migrator(db)) {
      MigrationWalk walk = new MigrationWalk(db, migrator);
      walk.downgradeLeavesNoTrace();

      assertThat(migrator.current()).containsExactly("d");
      // in Alembic's upgrade order, which runs branch c before branch b
      List<String> steps =
          db.reader()
              .call(
                  tx ->
                      tx.query(
                          "SELECT revision, direction FROM plinth_history ORDER BY id",
                          rs -> rs.getString(1) + " " + rs.getString(2)));
      assertThat(steps)
          .containsExactly(
              "a upgrade",
              "a downgrade",
              "a upgrade",
              "c upgrade",
              "c downgrade",
              "c upgrade",
              "b upgrade",
              "b downgrade",
              "b upgrade",
              "m upgrade",
              "m downgrade",
              "m upgrade",
              "d upgrade",
              "d downgrade",
              "d upgrade");
    }
  }

  @AllBackends
  void anIndexTheDowngradeLeavesBehindIsNamedWithItsRevision(Database db) throws IOException {
    revision("a", "", "CREATE TABLE a (id INTEGER NOT NULL, PRIMARY KEY (id));", "DROP TABLE a;");
    revision("b", "a", "CREATE INDEX ix_a_id ON a (id);", "");

    try (Migrator migrator = migrator(db)) {
      assertThatThrownBy(() -> new MigrationWalk(db, migrator).downgradeLeavesNoTrace())
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith(
              "revision b: the schema after its downgrade is not the schema before its upgrade")
          .hasMessageContaining("index a.ix_a_id: in schema after downgrade, not in schema before")
          .hasMessageContaining("[next step]");
    }
  }

  @AllBackends
  void aHookNamingAnUnknownRevisionIsRefusedBeforeAnythingRuns(Database db) throws IOException {
    revision("a", "", "CREATE TABLE a (id INTEGER NOT NULL, PRIMARY KEY (id));", "DROP TABLE a;");

    try (Migrator migrator = migrator(db)) {
      DataHooks hooks = DataHooks.none().before("zz", tx -> {});
      assertThatThrownBy(() -> new MigrationWalk(db, migrator).walkWithData(hooks))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a data hook names revision zz, which the graph does not have");
      assertThat(migrator.current()).isEmpty();
    }
  }
}
