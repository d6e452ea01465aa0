package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.Phase;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The values shell completion offers for options whose type is text, from their owners. */
final class Candidates {

  private Candidates() {}

  /** The backends, as the dialects name them: {@code --dialect}. */
  static final class Backends implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Dialects.names().iterator();
    }
  }

  /** The online-upgrade phases, lower case: {@code --phase}. */
  static final class Phases implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Phase.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
