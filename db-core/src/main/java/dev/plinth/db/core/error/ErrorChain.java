package dev.plinth.db.core.error;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Drives the translation of one driver exception. Drivers and pools nest the error that carries the
 * details: pgjdbc's {@code BatchUpdateException} holds it as the next exception, HikariCP's timeout
 * as the cause. Every {@link SQLException} in the chain is examined, innermost first, first by the
 * dialect's own codes and then by {@link SqlStateClassifier}; the first specific answer wins.
 */
public final class ErrorChain {
  private static final int MAX_DEPTH = 16;

  private ErrorChain() {}

  /**
   * Translates {@code thrown}.
   *
   * @param thrown the exception the driver or pool threw
   * @param dialectCodes the dialect's classifier: a translated exception, or {@code null} when its
   *     codes say nothing about the error
   * @return the most specific translation, else a plain {@link DbException}; never {@code null}
   */
  public static DbException translate(
      SQLException thrown, Function<DriverError, DbException> dialectCodes) {
    for (SQLException source : innermostFirst(thrown)) {
      DriverError error = new DriverError(source, thrown);
      DbException specific = dialectCodes.apply(error);
      if (specific == null) {
        specific = SqlStateClassifier.classifyKnown(error);
      }
      if (specific != null) {
        return specific;
      }
    }
    return new DbException(new DriverError(thrown, thrown).message(), thrown);
  }

  /** The SQL exceptions reachable through causes and next exceptions, most deeply nested first. */
  static List<SQLException> innermostFirst(SQLException thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<SQLException> chain = new ArrayList<>();
    collect(thrown, seen, chain, 0);
    Collections.reverse(chain);
    return chain;
  }

  private static void collect(
      Throwable t, Set<Throwable> seen, List<SQLException> chain, int depth) {
    if (t == null || depth > MAX_DEPTH || !seen.add(t)) {
      return;
    }
    if (t instanceof SQLException sql) {
      chain.add(sql);
      collect(sql.getNextException(), seen, chain, depth + 1);
    }
    collect(t.getCause(), seen, chain, depth + 1);
  }
}
