package dev.plinth.db.migrate.phase;

import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.Optional;

/**
 * A contract revision's script that, inside the revision's transaction, notes which model tables
 * and columns exist, runs the revision, and reads them back: if one is gone it throws, and the
 * transaction rolls the revision back.
 */
record ModelCheckedScript(MigrationScript script, ModelCheck check) implements MigrationScript {

  @Override
  public RevisionInfo info() {
    return script.info();
  }

  @Override
  public void upgrade(MigrationContext ctx) {
    ModelCheck.Present before = check.present(ctx.tx());
    script.upgrade(ctx);
    check.refuseIfGone(info(), before, check.present(ctx.tx()));
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    script.downgrade(ctx);
  }

  @Override
  public Optional<String> checksum() {
    return script.checksum();
  }
}
