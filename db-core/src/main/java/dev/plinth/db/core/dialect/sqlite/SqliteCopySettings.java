package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.CopySettings;
import dev.plinth.db.core.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the page cache for a table rebuild's copy on SQLite. The copy fills the new table's
 * unique keys in the old table's row order. Where a key's values do not follow that order (UUIDs,
 * say) and its index outgrows the connection's cache (SQLite's default is 2 MB), nearly every row
 * evicts a dirty index page and reads another back, which makes a million-row copy two to three
 * times slower. A {@value #COPY_CACHE_KIB} KiB cache avoids that, but costs a copy whose keys are
 * in row order about a tenth of its time, and the index builds after the copy more (SQLite's sorter
 * sizes its sorted runs by the cache); docs/BENCHMARKS.md has the measurements. So the copy gets
 * the larger cache only when a key is out of order in a sample of {@value #SAMPLES} rows at evenly
 * spaced rowids, and the connection's own size is restored right after it.
 */
final class SqliteCopySettings {
  static final long COPY_CACHE_KIB = 65_536;
  static final int SAMPLES = 64;

  /** Descending steps between consecutive samples beyond which a key counts as out of order. */
  private static final int DESCENTS_ALLOWED = SAMPLES / 8;

  private SqliteCopySettings() {}

  /**
   * The settings for copying {@code source} into a table with {@code uniqueKeys}.
   *
   * @param dialect quotes the identifiers
   */
  static CopySettings choose(Tx tx, Dialect dialect, String source, List<List<String>> uniqueKeys) {
    long cacheSize = pragma(tx, "cache_size");
    // A positive cache_size counts pages, a negative one KiB.
    long cacheKib = cacheSize < 0 ? -cacheSize : cacheSize * pragma(tx, "page_size") / 1024;
    if (cacheKib >= COPY_CACHE_KIB || uniqueKeys.isEmpty() || withoutRowid(tx, source)) {
      return CopySettings.NONE;
    }
    for (List<String> key : uniqueKeys) {
      if (tx.queryOne(descents(dialect, source, key), rs -> rs.getLong(1)).orElse(0L)
          > DESCENTS_ALLOWED) {
        return new CopySettings(
            List.of("PRAGMA cache_size = -" + COPY_CACHE_KIB),
            List.of("PRAGMA cache_size = " + cacheSize));
      }
    }
    return CopySettings.NONE;
  }

  /**
   * A query counting how often {@code key} goes down from one sampled row to the next, the samples
   * taken in rowid order at evenly spaced rowids between the table's first and last.
   */
  static String descents(Dialect dialect, String source, List<String> key) {
    String table = dialect.quote(source);
    List<String> sampled = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> lags = new ArrayList<>();
    List<String> priors = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      sampled.add("s." + dialect.quote(key.get(i)) + " AS k" + i);
      values.add("k" + i);
      lags.add("lag(k" + i + ") OVER w AS p" + i);
      priors.add("p" + i);
    }
    // Two scalar subqueries, since SQLite looks min() and max() up in the b-tree only when a
    // query has one of them alone; together they scan the table.
    return "WITH bounds(lo, hi) AS (SELECT (SELECT min(rowid) FROM "
        + table
        + "), (SELECT max(rowid) FROM "
        + table
        + ")), probe(i, r) AS (SELECT 0, lo FROM bounds WHERE lo IS NOT NULL UNION ALL SELECT i + 1,"
        + " lo + (hi - lo) * (i + 1) / "
        + (SAMPLES - 1)
        + " FROM probe, bounds WHERE i < "
        + (SAMPLES - 1)
        + "), sample AS (SELECT p.i AS i, "
        + String.join(", ", sampled)
        + " FROM probe p JOIN "
        + table
        + " s ON s.rowid = (SELECT rowid FROM "
        + table
        + " WHERE rowid >= p.r ORDER BY rowid LIMIT 1)), steps AS (SELECT "
        + String.join(", ", values)
        + ", "
        + String.join(", ", lags)
        + " FROM sample WINDOW w AS (ORDER BY i)) SELECT count(*) FROM steps WHERE ("
        + String.join(", ", values)
        + ") < ("
        + String.join(", ", priors)
        + ")";
  }

  private static boolean withoutRowid(Tx tx, String table) {
    return tx.queryOne(
            "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?",
            rs -> rs.getInt(1) != 0,
            table)
        .orElse(false);
  }

  private static long pragma(Tx tx, String name) {
    return tx.queryOne("PRAGMA " + name, rs -> rs.getLong(1)).orElseThrow();
  }
}
