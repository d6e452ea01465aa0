package dev.plinth.db.core.tx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A statement with one {@code <in>} token that expands to a list of {@code ?} placeholders, and the
 * arithmetic to split a long value list into chunks that each fit one statement.
 */
final class InList {
  private final String before;
  private final String after;
  private final int argsBefore;

  private InList(String before, String after, int argsBefore) {
    this.before = before;
    this.after = after;
    this.argsBefore = argsBefore;
  }

  static InList parse(String sql, String token, int argCount) {
    int at = sql.indexOf(token);
    if (at < 0 || sql.indexOf(token, at + 1) >= 0) {
      throw new IllegalArgumentException(
          "the statement must contain the list token " + token + " exactly once: " + sql);
    }
    String before = sql.substring(0, at);
    int argsBefore = (int) before.chars().filter(c -> c == '?').count();
    if (argsBefore > argCount) {
      throw new IllegalArgumentException(
          "the statement has "
              + argsBefore
              + " placeholders before "
              + token
              + " but only "
              + argCount
              + " arguments: "
              + sql);
    }
    return new InList(before, sql.substring(at + token.length()), argsBefore);
  }

  List<List<?>> chunks(Collection<?> values, int size) {
    List<Object> all = new ArrayList<>(values);
    List<List<?>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      chunks.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return chunks;
  }

  String sql(int listSize) {
    StringBuilder sb = new StringBuilder(before.length() + after.length() + listSize * 2);
    sb.append(before);
    for (int i = 0; i < listSize; i++) {
      sb.append(i == 0 ? "?" : ",?");
    }
    return sb.append(after).toString();
  }

  Object[] args(Object[] args, List<?> chunk) {
    Object[] all = new Object[args.length + chunk.size()];
    System.arraycopy(args, 0, all, 0, argsBefore);
    for (int i = 0; i < chunk.size(); i++) {
      all[argsBefore + i] = chunk.get(i);
    }
    System.arraycopy(args, argsBefore, all, argsBefore + chunk.size(), args.length - argsBefore);
    return all;
  }
}
