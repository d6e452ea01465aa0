package dev.plinth.db.core.dialect;

import dev.plinth.db.core.schema.Table;
import java.util.List;

/** Renders schema-model tables as one backend's DDL, identifiers quoted by its dialect. */
public interface DdlRenderer {

  /**
   * The statements that create {@code table}: CREATE TABLE with its columns, primary key, unique
   * constraints, foreign keys and checks, then one CREATE INDEX per index.
   *
   * @throws IllegalArgumentException if an identifier cannot be quoted
   */
  List<String> createTable(Table table);

  /**
   * The statement that drops the table called {@code name}.
   *
   * @throws IllegalArgumentException if the name cannot be quoted
   */
  String dropTable(String name);
}
