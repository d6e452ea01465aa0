package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.List;

/**
 * One change to a table that both sides have, carrying the whole object on each side it exists on,
 * so that it can be reversed for the downgrade and rendered as a {@code batchAlterTable} call.
 */
sealed interface TableStep {
  /**
   * The kinds of part a step adds or drops, in the order a batch drops them: constraints that could
   * stand in the way first (a foreign key the primary key serves, then the key, before its
   * columns), columns last. Adds go the other way round.
   */
  List<Class<?>> PARTS =
      List.of(
          ForeignKey.class,
          PrimaryKey.class,
          CheckConstraint.class,
          UniqueConstraint.class,
          Index.class,
          Column.class);

  /** The step that undoes this one. */
  TableStep reverse();

  /**
   * Where the step goes in a batch: parts are dropped (foreign keys first), columns added and
   * altered, and the other parts added on the new shape (foreign keys last).
   */
  int rank();

  /** Adds {@code part}. */
  static TableStep add(Object part) {
    return new Part(part, true);
  }

  /** Drops {@code part}, remembering it for the downgrade. */
  static TableStep drop(Object part) {
    return new Part(part, false);
  }

  /**
   * Adds or drops a part, carrying it whole so that the reverse can drop or re-create it.
   *
   * @param part a {@link Column}, {@link Index}, {@link UniqueConstraint}, {@link CheckConstraint},
   *     {@link ForeignKey} or {@link PrimaryKey}
   * @param adding whether the step adds the part rather than drops it
   */
  record Part(Object part, boolean adding) implements TableStep {
    @Override
    public TableStep reverse() {
      return new Part(part, !adding);
    }

    @Override
    public int rank() {
      int kind = PARTS.indexOf(part.getClass());
      if (!adding) {
        return kind;
      }
      return part instanceof Column ? PARTS.size() : 2 * PARTS.size() + 1 - kind;
    }
  }

  /** Changes a column's type, nullability, default or collation from {@code from} to {@code to}. */
  record AlterColumn(Column from, Column to) implements TableStep {
    @Override
    public TableStep reverse() {
      return new AlterColumn(to, from);
    }

    @Override
    public int rank() {
      return PARTS.size() + 1;
    }
  }
}
