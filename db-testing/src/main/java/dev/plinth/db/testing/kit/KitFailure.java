package dev.plinth.db.testing.kit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * A migration-kit test failure as pytest-alembic words one: a one-line verdict, then titled context
 * blocks (the revision, the error, the differences) and the next step.
 */
final class KitFailure {
  private final String verdict;
  private final List<String> blocks = new ArrayList<>();
  private Throwable cause;

  private KitFailure(String verdict) {
    this.verdict = verdict;
  }

  /** Starts a failure whose first line is {@code verdict}. */
  static KitFailure verdict(String verdict) {
    return new KitFailure(verdict);
  }

  /** Adds a titled block of lines. */
  KitFailure block(String title, Collection<String> lines) {
    StringBuilder b = new StringBuilder("[").append(title).append("]");
    lines.forEach(line -> b.append(System.lineSeparator()).append("  ").append(line));
    blocks.add(b.toString());
    return this;
  }

  /** Adds a titled block of one text, indented line by line. */
  KitFailure block(String title, String text) {
    return block(title, text.lines().toList());
  }

  /** Adds the error that caused the failure, as a block and as the cause. */
  KitFailure error(Throwable error) {
    this.cause = error;
    String message = error.getMessage() == null ? "" : ": " + error.getMessage();
    return block("error", error.getClass().getSimpleName() + message);
  }

  /** Adds the next step to take. */
  KitFailure next(String step) {
    return block("next step", step);
  }

  /** The assertion error to throw. */
  AssertionFailedError toError() {
    String sep = System.lineSeparator();
    String message = verdict + sep + sep + String.join(sep + sep, blocks);
    return cause == null
        ? new AssertionFailedError(message)
        : new AssertionFailedError(message, cause);
  }
}
