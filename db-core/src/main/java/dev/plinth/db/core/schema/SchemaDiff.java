package dev.plinth.db.core.schema;

import java.util.List;
import java.util.function.Predicate;

/**
 * The differences between a schema declared by models and one read from a database: a list of typed
 * {@link SchemaDifference}s, each printing as one sentence: {@code column items.qty: type BIGINT in
 * models, INTEGER in database}.
 *
 * <p>Types, defaults and check expressions are compared in their normal forms, collation names
 * without regard to case. Tables read back name a column's collation only where it is not the
 * database's default, so models name one only where it matters. Two ENUM columns differ by their
 * values ({@code ENUM_VALUES}), not their type. Unique constraints and unique indexes over plain
 * columns and all rows are compared together as unique keys (MySQL cannot tell them apart), by
 * their columns; every other index by its name, then its key (expressions normalised), uniqueness
 * and partial-index condition (normalised as check expressions are); names of unique keys, foreign
 * keys and checks are compared only where both sides have one, since backends name unnamed
 * constraints each in their own way.
 *
 * @param items the differences, tables in name order and within a table columns, primary key,
 *     unique keys, indexes, foreign keys and checks; empty when the schemas match
 */
public record SchemaDiff(List<SchemaDifference> items) {

  /** Copies the list. */
  public SchemaDiff {
    items = List.copyOf(items);
  }

  /** Whether the two sides match. */
  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** The differences as sentences, one per difference, as {@code plinth-migrate check} prints. */
  public List<String> differences() {
    return items.stream().map(SchemaDifference::toString).toList();
  }

  /**
   * The differences that {@code accepted} does not match, for a test that accepts some of them:
   * {@code diff.without(d -> d.kind() == Kind.COLLATION)}.
   */
  public SchemaDiff without(Predicate<? super SchemaDifference> accepted) {
    return new SchemaDiff(items.stream().filter(accepted.negate()).toList());
  }

  /** The differences, one per line. */
  @Override
  public String toString() {
    return String.join(System.lineSeparator(), differences());
  }
}
