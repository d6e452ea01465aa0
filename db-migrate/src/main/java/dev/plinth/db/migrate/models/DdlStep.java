package dev.plinth.db.migrate.models;

import java.util.List;
import java.util.Optional;

/**
 * One object of a {@link CreationPlan}: a table with its inline keys and constraints, an index, or
 * a foreign key added after the tables it joins.
 *
 * @param table the table the object belongs to
 * @param object what is created, as a message names it ({@code table items}, {@code index
 *     ix_items_name of table items})
 * @param statements the DDL that creates it, rendered by the dialect
 * @param undo the statement that removes it again, where one is needed and possible: dropping a
 *     table removes its indexes, so only tables and added foreign keys have one
 */
public record DdlStep(String table, String object, List<String> statements, Optional<String> undo) {

  /** Copies the statement list. */
  public DdlStep {
    statements = List.copyOf(statements);
  }
}
