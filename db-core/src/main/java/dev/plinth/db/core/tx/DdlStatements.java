package dev.plinth.db.core.tx;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises statements that change the schema, so that cached schema metadata can be dropped. */
final class DdlStatements {
  private static final Pattern LEADING_NOISE =
      Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);
  private static final Pattern DDL =
      Pattern.compile("(create|alter|drop|rename|truncate)\\b.*", Pattern.DOTALL);

  private DdlStatements() {}

  /**
   * Whether {@code sql} starts, after whitespace and comments, with CREATE, ALTER, DROP, RENAME or
   * TRUNCATE.
   */
  static boolean isDdl(String sql) {
    String body = LEADING_NOISE.matcher(sql).replaceFirst("");
    return DDL.matcher(body.toLowerCase(Locale.ROOT)).matches();
  }
}
