package dev.plinth.db.migrate.autogenerate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operations that turn the database into the models, in the order they run, and the notes on
 * what was left out.
 *
 * @param upgrade the operations of {@code upgrade}: new tables parents first, changed tables,
 *     dropped tables children first
 * @param notes what autogenerate could not infer safely
 */
record ChangePlan(List<SchemaChange> upgrade, List<String> notes) {

  /** Copies the lists. */
  ChangePlan {
    upgrade = List.copyOf(upgrade);
    notes = List.copyOf(notes);
  }

  /** The operations of {@code downgrade}: each one reversed, in the reverse order. */
  List<SchemaChange> downgrade() {
    List<SchemaChange> undo = new ArrayList<>();
    upgrade.forEach(c -> undo.add(c.reverse()));
    Collections.reverse(undo);
    return undo;
  }
}
