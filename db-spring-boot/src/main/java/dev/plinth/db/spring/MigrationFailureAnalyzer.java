package dev.plinth.db.spring;

import dev.plinth.db.migrate.MigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up migration failure into Spring Boot's "APPLICATION FAILED TO START" report:
 * Plinth's message (revision, file, statement, what stayed applied) as the description, instead of
 * a stack trace to dig through.
 */
final class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
    return new FailureAnalysis(
        "The schema migration at start-up failed: " + cause.getMessage(),
        "Fix the revision or its location (plinth.migrate.locations), or start without migrating"
            + " (plinth.migrate.enabled=false) and run plinth-migrate by hand.",
        cause);
  }
}
