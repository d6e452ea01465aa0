package dev.plinth.db.archive.cli;

import dev.plinth.db.archive.ArchiveBatch;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reports archive progress on stderr: a bar redrawn in place on a terminal, or one line per batch
 * when stderr goes to a file or pipe, each with the batch's rows per second.
 */
final class Progress implements Consumer<ArchiveBatch> {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private boolean drawn;

  Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void accept(ArchiveBatch b) {
    String rate = String.format(Locale.ROOT, "%.0f rows/s", b.rowsPerSecond());
    if (terminal) {
      err.print("\r" + bar(b) + " " + b.runTotal() + " rows, " + b.table() + ", " + rate + "   ");
      drawn = true;
    } else {
      err.println(
          "archived "
              + b.archived()
              + " rows of "
              + b.table()
              + (b.residue() > 0 ? " (+" + b.residue() + " residue)" : "")
              + ", "
              + b.runTotal()
              + " in this run, "
              + rate);
    }
    err.flush();
  }

  /** Ends the bar's line, if one was drawn. */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }

  private static String bar(ArchiveBatch b) {
    if (b.budget() == Long.MAX_VALUE) {
      return "[" + "=".repeat((int) (b.runTotal() / 1000 % WIDTH)) + ">]";
    }
    int filled = (int) (WIDTH * b.runTotal() / b.budget());
    return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]";
  }
}
