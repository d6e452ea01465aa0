package dev.plinth.db.archive;

import dev.plinth.db.archive.internal.DeletedRowFilter;
import dev.plinth.db.archive.internal.TableGraph;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deletes archived rows from the shadow tables for good, after Nova's {@code purge_shadow_tables}:
 * rows dated before a cut-off, or every row when asked to explicitly. A row is dated by the first
 * of its {@code deleted_at}, {@code updated_at} and {@code created_at} that is not NULL (so live
 * residue rows, which have no {@code deleted_at}, age by {@code updated_at}); rows with none are
 * kept. Deletion runs in batches by key, each its own transaction.
 *
 * <pre>{@code
 * PurgeResult r = Purger.builder().database(db).before(cutoff).build().run();
 * }</pre>
 */
public final class Purger {
  private static final List<String> DATE_COLUMNS =
      List.of("deleted_at", "updated_at", "created_at");

  private final Database db;
  private final Instant before;
  private final int batchSize;

  private Purger(Builder b) {
    this.db = b.db;
    this.before = b.before;
    this.batchSize = b.batchSize;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the purge over every {@code shadow_*} table.
   *
   * @return the rows deleted per shadow table and the tables skipped
   * @throws dev.plinth.db.core.error.DbException if a statement fails; committed batches stay
   */
  public PurgeResult run() {
    List<Table> shadows =
        db.reader()
            .call(
                tx ->
                    db.schema().tableNames(tx).stream()
                        .filter(n -> n.startsWith(TableGraph.SHADOW_PREFIX))
                        .map(n -> db.schema().read(tx, n))
                        .toList());
    Map<String, Long> deleted = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Table shadow : shadows) {
      List<String> dateColumns =
          DATE_COLUMNS.stream().filter(c -> shadow.column(c).isPresent()).toList();
      if ((before != null && dateColumns.isEmpty()) || shadow.primaryKey().size() != 1) {
        skipped.add(shadow.name());
        continue;
      }
      deleted.put(shadow.name(), purge(shadow, dateColumns));
    }
    return new PurgeResult(deleted, skipped);
  }

  private long purge(Table shadow, List<String> dateColumns) {
    long total = 0;
    while (true) {
      int n = db.writer().call(tx -> purgeBatch(tx, shadow, dateColumns));
      total += n;
      if (n < batchSize) {
        return total;
      }
    }
  }

  private int purgeBatch(Tx tx, Table shadow, List<String> dateColumns) {
    Dialect d = tx.dialect();
    String key = d.quote(shadow.primaryKey().get(0));
    String where = before == null ? "1 = 1" : rowDate(d, dateColumns) + " < ?";
    Object[] args =
        before == null ? new Object[0] : new Object[] {DeletedRowFilter.utcTimestamp(before)};
    List<Object> keys =
        tx.query(
            "SELECT "
                + key
                + " FROM "
                + d.quote(shadow.name())
                + " WHERE "
                + where
                + " ORDER BY "
                + key
                + " LIMIT "
                + batchSize,
            rs -> rs.getObject(1),
            args);
    return tx.updateIn(
        "DELETE FROM " + d.quote(shadow.name()) + " WHERE " + key + " IN (<in>)", keys);
  }

  private static String rowDate(Dialect d, List<String> dateColumns) {
    if (dateColumns.size() == 1) {
      return d.quote(dateColumns.get(0));
    }
    return dateColumns.stream().map(d::quote).collect(Collectors.joining(", ", "COALESCE(", ")"));
  }

  /** Collects a {@link Purger}'s settings; {@link #build()} checks them. */
  public static final class Builder {
    private Database db;
    private Instant before;
    private boolean all;
    private int batchSize = 1000;

    private Builder() {}

    /** The database whose shadow tables to purge (required). */
    public Builder database(Database db) {
      this.db = db;
      return this;
    }

    /** Deletes shadow rows dated before {@code before}. */
    public Builder before(Instant before) {
      this.before = before;
      return this;
    }

    /** Deletes every shadow row; must be asked for explicitly, instead of {@link #before}. */
    public Builder all() {
      this.all = true;
      return this;
    }

    /** Rows deleted per transaction; default 1000. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Checks the settings and builds the purger.
     *
     * @throws IllegalArgumentException if there is no database, neither or both of {@code before}
     *     and {@code all} were given, or {@code batchSize} is below 1
     */
    public Purger build() {
      if (db == null) {
        throw new IllegalArgumentException("database: give the Database to purge");
      }
      if ((before == null) == !all) {
        throw new IllegalArgumentException("give exactly one of before(...) and all()");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      return new Purger(this);
    }
  }
}
