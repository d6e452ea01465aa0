package dev.plinth.db.core.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.plinth.db.core.TransactionScope;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.error.NoSuchTableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the live schema through the dialect's {@link SchemaIntrospector} and caches tables by name
 * (Caffeine). The cache is emptied whenever Plinth runs DDL through {@link Tx#update} or {@link
 * Tx#batch}, both when the statement runs and when its transaction ends, and on {@link
 * #invalidate()}; DDL run past Plinth (another process, a raw connection) needs an explicit
 * invalidation. {@link #read(Tx, String)} and {@link #readAll(Tx)} never use the cache, so a
 * migration sees its own uncommitted changes. The cache is created by the first cached read: a
 * process that only runs DDL (a migration run invalidates after every statement) never builds it.
 */
public final class SchemaReader {
  private static final int MAX_TABLES = 10_000;

  private final Supplier<TransactionScope> readerScope;
  private volatile Cache<String, Table> cache;

  /**
   * Creates a reader.
   *
   * @param readerScope the reader transactions that cached reads run in; each transaction's dialect
   *     supplies the introspector
   */
  public SchemaReader(Supplier<TransactionScope> readerScope) {
    this.readerScope = readerScope;
  }

  /**
   * The table called {@code name}, from the cache or read in a reader transaction.
   *
   * @throws NoSuchTableException if the database has no such table
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Table table(String name) {
    Table cached = cache().getIfPresent(name);
    if (cached != null) {
      return cached;
    }
    Table table = readerScope.get().call(tx -> read(tx, name));
    cache().put(name, table);
    return table;
  }

  /**
   * Every table of the database, each from the cache where present.
   *
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Schema schema() {
    return readerScope
        .get()
        .call(
            tx -> {
              List<Table> tables = new ArrayList<>();
              for (String name : tableNames(tx)) {
                tables.add(cache().get(name, n -> read(tx, n)));
              }
              return Schema.of(tables);
            });
  }

  /**
   * The names of the database's tables, sorted, read on {@code tx}.
   *
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public List<String> tableNames(Tx tx) {
    return tx.dialect().schemaIntrospector().tableNames(tx);
  }

  /**
   * Reads one table on {@code tx}, bypassing the cache.
   *
   * @throws NoSuchTableException if the database has no such table
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Table read(Tx tx, String name) {
    return tx.dialect()
        .schemaIntrospector()
        .table(tx, name)
        .orElseThrow(
            () ->
                new NoSuchTableException(
                    "table " + name + " does not exist in the " + tx.dialect().name() + " database",
                    null,
                    name));
  }

  /**
   * Reads every table on {@code tx}, bypassing the cache.
   *
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Schema readAll(Tx tx) {
    List<Table> tables = new ArrayList<>();
    for (String name : tableNames(tx)) {
      tables.add(read(tx, name));
    }
    return Schema.of(tables);
  }

  /** Forgets every cached table. */
  public void invalidate() {
    Cache<String, Table> tables = cache;
    if (tables != null) {
      tables.invalidateAll();
    }
  }

  /** Forgets the cached table {@code name} (compared without regard to case). */
  public void invalidate(String name) {
    Cache<String, Table> tables = cache;
    if (tables != null) {
      tables.asMap().keySet().removeIf(key -> key.equalsIgnoreCase(name));
    }
  }

  private Cache<String, Table> cache() {
    Cache<String, Table> tables = cache;
    if (tables == null) {
      synchronized (this) {
        tables = cache;
        if (tables == null) {
          tables = Caffeine.newBuilder().maximumSize(MAX_TABLES).build();
          cache = tables;
        }
      }
    }
    return tables;
  }
}
