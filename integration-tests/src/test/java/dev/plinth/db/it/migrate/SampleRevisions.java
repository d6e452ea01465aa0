package dev.plinth.db.it.migrate;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.source.MigrationScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small DAG shared by the migrator tests and {@link MigrateMain}: {@code r1} (base) branches into
 * {@code r2} and {@code r3}, which {@code r4} merges. Every upgrade logs its id in {@code
 * applied_log}, so a revision applied twice leaves two rows.
 */
public final class SampleRevisions {
  static final List<String> IDS = List.of("r1", "r2", "r3", "r4");

  private SampleRevisions() {}

  /** The four revisions, in a list the caller may change. */
  public static List<MigrationScript> dag() {
    return new ArrayList<>(
        List.of(
            TestScript.of(
                "r1",
                List.of(),
                List.of("CREATE TABLE applied_log (revision VARCHAR(32) NOT NULL)", log("r1")),
                List.of("DROP TABLE applied_log")),
            TestScript.of(
                "r2",
                List.of("r1"),
                List.of("CREATE TABLE t2 (id INTEGER)", log("r2")),
                List.of("DROP TABLE t2", unlog("r2"))),
            TestScript.of(
                "r3",
                List.of("r1"),
                List.of("CREATE TABLE t3 (id INTEGER)", log("r3")),
                List.of("DROP TABLE t3", unlog("r3"))),
            TestScript.of("r4", List.of("r2", "r3"), List.of(log("r4")), List.of(unlog("r4")))));
  }

  /** A migrator of the sample revisions that waits {@code lockTimeout} for the lock. */
  public static Migrator migrator(Database db, Duration lockTimeout) {
    return Migrator.builder().database(db).scripts(dag()).lockTimeout(lockTimeout).build();
  }

  static String log(String id) {
    return "INSERT INTO applied_log (revision) VALUES ('" + id + "')";
  }

  static String unlog(String id) {
    return "DELETE FROM applied_log WHERE revision = '" + id + "'";
  }
}
