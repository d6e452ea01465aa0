package dev.plinth.db.core.tx;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs statements according to oslo.db's {@code connection_debug}: 0 nothing, 50 or more at INFO,
 * 100 at DEBUG with bind values.
 */
final class SqlLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.plinth.db.core.sql");
  private final int level;

  SqlLog(int level) {
    this.level = level;
  }

  void statement(String sql, Object[] args) {
    if (level >= 100) {
      LOG.debug("{} {}", sql, Arrays.toString(args));
    } else if (level >= 50) {
      LOG.info("{}", sql);
    }
  }
}
