package dev.plinth.db.core;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a result set to a value.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface RowMapper<T> {
  /**
   * Maps the row the result set is positioned on; must not advance it.
   *
   * @throws SQLException if a column cannot be read (Plinth translates it)
   */
  T map(ResultSet row) throws SQLException;
}
