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
 * details: HikariCP's timeout holds it as the cause, pgjdbc's {@code BatchUpdateException} as the
 * cause and the next exception. Every {@link SQLException} in the chain is examined, each one's
 * cause before itself and its next exceptions after it: first all of them by the dialect's own
 * codes, then all of them by {@link SqlStateClassifier}; the first specific answer wins.
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
    List<DriverError> chain = new ArrayList<>();
    for (SQLException source : causesFirst(thrown)) {
      chain.add(new DriverError(source, thrown));
    }
    for (Function<DriverError, DbException> classifier :
        List.of(dialectCodes, SqlStateClassifier::classifyKnown)) {
      for (DriverError error : chain) {
        DbException specific = classifier.apply(error);
        if (specific != null) {
          return specific;
        }
      }
    }
    return new DbException(new DriverError(thrown, thrown).message(), thrown);
  }

  /** The SQL exceptions of the chain, each one's cause before it and its next exceptions after. */
  static List<SQLException> causesFirst(SQLException thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<SQLException> chain = new ArrayList<>();
    collect(thrown, seen, chain, 0);
    return chain;
  }

  private static void collect(
      Throwable t, Set<Throwable> seen, List<SQLException> chain, int depth) {
    if (t == null || depth > MAX_DEPTH || !seen.add(t)) {
      return;
    }
    collect(t.getCause(), seen, chain, depth + 1);
    if (t instanceof SQLException sql) {
      chain.add(sql);
      collect(sql.getNextException(), seen, chain, depth + 1);
    }
  }
}
