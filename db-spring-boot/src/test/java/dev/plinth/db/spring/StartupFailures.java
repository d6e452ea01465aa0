package dev.plinth.db.spring;

import dev.plinth.db.migrate.RevisionFailedException;

/** Finds Plinth's exception in the chain of a failed application start. */
final class StartupFailures {
  private StartupFailures() {}

  /** The {@link RevisionFailedException} among the causes of {@code failure}. */
  static RevisionFailedException revisionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RevisionFailedException r) {
        return r;
      }
    }
    throw new AssertionError("no RevisionFailedException in the start-up failure", failure);
  }
}
