package dev.plinth.db.testing.template;

import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.testing.Backend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Identifies a template: the backend and a SHA-256 over the revisions (id, down revisions, and the
 * file's checksum or the Java migration's class) and the migrator settings, so that an edited,
 * added or removed migration gives another key.
 *
 * @param backend where the template lives
 * @param checksum hex SHA-256 of the revisions and settings
 */
public record TemplateKey(Backend backend, String checksum) {

  /** The key of {@code revisions} migrated with the settings identified by {@code settings}. */
  public static TemplateKey of(Backend backend, List<MigrationScript> revisions, String settings) {
    MessageDigest digest = sha256();
    for (MigrationScript script : revisions) {
      update(digest, script.info().id());
      update(digest, String.join(",", script.info().downRevisions()));
      update(digest, String.join(",", script.info().dependsOn()));
      update(digest, script.checksum().orElse("class:" + script.info().origin()));
    }
    update(digest, settings);
    return new TemplateKey(backend, HexFormat.of().formatHex(digest.digest()));
  }

  private static void update(MessageDigest digest, String part) {
    digest.update(part.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
