package dev.plinth.db.it.migrate;

import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.source.MigrationScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A revision built in a test: statements to run up and down, an optional checksum (as a SQL file
 * would have) and an optional pause before the upgrade's first statement.
 */
record TestScript(
    RevisionInfo info,
    List<String> up,
    List<String> down,
    Optional<String> checksum,
    Duration pause)
    implements MigrationScript {

  static TestScript of(String id, List<String> downRevisions, List<String> up, List<String> down) {
    RevisionInfo info =
        new RevisionInfo(
            id,
            downRevisions,
            List.of(),
            List.of(),
            Optional.empty(),
            "test revision " + id,
            "test/" + id + ".sql",
            true);
    return new TestScript(info, up, down, Optional.of("v1:" + id), Duration.ZERO);
  }

  TestScript withChecksum(String checksum) {
    return new TestScript(info, up, down, Optional.of(checksum), pause);
  }

  TestScript withPause(Duration newPause) {
    return new TestScript(info, up, down, checksum, newPause);
  }

  /** This revision, first locking {@code r1}'s log row and then running {@code statement}. */
  TestScript stalling(String statement) {
    List<String> first =
        List.of("UPDATE applied_log SET revision = revision WHERE revision = 'r1'", statement);
    return new TestScript(
        info, Stream.concat(first.stream(), up.stream()).toList(), down, checksum, pause);
  }

  TestScript nonTransactional() {
    RevisionInfo i = info;
    RevisionInfo changed =
        new RevisionInfo(
            i.id(),
            i.downRevisions(),
            i.branchLabels(),
            i.dependsOn(),
            i.phase(),
            i.message(),
            i.origin(),
            false);
    return new TestScript(changed, up, down, checksum, pause);
  }

  @Override
  public void upgrade(MigrationContext ctx) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    up.forEach(ctx::execute);
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    down.forEach(ctx::execute);
  }
}
