package dev.plinth.db.migrate.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of SQL migration files, as recorded in {@code plinth_history} to detect an edited
 * applied file. Version {@code v1} is the hex SHA-256 of the file's text after a UTF-8 byte-order
 * mark is dropped and CRLF and CR line ends are turned into LF, so a checkout with other line ends
 * or an editor that adds a BOM never changes it. The {@code v1:} prefix names the algorithm: a
 * later version gets a new prefix, and stored checksums of the old version stay comparable.
 */
public final class ScriptChecksum {

  /** The prefix of checksums computed by {@link #of(String)}. */
  public static final String CURRENT_VERSION = "v1";

  private ScriptChecksum() {}

  /** The {@code v1:} checksum of a file's text. */
  public static String of(String content) {
    return CURRENT_VERSION + ":" + sha256(normalise(content));
  }

  /** The {@code v1:} checksum of a file's bytes, read as UTF-8. */
  public static String of(byte[] content) {
    return of(new String(content, StandardCharsets.UTF_8));
  }

  /** The text a {@code v1} checksum is computed on: no BOM, LF line ends. */
  public static String normalise(String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
