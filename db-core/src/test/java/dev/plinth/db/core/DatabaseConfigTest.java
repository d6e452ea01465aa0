package dev.plinth.db.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.dialect.mysql.MysqlDialect;
import dev.plinth.db.core.dialect.postgresql.PostgresDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConfigTest {

  @Test
  void defaultsAreOsloDbs() {
    DatabaseConfig c = DatabaseConfig.builder().connection("jdbc:sqlite::memory:").build();
    assertThat(c.maxPoolSize()).isEqualTo(5);
    assertThat(c.maxRetries()).isEqualTo(10);
    assertThat(c.retryInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.dbMaxRetries()).isEqualTo(20);
    assertThat(c.dbRetryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.dbIncRetryInterval()).isTrue();
    assertThat(c.dbMaxRetryInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.connectionRecycleTime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.mysqlSqlMode()).isEqualTo("TRADITIONAL");
    assertThat(c.sqliteSynchronous()).isTrue();
    assertThat(c.connectionDebug()).isZero();
    assertThat(c.slaveConnection()).isEmpty();
    assertThat(c.maxReplicaLag()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.replicaCheckInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void propertiesFileThenEnvironmentWithTheEnvironmentWinning(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("db.properties");
    Files.writeString(
        file,
        "database.connection=jdbc:postgresql://db/app\n"
            + "database.max_pool_size=7\n"
            + "database.db_retry_interval=0.5\n"
            + "unrelated.key=ignored\n");
    DatabaseConfig c =
        DatabaseConfig.builder()
            .propertiesFile(file)
            .environment(
                Map.of("PLINTH_DATABASE_MAX_POOL_SIZE", "9", "HOME", "/root", "PATH", "/bin"))
            .build();
    assertThat(c.connection()).isEqualTo("jdbc:postgresql://db/app");
    assertThat(c.maxPoolSize()).isEqualTo(9);
    assertThat(c.dbRetryInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void badValueNamesTheKeyAndTheValue() {
    assertThatThrownBy(
            () ->
                DatabaseConfig.builder()
                    .connection("jdbc:sqlite::memory:")
                    .set("max_pool_size", "lots")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.max_pool_size")
        .hasMessageContaining("'lots'");
    assertThatThrownBy(
            () ->
                DatabaseConfig.builder()
                    .connection("jdbc:sqlite::memory:")
                    .set("database.sqlite_synchronous", "maybe")
                    .build())
        .hasMessageContaining("database.sqlite_synchronous");
    assertThatThrownBy(
            () ->
                DatabaseConfig.builder()
                    .connection("jdbc:sqlite::memory:")
                    .set("connection_debug", "101")
                    .build())
        .hasMessageContaining("database.connection_debug")
        .hasMessageContaining("0 to 100");
  }

  @Test
  void fileOptionWithoutItsPrefixOrSetTwiceIsRefusedNamingFileAndKey(@TempDir Path dir)
      throws Exception {
    Path bare = dir.resolve("bare.properties");
    Files.writeString(bare, "connection=jdbc:sqlite::memory:\nunrelated.key=ignored\n");
    assertThatThrownBy(() -> DatabaseConfig.builder().propertiesFile(bare))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare.properties")
        .hasMessageContaining("write database.connection");
    Path twice = dir.resolve("twice.properties");
    Files.writeString(
        twice,
        "database.max_pool_size=5\ndatabase.connection=jdbc:sqlite:a\ndatabase.max_pool_size=9\n");
    assertThatThrownBy(() -> DatabaseConfig.builder().propertiesFile(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice.properties")
        .hasMessageContaining("'database.max_pool_size' is set twice");
  }

  @Test
  void unknownOptionIsRefusedByName() {
    assertThatThrownBy(() -> DatabaseConfig.builder().set("max_pool_sise", "5"))
        .hasMessageContaining("database.max_pool_sise");
    assertThatThrownBy(
            () -> DatabaseConfig.builder().environment(Map.of("PLINTH_DATABASE_CONECTION", "x")))
        .hasMessageContaining("database.conection");
  }

  @Test
  void missingConnectionSaysWhatToGive() {
    assertThatThrownBy(() -> DatabaseConfig.builder().build())
        .hasMessageContaining("database.connection is not set");
  }

  @Test
  void badUrlIsReportedWithoutItsPassword() {
    assertThatThrownBy(
            () -> DatabaseConfig.builder().connection("postgresql://u:s3cret@db/app").build())
        .hasMessageContaining("database.connection")
        .hasMessageNotContaining("s3cret");
    assertThat(
            DatabaseConfig.builder()
                .connection("jdbc:mariadb://db/app?user=u&password=s3cret")
                .build()
                .toString())
        .doesNotContain("s3cret");
  }

  @Test
  void toBuilderRoundTrips() {
    DatabaseConfig c =
        DatabaseConfig.builder()
            .connection("jdbc:sqlite::memory:")
            .dbRetryInterval(Duration.ofMillis(250))
            .maxPoolSize(3)
            .build();
    DatabaseConfig copy = c.toBuilder().build();
    assertThat(copy.dbRetryInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(copy.maxPoolSize()).isEqualTo(3);
  }

  @Test
  void subSecondDurationsKeepTheirPrecisionThroughToBuilder() {
    DatabaseConfig c =
        DatabaseConfig.builder()
            .connection("jdbc:postgresql://db/app")
            .socketTimeout(Duration.ofMillis(500))
            .poolTimeout(Duration.ofMillis(1250))
            .connectionRecycleTime(Duration.ofMillis(60_001))
            .retryInterval(Duration.ofMillis(1))
            .build();
    DatabaseConfig again = c.toBuilder().connection("jdbc:mariadb://db/app").build();
    assertThat(again.socketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(again.poolTimeout()).isEqualTo(Duration.ofMillis(1250));
    assertThat(again.connectionRecycleTime()).isEqualTo(Duration.ofMillis(60_001));
    assertThat(again.retryInterval()).isEqualTo(Duration.ofMillis(1));
    assertThat(new PostgresDialect().driverProperties(c.connection(), again))
        .containsEntry("socketTimeout", "1");
    assertThat(new MysqlDialect().driverProperties(again.connection(), again))
        .containsEntry("socketTimeout", "500");
  }

  @Test
  void everyOptionHasATypedSetterThatRoundTrips() {
    DatabaseConfig c =
        DatabaseConfig.builder()
            .connection("jdbc:sqlite:a.db")
            .slaveConnection("jdbc:sqlite:b.db")
            .maxReplicaLag(Duration.ofMillis(1500))
            .replicaCheckInterval(Duration.ofMillis(100))
            .maxPoolSize(7)
            .poolTimeout(Duration.ofSeconds(3))
            .connectionRecycleTime(Duration.ofMinutes(2))
            .maxRetries(-1)
            .retryInterval(Duration.ofMillis(250))
            .dbMaxRetries(3)
            .dbRetryInterval(Duration.ofMillis(100))
            .dbIncRetryInterval(false)
            .dbMaxRetryInterval(Duration.ofMillis(900))
            .mysqlSqlMode("ANSI")
            .sqliteSynchronous(false)
            .connectionDebug(50)
            .connectionParameters("busy_timeout=100")
            .socketTimeout(Duration.ZERO)
            .build();
    DatabaseConfig again = c.toBuilder().build();
    assertThat(again.slaveConnection()).contains("jdbc:sqlite:b.db");
    assertThat(again.maxReplicaLag()).isEqualTo(Duration.ofMillis(1500));
    assertThat(again.replicaCheckInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(again.maxPoolSize()).isEqualTo(7);
    assertThat(again.connectionRecycleTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(again.maxRetries()).isEqualTo(-1);
    assertThat(again.dbIncRetryInterval()).isFalse();
    assertThat(again.dbMaxRetryInterval()).isEqualTo(Duration.ofMillis(900));
    assertThat(again.mysqlSqlMode()).isEqualTo("ANSI");
    assertThat(again.sqliteSynchronous()).isFalse();
    assertThat(again.connectionDebug()).isEqualTo(50);
    assertThat(again.connectionParameters()).isEqualTo("busy_timeout=100");
    assertThat(again.socketTimeout()).isZero();
  }

  @Test
  void firstRetryPauseAboveItsCapIsRefusedNamingBothOptions() {
    assertThatThrownBy(
            () ->
                DatabaseConfig.builder()
                    .connection("jdbc:sqlite::memory:")
                    .dbRetryInterval(Duration.ofSeconds(2))
                    .dbMaxRetryInterval(Duration.ofMillis(1500))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.db_retry_interval (2 s)")
        .hasMessageContaining("database.db_max_retry_interval (1.5 s)");
  }

  @Test
  void aReplicaCheckIntervalOfZeroIsRefusedNamingTheOption() {
    assertThatThrownBy(
            () ->
                DatabaseConfig.builder()
                    .connection("jdbc:sqlite::memory:")
                    .set("replica_check_interval", "0")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.replica_check_interval is 0");
  }

  @Test
  void theGuidesOptionsTableIsTheOneTheOptionsDefine() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "guide.md"));
    assertThat(guide).contains(DatabaseConfig.optionsTable());
  }
}
