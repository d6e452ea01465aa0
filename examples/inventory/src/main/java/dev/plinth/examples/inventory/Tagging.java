package dev.plinth.examples.inventory;

import dev.plinth.db.core.Tx;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Links items to tags by name inside one transaction, creating the tags that do not exist yet.
 * Shared by the service and by the online data migration that moved the old comma-separated tags,
 * so both write the same rows.
 */
public final class Tagging {
  private final Tx tx;
  private final Clock clock;

  /**
   * Tags within {@code tx}, dating new rows by {@code clock} (UTC wall-clock time, as oslo.db
   * stores timestamps).
   */
  public Tagging(Tx tx, Clock clock) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The tag names in a comma-separated list, trimmed, without blanks or repeats, in their order.
   */
  public static List<String> parseCsv(String csv) {
    return Arrays.stream(csv.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }

  /**
   * Links item {@code itemId} to each tag in {@code names}, creating missing tags.
   *
   * @throws dev.plinth.db.core.error.DuplicateEntryException on {@code uniq_tags0name} when another
   *     transaction created one of the tags meanwhile (retry the transaction), or on {@code
   *     uniq_item_tags0item_id0tag_id} when the item already has one of the tags
   */
  public void link(long itemId, List<String> names) {
    ItemMapper mapper = tx.mapper(ItemMapper.class);
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    for (String name : names) {
      Long tagId = mapper.tagId(name);
      if (tagId == null) {
        mapper.addTag(name, now);
        tagId = mapper.tagId(name);
      }
      mapper.link(itemId, tagId, now);
    }
  }
}
