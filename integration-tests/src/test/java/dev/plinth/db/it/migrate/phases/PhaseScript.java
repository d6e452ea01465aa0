package dev.plinth.db.it.migrate.phases;

import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A revision built in a test, with an optional phase and its upgrade as code. */
record PhaseScript(RevisionInfo info, Consumer<MigrationContext> up) implements MigrationScript {

  static PhaseScript of(String id, String down, Phase phase, Consumer<MigrationContext> up) {
    RevisionInfo info =
        new RevisionInfo(
            id,
            down == null ? List.of() : List.of(down),
            List.of(),
            List.of(),
            Optional.ofNullable(phase),
            "test revision " + id,
            "test/" + id + ".java",
            true);
    return new PhaseScript(info, up);
  }

  @Override
  public void upgrade(MigrationContext ctx) {
    up.accept(ctx);
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    throw new UnsupportedOperationException("not needed by these tests");
  }
}
