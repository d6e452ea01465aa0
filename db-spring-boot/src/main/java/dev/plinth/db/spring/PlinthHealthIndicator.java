package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the {@link Database} bean's health: UP when a {@code SELECT 1} answers and no revision is
 * pending towards {@code plinth.migrate.target}; DOWN with the pending revisions, or with the
 * error, otherwise. Details name the backend and the version table's revisions.
 */
public final class PlinthHealthIndicator implements HealthIndicator {
  private final Database db;
  private final Optional<Migrator> migrator;
  private final String target;

  PlinthHealthIndicator(Database db, Optional<Migrator> migrator, String target) {
    this.db = db;
    this.migrator = migrator;
    this.target = target;
  }

  /** Queries the database and its version table now. */
  @Override
  public Health health() {
    try {
      db.reader().call(tx -> tx.queryOne("SELECT 1", row -> row.getInt(1)));
      Health.Builder health = Health.up().withDetail("database", db.dialect().name());
      migrator.ifPresent(m -> schema(m, health));
      return health.build();
    } catch (RuntimeException e) {
      return Health.down(e).withDetail("database", db.dialect().name()).build();
    }
  }

  private void schema(Migrator m, Health.Builder health) {
    List<String> pending = m.planUpgrade(target);
    health.withDetail("current", new TreeSet<>(m.current())).withDetail("target", target);
    if (!pending.isEmpty()) {
      health.down().withDetail("pending", pending);
    }
  }
}
