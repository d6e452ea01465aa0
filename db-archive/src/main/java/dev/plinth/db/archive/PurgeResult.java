package dev.plinth.db.archive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one purge did.
 *
 * @param deleted shadow rows deleted, by shadow table
 * @param skipped shadow tables left alone because they have no {@code deleted_at}, {@code
 *     updated_at} or {@code created_at} column to date their rows by
 */
public record PurgeResult(Map<String, Long> deleted, List<String> skipped) {

  /** Copies the map and list. */
  public PurgeResult {
    deleted = Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
    skipped = List.copyOf(skipped);
  }

  /** All rows deleted, over all shadow tables. */
  public long total() {
    return deleted.values().stream().mapToLong(Long::longValue).sum();
  }
}
