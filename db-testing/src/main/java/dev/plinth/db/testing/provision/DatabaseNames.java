package dev.plinth.db.testing.provision;

import java.security.SecureRandom;

/** Random database names, as oslo.db's provisioning gives them: a prefix and ten letters. */
public final class DatabaseNames {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DatabaseNames() {}

  /** A fresh name such as {@code plinth_qkzmwpxatr} for prefix {@code plinth_}. */
  public static String random(String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < 10; i++) {
      sb.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return sb.toString();
  }
}
