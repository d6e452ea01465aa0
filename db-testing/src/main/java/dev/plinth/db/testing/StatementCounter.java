package dev.plinth.db.testing;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.StatementListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the statements and transactions a block of code issues through a {@link Database}, so a
 * test can pin "one query, not one per row" and "one transaction, not one per call":
 *
 * <pre>{@code
 * StatementCounter counter = new StatementCounter();
 * Database db = counter.open(tdb);      // or Database.builder()...statementListener(counter)
 * counter.count(() -> repository.tagsOf(items)).requireStatements(1).requireTransactions(1);
 * }</pre>
 *
 * <p>It counts what {@link StatementListener} sees: statements run by {@code Tx} helpers and
 * MyBatis mappers (a batch is one), and physical transactions (a nested block that joins its outer
 * one is none, a retry is another). Work on every thread of the database is counted.
 */
public final class StatementCounter implements StatementListener {
  private final List<String> statements = new ArrayList<>();
  private int transactions;
  private int commits;
  private int rollbacks;

  /** Creates a counter at zero; register it with {@link Database.Builder#statementListener}. */
  public StatementCounter() {}

  /**
   * What was counted.
   *
   * @param statements the SQL of each statement, in order
   * @param transactions how many transactions began
   * @param commits how many committed
   * @param rollbacks how many rolled back (a reader's normal end, or a failure)
   */
  public record Counts(List<String> statements, int transactions, int commits, int rollbacks) {
    /** Copies the list. */
    public Counts {
      statements = List.copyOf(statements);
    }

    /**
     * Checks the number of statements.
     *
     * @return these counts, to chain another check
     * @throws AssertionError naming each distinct statement and how often it ran, when the number
     *     differs
     */
    public Counts requireStatements(int expected) {
      if (statements.size() != expected) {
        throw new AssertionError(
            "expected "
                + expected
                + " statement(s) but the block issued "
                + statements.size()
                + describe());
      }
      return this;
    }

    /**
     * Checks the number of transactions that began.
     *
     * @return these counts, to chain another check
     * @throws AssertionError when the number differs
     */
    public Counts requireTransactions(int expected) {
      if (transactions != expected) {
        throw new AssertionError(
            "expected "
                + expected
                + " transaction(s) but the block began "
                + transactions
                + " ("
                + commits
                + " committed, "
                + rollbacks
                + " rolled back)"
                + describe());
      }
      return this;
    }

    private String describe() {
      Map<String, Integer> times = new LinkedHashMap<>();
      statements.forEach(sql -> times.merge(sql, 1, Integer::sum));
      StringBuilder sb = new StringBuilder(statements.isEmpty() ? "" : ":");
      times.forEach((sql, n) -> sb.append("\n  ").append(n).append(" × ").append(sql));
      return sb.toString();
    }
  }

  /**
   * Opens a database on {@code database} with its {@link TestDatabase#config()} and this counter
   * registered; closed when the test database is.
   */
  public Database open(TestDatabase database) {
    return database.track(
        Database.builder().config(database.config().build()).statementListener(this).build());
  }

  /**
   * Runs {@code block} and returns what it issued: the counter is reset first.
   *
   * @throws RuntimeException whatever {@code block} throws
   */
  public Counts count(Runnable block) {
    reset();
    block.run();
    return counts();
  }

  /** What was counted since the counter was created or last reset. */
  public synchronized Counts counts() {
    return new Counts(statements, transactions, commits, rollbacks);
  }

  /** Sets every count back to zero. */
  public synchronized void reset() {
    statements.clear();
    transactions = 0;
    commits = 0;
    rollbacks = 0;
  }

  @Override
  public synchronized void statement(String sql) {
    statements.add(sql);
  }

  @Override
  public synchronized void begin() {
    transactions++;
  }

  @Override
  public synchronized void commit() {
    commits++;
  }

  @Override
  public synchronized void rollback() {
    rollbacks++;
  }
}
