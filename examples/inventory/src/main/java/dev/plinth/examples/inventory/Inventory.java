package dev.plinth.examples.inventory;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.paging.Page;
import dev.plinth.db.core.paging.Pagination;
import dev.plinth.db.core.paging.SortDirection;
import dev.plinth.db.core.softdelete.RowState;
import dev.plinth.db.core.softdelete.SoftDelete;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inventory's repository: items with tags, soft-deleted rather than deleted, so that a name is
 * unique among live items only ({@code UNIQUE(name, deleted)}) and removed items wait in place for
 * the {@link ArchiveJob}. Every method is one transaction; writes are retried whole by db-core on a
 * deadlock or a lost connection, and {@link #add} also when another transaction created one of its
 * tags at the same moment.
 */
public final class Inventory {
  private static final String ITEM_COLUMNS = "SELECT id, name, qty FROM items WHERE ";

  private final Database db;
  private final Clock clock;

  /** The inventory stored in {@code db}, which must be migrated to the heads. */
  public Inventory(Database db) {
    this(db, Clock.systemUTC());
  }

  /** The inventory stored in {@code db}, dating rows by {@code clock} (read as UTC). */
  public Inventory(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a live item with its tags, creating the tags that do not exist yet.
   *
   * @return the new item's id
   * @throws DuplicateEntryException on {@code uniq_items0name0deleted} when a live item already has
   *     this name
   * @throws dev.plinth.db.core.error.CheckConstraintException if {@code qty} is negative
   */
  public long add(String name, int qty, List<String> tags) {
    List<String> distinct = tags.stream().distinct().toList();
    return db.writer()
        .retryIf(Inventory::tagCreatedConcurrently)
        .call(
            tx -> {
              Timestamp now = now();
              long id =
                  tx.insert(
                      "INSERT INTO items (created_at, updated_at, name, qty) VALUES (?, ?, ?, ?)",
                      now,
                      now,
                      name,
                      qty);
              new Tagging(tx, clock).link(id, distinct);
              return id;
            });
  }

  /** The live item called {@code name}, with its tags. */
  public Optional<Item> find(String name) {
    return db.reader()
        .call(
            tx ->
                withTags(
                        tx,
                        tx.query(
                            ITEM_COLUMNS + RowState.LIVE.sql(tx.dialect()) + " AND name = ?",
                            Inventory::row,
                            name))
                    .stream()
                    .findFirst());
  }

  /**
   * One page of live items sorted by name, after the page whose {@link Page#next()} marker is
   * {@code after} ({@code null} for the first page). Keyset pagination: every page costs what the
   * first does, and items added meanwhile never shift a page.
   */
  public Page<Item> page(Map<String, Object> after, int limit) {
    return db.reader()
        .call(
            tx -> {
              Page<Item> rows =
                  Pagination.of("items")
                      .sortBy("name", SortDirection.ASC)
                      .sortBy("id", SortDirection.ASC)
                      .where(RowState.LIVE.sql(tx.dialect()))
                      .after(after)
                      .limit(limit)
                      .fetchPage(tx, Inventory::row);
              return new Page<>(withTags(tx, rows.rows()), rows.next());
            });
  }

  /** The names of the live items tagged {@code tag}, sorted. */
  public List<String> namesTagged(String tag) {
    return db.reader().call(tx -> tx.mapper(ItemMapper.class).namesTagged(tag));
  }

  /**
   * Adds {@code delta} (negative to take out) to the stock of the live item called {@code name}.
   *
   * @return whether there is such an item
   * @throws dev.plinth.db.core.error.CheckConstraintException if the stock would go negative
   */
  public boolean adjust(String name, int delta) {
    return db.writer().call(tx -> tx.mapper(ItemMapper.class).adjustQty(name, delta, now()) == 1);
  }

  /**
   * Soft-deletes the live item called {@code name}: its row stays, with {@code deleted = id}, until
   * the archive job moves it (and its tag links) to the shadow tables; the name is free at once.
   *
   * @return whether there was such an item
   */
  public boolean remove(String name) {
    return db.writer()
        .call(tx -> SoftDelete.of("items").clock(clock).where("name = ?", name).run(tx) == 1);
  }

  /**
   * Soft-deletes every live item.
   *
   * @return how many were removed
   */
  public int removeAll() {
    return db.writer().call(tx -> SoftDelete.of("items").clock(clock).where("1 = 1").run(tx));
  }

  private Timestamp now() {
    return Timestamp.valueOf(LocalDateTime.now(clock));
  }

  private static Item row(ResultSet rs) throws SQLException {
    return new Item(rs.getLong("id"), rs.getString("name"), rs.getInt("qty"), List.of());
  }

  private static List<Item> withTags(Tx tx, List<Item> items) {
    Map<Long, List<String>> tags = new LinkedHashMap<>();
    items.forEach(i -> tags.put(i.id(), new ArrayList<>()));
    tx.queryIn(
            "SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id"
                + " WHERE it.item_id IN (<in>) ORDER BY t.name",
            tags.keySet(),
            rs -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(link -> tags.get(link.getKey()).add(link.getValue()));
    return items.stream().map(i -> new Item(i.id(), i.name(), i.qty(), tags.get(i.id()))).toList();
  }

  private static boolean tagCreatedConcurrently(Throwable failure) {
    return failure instanceof DuplicateEntryException d && d.columns().equals(List.of("name"));
  }
}
