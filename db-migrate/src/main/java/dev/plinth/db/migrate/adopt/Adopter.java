package dev.plinth.db.migrate.adopt;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.AdoptionMapping;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.adopt.ForeignVersion.Tool;
import dev.plinth.db.migrate.source.LegacyScripts;
import dev.plinth.db.migrate.source.LegacyScripts.Script;
import dev.plinth.db.migrate.source.SqlStatement;
import dev.plinth.db.migrate.source.StatementSplitter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a database over from Alembic, Flyway or sqlalchemy-migrate: reads the tool's version, runs
 * sqlalchemy-migrate's numbered legacy scripts still pending (each in a transaction with its {@code
 * migrate_version} update, as sqlalchemy-migrate would), and maps the resulting version to Plinth
 * revisions through the {@link AdoptionMapping}. The caller holds the migration lock and writes the
 * Plinth version table.
 */
public final class Adopter {
  private static final Logger LOG = LoggerFactory.getLogger(Adopter.class);

  private final Database db;
  private final AdoptionMapping mapping;
  private final ClassLoader loader;

  /**
   * Creates an adopter.
   *
   * @param db the database to take over
   * @param mapping the versions-to-revisions mapping
   * @param loader the class loader for a {@code classpath:} legacy location
   */
  public Adopter(Database db, AdoptionMapping mapping, ClassLoader loader) {
    this.db = db;
    this.mapping = mapping;
    this.loader = loader;
  }

  /** Whether another tool's version table holds a version. */
  public boolean foreignVersionPresent() {
    return read().isPresent();
  }

  /**
   * Runs the pending legacy scripts, if any, and returns the Plinth revisions the database now
   * stands at.
   *
   * @throws MigrationException if no other tool's version is found, a version has no mapping, or a
   *     legacy script is missing or fails
   */
  public Set<String> takeOver() {
    ForeignVersion foreign =
        read()
            .orElseThrow(
                () ->
                    new MigrationException(
                        "cannot adopt: found no version in alembic_version, flyway_schema_history"
                            + " or migrate_version"));
    List<String> versions = foreign.versions();
    if (foreign.tool() == Tool.MIGRATE) {
      versions = List.of(String.valueOf(runLegacy(Integer.parseInt(versions.get(0)))));
    }
    Set<String> heads = new LinkedHashSet<>();
    for (String version : versions) {
      String mapped = lookup(foreign.tool(), version);
      if (mapped == null) {
        throw new MigrationException(
            String.format(
                "cannot adopt: %s is at version %s, which the mapping does not name; add"
                    + " '%s.%s=<plinth revision>' to the mapping file",
                foreign.tool().table(), version, foreign.tool().key(), version));
      }
      LOG.info("{} version {} maps to revision {}", foreign.tool().table(), version, mapped);
      heads.add(mapped);
    }
    return heads;
  }

  private String lookup(Tool tool, String version) {
    return switch (tool) {
      case ALEMBIC -> mapping.alembic().get(version);
      case FLYWAY -> mapping.flyway().get(version);
      case MIGRATE -> mapping.migrate().get(Integer.parseInt(version));
    };
  }

  private Optional<ForeignVersion> read() {
    return db.reader().call(tx -> ForeignVersions.read(tx, db.schema().tableNames(tx)));
  }

  /** Runs the legacy scripts numbered above {@code version}; returns the version reached. */
  private int runLegacy(int version) {
    if (mapping.legacyLocation().isEmpty()) {
      return version;
    }
    StatementSplitter splitter = StatementSplitter.forBackend(db.dialect().name());
    int reached = version;
    for (Script script :
        LegacyScripts.load(mapping.legacyLocation().get(), loader, db.dialect().name())) {
      if (script.version() <= reached) {
        continue;
      }
      if (script.version() != reached + 1) {
        throw new MigrationException(
            String.format(
                "cannot adopt: migrate_version is at %d but the next legacy script is %s (number"
                    + " %d); legacy script %d is missing",
                reached, script.origin(), script.version(), reached + 1));
      }
      runLegacyScript(splitter, script, reached);
      reached = script.version();
    }
    return reached;
  }

  private void runLegacyScript(StatementSplitter splitter, Script script, int from) {
    List<SqlStatement> statements = splitter.split(script.sql(), script.origin(), 1);
    try {
      db.writer()
          .schemaChange()
          .run(
              tx -> {
                statements.forEach(s -> tx.update(s.sql()));
                tx.update(
                    "UPDATE migrate_version SET version = ? WHERE version = ?",
                    script.version(),
                    from);
              });
    } catch (RuntimeException e) {
      throw new MigrationException(
          "legacy script " + script.origin() + " failed; migrate_version stays at " + from, e);
    }
    LOG.info("legacy script {} done; migrate_version is {}", script.origin(), script.version());
  }
}
