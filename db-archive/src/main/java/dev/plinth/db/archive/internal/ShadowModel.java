package dev.plinth.db.archive.internal;

import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import java.util.List;

/**
 * What a shadow table must look like, and how a live one differs from that. A shadow table keeps
 * its main table's columns (names, types, nullability, defaults, order) and primary key, and drops
 * foreign keys, unique constraints, indexes and checks, as Nova's shadow tables do. Auto-increment
 * is dropped too: archived rows keep the key they had.
 */
public final class ShadowModel {
  private ShadowModel() {}

  /** The name of the shadow table of {@code table}. */
  public static String shadowName(String table) {
    return TableGraph.SHADOW_PREFIX + table;
  }

  /** The shadow table of {@code main}, ready for {@code dialect.ddl().createTable(...)}. */
  public static Table shadowOf(Table main) {
    return bare(shadowName(main.name()), main);
  }

  /**
   * The differences between the shadow table {@code shadow} and what {@link #shadowOf(Table)} gives
   * for {@code main}, one sentence per column or key, each naming the column: {@code column
   * instances.host: missing in shadow_instances}. Extra indexes and constraints on the shadow table
   * are not differences.
   */
  public static List<String> differences(Table main, Table shadow) {
    String mainLabel = " in " + main.name();
    String shadowLabel = " in " + shadow.name();
    return bare(main.name(), main).diff(bare(main.name(), shadow)).differences().stream()
        .map(line -> line.replace(" in models", mainLabel).replace(" in database", shadowLabel))
        .toList();
  }

  private static Table bare(String name, Table from) {
    Table.Builder b = Table.builder(name);
    for (Column c : from.columns()) {
      b.column(new Column(c.name(), c.type(), c.nullable(), c.serverDefault(), false));
    }
    return b.primaryKey(from.primaryKey()).build();
  }
}
