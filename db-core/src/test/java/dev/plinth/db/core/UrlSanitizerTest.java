package dev.plinth.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSanitizerTest {
  private static final String SECRET = "S3cretXYZ";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:mariadb://bob:hunter2@db:3306/app | jdbc:mariadb://****:****@db:3306/app",
        "jdbc:postgresql://db/app?user=bob&password=hunter2&ssl=true"
            + " | jdbc:postgresql://db/app?user=bob&password=****&ssl=true",
        "jdbc:sqlite:/var/lib/app.db | jdbc:sqlite:/var/lib/app.db",
        "jdbc:mariadb://h/app?password=with space S3cretXYZ&user=b"
            + " | jdbc:mariadb://h/app?password=****&user=b",
        "jdbc:mariadb://db:3306/app?user=a@b.com&useSsl=true"
            + " | jdbc:mariadb://db:3306/app?user=a@b.com&useSsl=true",
      })
  void masksUserInfoAndPasswordParametersUpToTheNextParameterAndKeepsTheRest(
      String url, String sanitized) {
    assertThat(UrlSanitizer.sanitize(url)).isEqualTo(sanitized);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:mariadb://127.0.0.1/app?user=bob&password=pre;S3cretXYZ",
        "jdbc:mariadb://127.0.0.1/app?user=bob&password=pre;S3cretXYZ&useSsl=false",
        "jdbc:mariadb://127.0.0.1/app?password=a&S3cretXYZ&user=bob",
        "jdbc:postgresql://db/app?user=bob&PASSWORD=S3cretXYZ",
        "jdbc:postgresql://db/app?sslpassword=S3cretXYZ&user=bob",
        "jdbc:postgresql://db/app?user=bob&sslmode=require&trustStorePassword=S3cretXYZ",
        "jdbc:postgresql://bob:S3cretXYZ@db/app",
        "jdbc:postgresql://bob:p/w@S3cretXYZ@db:5432/app?user=a@b",
        "jdbc:postgresql://bob:S3cretXYZ@db1:5432,db2:5433/app",
        "jdbc:oracle:thin:scott/S3cretXYZ@db:1521:orcl",
        "jdbc:oracle:thin:scott/S3cretXYZ@//db:1521/orcl",
      })
  void noFormOfUrlShowsThePassword(String url) {
    assertThat(UrlSanitizer.sanitize(url)).doesNotContain(SECRET).contains("****");
    assertThat(UrlSanitizer.sanitizeText("Unable to parse URL " + url + "\n at line 2"))
        .doesNotContain(SECRET);
  }

  @Test
  void keepsWhatIsNoSecretInText() {
    assertThat(UrlSanitizer.sanitizeText("login failed for password=hunter2 and user bob"))
        .isEqualTo("login failed for password=**** and user bob");
    assertThat(UrlSanitizer.sanitizeText("cannot connect to jdbc:mariadb://h/d?password=****: no"))
        .isEqualTo("cannot connect to jdbc:mariadb://h/d?password=****: no");
  }

  @Test
  void stackTracesAreMaskedInEveryCause() {
    Exception failure =
        new IllegalStateException(
            "cannot connect",
            new SQLException("Unable to parse URL jdbc:mariadb://h/d?password=S3cretXYZ"));
    failure.addSuppressed(new SQLException("jdbc:postgresql://u:S3cretXYZ@h/d"));
    assertThat(UrlSanitizer.stackTrace(failure))
        .doesNotContain(SECRET)
        .contains("Unable to parse URL jdbc:mariadb://h/d?password=****");
  }
}
