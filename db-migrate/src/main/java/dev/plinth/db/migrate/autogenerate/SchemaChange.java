package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One operation of a generated revision, on one table, that can be reversed for the downgrade. */
sealed interface SchemaChange {

  /** The table the change is on. */
  String table();

  /** The change that undoes this one. */
  SchemaChange reverse();

  /**
   * Creates a table the models declare, or drops one only the database has, remembering its
   * definition for the downgrade.
   *
   * @param definition the whole table
   * @param create whether the change creates the table rather than drops it
   */
  record WholeTable(Table definition, boolean create) implements SchemaChange {
    @Override
    public String table() {
      return definition.name();
    }

    @Override
    public SchemaChange reverse() {
      return new WholeTable(definition, !create);
    }
  }

  /** Changes a table both sides have, by steps applied as one batch. */
  record AlterTable(String table, List<TableStep> steps) implements SchemaChange {
    /** Copies the steps. */
    public AlterTable {
      steps = List.copyOf(steps);
    }

    @Override
    public SchemaChange reverse() {
      List<TableStep> undo = new ArrayList<>();
      steps.forEach(s -> undo.add(s.reverse()));
      Collections.reverse(undo);
      return new AlterTable(table, undo);
    }
  }
}
