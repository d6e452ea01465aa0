package dev.plinth.db.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.StatementListener;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The auto-configuration in application contexts on real databases, one per backend. */
class PlinthAutoConfigurationTest {
  /** A service without Spring's JDBC support: Plinth's own pools or nothing. */
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlinthAutoConfiguration.class, PlinthHealthContributorAutoConfiguration.class));

  /** A service with a {@code spring.datasource.url} HikariCP pool. */
  private final ApplicationContextRunner withDataSource =
      runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

  /** A service bean that reads the migrated table while the context starts. */
  static final class ItemsAtStartup {
    final long count;

    ItemsAtStartup(Database db) {
      count = db.reader().call(tx -> tx.count("SELECT id FROM items"));
    }
  }

  @AllBackends
  void migratesAtStartOnTheApplicationDataSourceBeforeAnyBeanReadsIt(TestDatabase tdb) {
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .withBean(ItemsAtStartup.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ItemsAtStartup.class).count).isEqualTo(2);
              assertThat(names(context.getBean(Database.class)))
                  .containsExactly("anvil", "bellows");
              assertThat(context.getBean(PlinthMigrationInitializer.class).result())
                  .hasValueSatisfying(r -> assertThat(r.revisionIds()).containsExactly("a1", "b2"));
              Health health = context.getBean(PlinthHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).containsEntry("current", Set.of("b2"));
            });
  }

  @AllBackends
  void withoutTheDefaultLocationStartUpRunsNothingAndHealthOnlyAsksTheDatabase(TestDatabase tdb) {
    withDataSource
        .withClassLoader(new FilteredClassLoader(new ClassPathResource("db/migration")))
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PlinthMigrationInitializer.class).result()).isEmpty();
              Database db = context.getBean(Database.class);
              List<String> tables = db.reader().call(tx -> db.schema().tableNames(tx));
              assertThat(tables).doesNotContain("items", "plinth_version");
              Health health = context.getBean(PlinthHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).doesNotContainKey("current");
            });
  }

  @AllBackends
  void anApplicationsOwnDatabaseBeanIsAlsoHandedOutMigrated(TestDatabase tdb) {
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .withBean(Database.class, () -> Database.builder().url(tdb.url()).build())
        .withBean(ItemsAtStartup.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Database.class);
              assertThat(context.getBean(ItemsAtStartup.class).count).isEqualTo(2);
            });
  }

  @AllBackends
  void customizerBeansAdjustTheDatabaseBeforeItIsBuilt(TestDatabase tdb) {
    List<String> statements = new CopyOnWriteArrayList<>();
    StatementListener recorder =
        new StatementListener() {
          @Override
          public void statement(String sql) {
            statements.add(sql);
          }
        };
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .withBean(
            PlinthDatabaseCustomizer.class, () -> builder -> builder.statementListener(recorder))
        .run(
            context -> {
              assertThat(names(context.getBean(Database.class))).hasSize(2);
              assertThat(statements).contains("SELECT name FROM items ORDER BY id");
            });
  }

  @AllBackends
  void theApplicationsMeterRegistryGetsPlinthsMeters(TestDatabase tdb) {
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(names(context.getBean(Database.class))).hasSize(2);
              long readers =
                  context
                      .getBean(MeterRegistry.class)
                      .find("plinth.transactions")
                      .tags("scope", "reader")
                      .timers()
                      .stream()
                      .mapToLong(Timer::count)
                      .sum();
              assertThat(readers).as("the one reader transaction above").isEqualTo(1);
            });
  }

  @AllBackends
  void runsOnItsOwnPoolsFromPlinthDatabaseProperties(TestDatabase tdb) {
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            "test-systemEnvironment", Map.of("PLINTH_DATABASE_POOL_TIMEOUT", "7"))))
        .withPropertyValues(
            "plinth.database.connection=" + tdb.url(),
            "plinth.database.max_pool_size=2",
            "plinth.database.db-max-retries=0",
            "plinth.migrate.version-table=app_version",
            "plinth.migrate.lock-timeout=30s")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class);
              Database db = context.getBean(Database.class);
              assertThat(db.config().maxPoolSize()).isEqualTo(2);
              assertThat(db.config().dbMaxRetries()).isZero();
              assertThat(db.config().poolTimeout()).hasSeconds(7);
              assertThat(names(db)).containsExactly("anvil", "bellows");
              List<String> tables = db.reader().call(tx -> db.schema().tableNames(tx));
              assertThat(tables).contains("app_version").doesNotContain("plinth_version");
              assertThat(context.getBean(PlinthProperties.class).migrate().lockTimeout())
                  .hasSeconds(30);
            });
  }

  @AllBackends
  void aFailingRevisionFailsStartUpWithPlinthsMessage(TestDatabase tdb) {
    withDataSource
        .withPropertyValues(
            "spring.datasource.url=" + tdb.url(), "plinth.migrate.locations=classpath:db/broken")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              RevisionFailedException cause = StartupFailures.revisionFailure(failure);
              assertThat(cause.revision()).isEqualTo("c3");
              assertThat(cause.getMessage()).contains("c3").contains("002_missing_table.sql");
            });
  }

  @AllBackends
  void disabledMigrationLeavesTheSchemaAloneAndHealthIsDownWhileBehind(TestDatabase tdb) {
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url(), "plinth.migrate.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(PlinthMigrationInitializer.class);
              Database db = context.getBean(Database.class);
              List<String> tables = db.reader().call(tx -> db.schema().tableNames(tx));
              assertThat(tables).doesNotContain("items", "plinth_version");
              Health health = context.getBean(PlinthHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("pending", List.of("a1", "b2"));
            });
  }

  @AllBackends
  void healthIsDownWhenTheDatabaseDoesNotAnswer(TestDatabase tdb) {
    withDataSource
        .withPropertyValues("spring.datasource.url=" + tdb.url())
        .run(
            context -> {
              assertThat(context.getBean(PlinthHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.UP);
              context.getBean(HikariDataSource.class).close();
              Health health = context.getBean(PlinthHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsKey("error");
            });
  }

  @Test
  void withoutDataSourceOrConnectionStartUpSaysWhatToSet() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
              .hasMessageContaining("spring.datasource.url")
              .hasMessageContaining("plinth.database.connection");
        });
  }

  @Test
  void anUnknownDatabaseOptionFailsStartUpNamingIt() {
    runner
        .withPropertyValues(
            "plinth.database.connection=jdbc:sqlite:unused.db", "plinth.database.max_pool=3")
        .run(
            context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("database.max_pool"));
  }

  private static List<String> names(Database db) {
    return db.reader()
        .call(tx -> tx.query("SELECT name FROM items ORDER BY id", row -> row.getString(1)));
  }
}
