package dev.plinth.db.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole Spring Boot application, started as {@code SpringApplication.run} starts one, with every
 * auto-configuration the class path offers: Plinth's come from its {@code
 * AutoConfiguration.imports}, next to Spring Boot's DataSource, JdbcTemplate and health support.
 */
class PlinthApplicationTest {

  /** The application: nothing but auto-configuration. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  /** Spring Boot's own analyzers that want the bean factory are not needed here. */
  private static final SpringFactoriesLoader.FailureHandler SKIP_ANALYZERS_NEEDING_ARGUMENTS =
      SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {});

  private static ConfigurableApplicationContext start(TestDatabase tdb, String... properties) {
    return new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .properties("spring.datasource.url=" + tdb.url())
        .properties(properties)
        .run();
  }

  @AllBackends
  void anApplicationStartsMigratedWithPlinthsBeanAndHealthIndicator(TestDatabase tdb) {
    try (ConfigurableApplicationContext context = start(tdb)) {
      Database db = context.getBean(Database.class);
      long items = db.reader().call(tx -> tx.count("SELECT id FROM items"));
      assertThat(items).isEqualTo(2);
      assertThat(
              context
                  .getBean(JdbcTemplate.class)
                  .queryForObject("SELECT name FROM items WHERE id = 2", String.class))
          .isEqualTo("bellows");
      assertThat(context.getBean(HealthContributorRegistry.class).getContributor("plinth"))
          .isSameAs(context.getBean(PlinthHealthIndicator.class));
    }
  }

  @AllBackends
  void anApplicationWithABrokenRevisionDoesNotStartAndSaysWhy(TestDatabase tdb) {
    Throwable failure =
        catchThrowable(() -> start(tdb, "plinth.migrate.locations=classpath:db/broken"));
    RevisionFailedException cause = StartupFailures.revisionFailure(failure);
    assertThat(cause.revision()).isEqualTo("c3");
    assertThat(cause.getMessage()).contains("002_missing_table.sql");
    List<FailureAnalysis> analyses =
        SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, SKIP_ANALYZERS_NEEDING_ARGUMENTS)
            .stream()
            .map(analyzer -> analyzer.analyze(failure))
            .filter(Objects::nonNull)
            .toList();
    assertThat(analyses).hasSize(1);
    assertThat(analyses.get(0).getDescription())
        .isEqualTo("The schema migration at start-up failed: " + cause.getMessage());
    assertThat(analyses.get(0).getAction()).contains("plinth.migrate.enabled=false");
  }
}
