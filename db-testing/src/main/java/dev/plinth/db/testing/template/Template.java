package dev.plinth.db.testing.template;

import dev.plinth.db.testing.TestDatabase;

/**
 * A database migrated once, from which every test gets its own copy; closing it drops the template
 * and any copy prepared ahead but never handed out.
 */
public interface Template extends AutoCloseable {

  /**
   * A copy of the template that no other test uses, given back when the returned database is
   * closed: dropped, or reset to the template's state for a later test.
   *
   * @throws IllegalStateException if the copy cannot be made
   */
  TestDatabase copy();

  /** Drops the template and what it prepared; waits for copies still being dropped. */
  @Override
  void close();
}
