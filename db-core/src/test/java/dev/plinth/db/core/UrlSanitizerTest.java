package dev.plinth.db.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlSanitizerTest {
  @Test
  void masksUserInfoAndPasswordParameters() {
    assertThat(UrlSanitizer.sanitize("jdbc:mariadb://bob:hunter2@db:3306/app"))
        .isEqualTo("jdbc:mariadb://****:****@db:3306/app");
    assertThat(UrlSanitizer.sanitize("jdbc:postgresql://db/app?user=bob&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=bob&password=****&ssl=true");
    assertThat(UrlSanitizer.sanitize("jdbc:sqlite:/var/lib/app.db"))
        .isEqualTo("jdbc:sqlite:/var/lib/app.db");
  }
}
