package dev.plinth.db.core.tx;

import dev.plinth.db.core.dialect.CommitMark;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.CommitOutcomeUnknownException;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction whose connection died during COMMIT, and the look-up that settles it: on fresh
 * connections, its {@link CommitMark} is asked what became of it until the answer is final or
 * {@link #BOUND} has passed. The runner resolves it after the dead connection went back to its
 * pool, so the look-up never waits for the pool's last connection.
 */
final class LostCommit {
  /** How long the look-up keeps trying before the outcome is declared unknown. */
  static final Duration BOUND = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(LostCommit.class);
  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long MAX_PAUSE_MILLIS = 1000;

  private final CommitMark mark;
  private final DbConnectionException lost;

  LostCommit(CommitMark mark, DbConnectionException lost) {
    this.mark = mark;
    this.lost = lost;
  }

  /**
   * Returns when the transaction committed; throws the lost connection's exception when it did not,
   * so that the retry layer runs it again.
   *
   * @param source where fresh connections to the same database come from
   * @throws DbConnectionException the commit's failure, when the transaction did not commit
   * @throws CommitOutcomeUnknownException when no answer came within {@link #BOUND}
   */
  void resolve(DataSource source, Dialect dialect) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    DbException lastFailure = null;
    while (true) {
      CommitMark.Outcome outcome = CommitMark.Outcome.PENDING;
      try {
        outcome = lookUp(source, dialect);
        lastFailure = null;
      } catch (DbConnectionException e) {
        lastFailure = e;
      } catch (DbException e) {
        throw unknown("looking it up failed", e);
      }
      switch (outcome) {
        case COMMITTED -> {
          LOG.info(
              "a commit's acknowledgement was lost ({}); the transaction committed",
              lost.getMessage());
          return;
        }
        case ROLLED_BACK -> throw lost;
        case UNKNOWN -> throw unknown("the server no longer knows the transaction", null);
        case PENDING -> {
          // Asked again below, after a pause.
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw unknown(
            lastFailure == null
                ? "the server was still ending the transaction after " + BOUND.toSeconds() + " s"
                : "the server did not answer for " + BOUND.toSeconds() + " s",
            lastFailure);
      }
      pause(pause);
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
  }

  private CommitMark.Outcome lookUp(DataSource source, Dialect dialect) {
    Connection c = JdbcTx.connect(source, dialect);
    try {
      return JdbcTx.translating(
          dialect,
          () -> {
            CommitMark.Outcome outcome = mark.outcome(c);
            if (!c.getAutoCommit()) {
              c.rollback();
            }
            return outcome;
          });
    } finally {
      try {
        c.close();
      } catch (SQLException ignored) {
        // A look-up connection that fails to close changes nothing about the answer.
      }
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unknown("the thread was interrupted while looking it up", null);
    }
  }

  private CommitOutcomeUnknownException unknown(String why, DbException lookUpFailure) {
    if (lookUpFailure != null) {
      lost.addSuppressed(lookUpFailure);
    }
    return new CommitOutcomeUnknownException(
        "the connection was lost while the transaction committed, and whether it committed is"
            + " unknown: "
            + why
            + "; check what the transaction wrote before running it again",
        lost);
  }
}
