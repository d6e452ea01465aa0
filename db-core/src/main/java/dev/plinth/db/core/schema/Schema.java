package dev.plinth.db.core.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A set of tables by name: the tables declared by a service's models, or those read from a live
 * database by {@link SchemaReader}.
 *
 * @param tables the tables, keyed and sorted by name
 */
public record Schema(Map<String, Table> tables) {

  /** Copies the map, keeping it sorted by name. */
  public Schema {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  /**
   * A schema holding {@code tables}.
   *
   * @throws IllegalArgumentException if two tables share a name
   */
  public static Schema of(Collection<Table> tables) {
    Map<String, Table> byName = new TreeMap<>();
    for (Table t : tables) {
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("schema declares table " + t.name() + " twice");
      }
    }
    return new Schema(byName);
  }

  /** The table called {@code name}, if present. */
  public Optional<Table> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /**
   * Compares this schema, taken as the models, with {@code database}, read from a live database:
   * tables missing on either side and every difference inside the tables both have.
   */
  public SchemaDiff diff(Schema database) {
    return SchemaComparison.between(this, database);
  }
}
