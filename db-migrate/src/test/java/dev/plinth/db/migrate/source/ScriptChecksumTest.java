package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptChecksumTest {
  private static final String LF = "-- revision: r1\n-- +upgrade\nCREATE TABLE t (x INT);\n";

  @Test
  void lineEndsAndByteOrderMarkDoNotChangeIt() {
    String crlf = LF.replace("\n", "\r\n");
    String cr = LF.replace("\n", "\r");
    String bom = "\uFEFF" + crlf;
    assertThat(ScriptChecksum.of(crlf))
        .isEqualTo(ScriptChecksum.of(LF))
        .isEqualTo(ScriptChecksum.of(cr))
        .isEqualTo(ScriptChecksum.of(bom));
    byte[] bomBytes = bom.getBytes(StandardCharsets.UTF_8);
    assertThat(bomBytes[0]).isEqualTo((byte) 0xEF);
    assertThat(ScriptChecksum.of(bomBytes)).isEqualTo(ScriptChecksum.of(LF));
  }

  @Test
  void isVersionedSha256OfTheNormalisedText() {
    // sha256 of the empty string: the algorithm is pinned, not just self-consistent
    assertThat(ScriptChecksum.of("\uFEFF"))
        .isEqualTo("v1:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(ScriptChecksum.CURRENT_VERSION).isEqualTo("v1");
  }

  @Test
  void anEditedStatementChangesIt() {
    assertThat(ScriptChecksum.of(LF.replace("INT", "BIGINT"))).isNotEqualTo(ScriptChecksum.of(LF));
    assertThat(ScriptChecksum.of(LF.replace("x INT", "x  INT")))
        .isNotEqualTo(ScriptChecksum.of(LF));
  }

  @Test
  void sqlMigrationsReadFromDiskWithOtherLineEndsKeepTheirChecksum() {
    SqlMigration unix = SqlMigration.parse("a.sql", LF);
    SqlMigration windows = SqlMigration.parse("a.sql", "\uFEFF" + LF.replace("\n", "\r\n"));
    assertThat(windows.checksum()).isEqualTo(unix.checksum());
  }
}
