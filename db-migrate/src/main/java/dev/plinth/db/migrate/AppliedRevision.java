package dev.plinth.db.migrate;

import dev.plinth.db.migrate.graph.Direction;
import java.time.Duration;

/**
 * One revision a migrator ran.
 *
 * @param revision the revision id
 * @param message the revision's message
 * @param direction upgrade or downgrade
 * @param duration how long it took, version-table change included
 */
public record AppliedRevision(
    String revision, String message, Direction direction, Duration duration) {}
