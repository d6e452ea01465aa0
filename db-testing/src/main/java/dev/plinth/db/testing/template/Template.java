package dev.plinth.db.testing.template;

import dev.plinth.db.testing.TestDatabase;

/**
 * A database migrated once, from which every test gets its own copy; closing it drops the template
 * and any copy prepared ahead but never handed out.
 */
public interface Template extends AutoCloseable {

  /**
   * A new, independent copy of the template, dropped when the returned database is closed.
   *
   * @throws IllegalStateException if the copy cannot be made
   */
  TestDatabase copy();

  /** Drops the template and what it prepared; waits for copies still being dropped. */
  @Override
  void close();
}
