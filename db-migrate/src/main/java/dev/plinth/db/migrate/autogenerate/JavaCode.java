package dev.plinth.db.migrate.autogenerate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Java expression of the few shapes generated code uses (method calls, call chains, lambdas),
 * laid out as google-java-format lays it out: on one line where it fits in 100 columns, otherwise a
 * chain breaks before each call after its first and a call's arguments move to the next lines.
 */
sealed interface JavaCode {
  /** The page width the layout keeps to. */
  int WIDTH = 100;

  /** The expression on one line. */
  String flat();

  /**
   * The expression laid out starting at {@code column}, continuation lines indented from {@code
   * indent}, leaving {@code trailing} columns for what follows it on its last line.
   */
  String layout(int indent, int column, int trailing);

  /** Whether the flat form fits between {@code column} and the page edge. */
  default boolean fits(int column, int trailing) {
    return !flat().contains("\n") && column + flat().length() + trailing <= WIDTH;
  }

  /** Source text as it is: a literal or a name. */
  static JavaCode text(String text) {
    return new Text(text);
  }

  /** A string literal. */
  static JavaCode string(String value) {
    if (value == null) {
      return new Text("null");
    }
    return new Text(
        '"'
            + value
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t")
            + '"');
  }

  /** A call of {@code name} (qualified as written) with {@code args}. */
  static Call call(String name, JavaCode... args) {
    return new Call(name, List.of(args));
  }

  /** Source text as it is. */
  record Text(String text) implements JavaCode {
    @Override
    public String flat() {
      return text;
    }

    @Override
    public String layout(int indent, int column, int trailing) {
      return text;
    }
  }

  /** {@code name(args)}. */
  record Call(String name, List<JavaCode> args) implements JavaCode {
    /** Copies the arguments. */
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public String flat() {
      return name + args.stream().map(JavaCode::flat).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String layout(int indent, int column, int trailing) {
      if (fits(column, trailing)) {
        return flat();
      }
      int inner = indent + 4;
      String pad = "\n" + " ".repeat(inner);
      String together = args.stream().map(JavaCode::flat).collect(Collectors.joining(", "));
      if (args.stream().allMatch(a -> a.fits(inner, 0)) && inner + together.length() + 1 <= WIDTH) {
        return name + "(" + pad + together + ")";
      }
      StringBuilder s = new StringBuilder(name).append('(');
      for (int i = 0; i < args.size(); i++) {
        boolean last = i == args.size() - 1;
        s.append(pad).append(args.get(i).layout(inner, inner, last ? trailing + 1 : 1));
        s.append(last ? ")" : ",");
      }
      return s.toString();
    }
  }

  /** {@code head.call1(...).call2(...)}, for builders and the chained column changes. */
  record Chain(JavaCode head, List<Call> calls) implements JavaCode {
    /** Copies the calls. */
    public Chain {
      calls = List.copyOf(calls);
    }

    @Override
    public String flat() {
      return head.flat() + calls.stream().map(c -> "." + c.flat()).collect(Collectors.joining());
    }

    @Override
    public String layout(int indent, int column, int trailing) {
      if (calls.isEmpty()) {
        return head.layout(indent, column, trailing);
      }
      if (fits(column, trailing)) {
        return flat();
      }
      int inner = indent + 4;
      StringBuilder s = new StringBuilder(head.layout(indent, column, 0));
      for (int i = 0; i < calls.size(); i++) {
        int after = i == calls.size() - 1 ? trailing : 0;
        s.append('\n').append(" ".repeat(inner)).append('.');
        s.append(calls.get(i).layout(inner, inner + 1, after));
      }
      return s.toString();
    }
  }

  /** {@code param -> body}. */
  record Lambda(String param, JavaCode body) implements JavaCode {
    @Override
    public String flat() {
      return param + " -> " + body.flat();
    }

    @Override
    public String layout(int indent, int column, int trailing) {
      if (fits(column, trailing)) {
        return flat();
      }
      int inner = indent + 4;
      return param + " ->\n" + " ".repeat(inner) + body.layout(inner, inner, trailing);
    }
  }
}
