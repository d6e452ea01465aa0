package dev.plinth.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * What per-block times of two sides, measured in ABBA order over several sessions, say about the
 * ratio A/B. Rounds come in pairs, AB then BA; the geometric mean of a pair's two ratios (a "quad")
 * cancels whatever the position of a block in its round adds. A session's ratio is the median of
 * its quads; sessions, not quads, are the independent repetitions, because each opens its own
 * connections and the two sides' connections may differ from each other for the whole session.
 */
final class PairedRatios {
  private static final int RESAMPLES = 10_000;
  private static final long SEED = 20_261_122L;

  private final double[][] a;
  private final double[][] b;

  /**
   * Pairs {@code a[session][round]} with {@code b[session][round]}.
   *
   * @throws IllegalArgumentException unless both have the same shape with an even, non-zero number
   *     of rounds
   */
  PairedRatios(double[][] a, double[][] b) {
    if (a.length == 0 || a.length != b.length) {
      throw new IllegalArgumentException(
          "need the same, non-zero number of sessions on both sides");
    }
    for (int s = 0; s < a.length; s++) {
      if (a[s].length != b[s].length || a[s].length == 0 || a[s].length % 2 != 0) {
        throw new IllegalArgumentException("need an even, non-zero number of rounds per session");
      }
    }
    this.a = a;
    this.b = b;
  }

  /**
   * Medians of both sides over all blocks, each session's ratio, their median with a 95 % bootstrap
   * interval (sessions resampled, then the quads within them) and sign tests over sessions and
   * quads.
   */
  String summary(String what, String nameA, String nameB) {
    double[][] quads = quads();
    double[] sessions = Arrays.stream(quads).mapToDouble(PairedRatios::median).toArray();
    double[] all = Arrays.stream(quads).flatMapToDouble(Arrays::stream).toArray();
    double[] interval = bootstrapInterval(quads);
    double medianA = median(Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray());
    double medianB = median(Arrays.stream(b).flatMapToDouble(Arrays::stream).toArray());
    return String.format(
        Locale.ROOT,
        "%s: median %s %.2f µs, %s %.2f µs per transaction, ratio of medians %.3f%n"
            + "  A/B per session (median of ABBA quads): %s%n"
            + "  median of sessions %.3f, 95%% bootstrap interval [%.3f, %.3f];"
            + " %s slower in %d of %d sessions (sign test p = %.2g), in %d of %d quads",
        what,
        nameA,
        medianA / 1000,
        nameB,
        medianB / 1000,
        medianA / medianB,
        Arrays.stream(sessions)
            .mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
            .collect(Collectors.joining(" ")),
        median(sessions),
        interval[0],
        interval[1],
        nameA,
        slower(sessions),
        sessions.length,
        signTest(slower(sessions), sessions.length),
        slower(all),
        all.length);
  }

  /** Per session, the geometric mean of the ratios of each AB round and the BA round after it. */
  double[][] quads() {
    double[][] quads = new double[a.length][];
    for (int s = 0; s < a.length; s++) {
      quads[s] = new double[a[s].length / 2];
      for (int q = 0; q < quads[s].length; q++) {
        int r = 2 * q;
        quads[s][q] = Math.sqrt(a[s][r] / b[s][r] * (a[s][r + 1] / b[s][r + 1]));
      }
    }
    return quads;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static int slower(double[] ratios) {
    return (int) Arrays.stream(ratios).filter(r -> r > 1).count();
  }

  /** The 2.5th and 97.5th percentiles of the median of session ratios, resampled two-level. */
  private static double[] bootstrapInterval(double[][] quads) {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] medians = new double[RESAMPLES];
    double[] sessions = new double[quads.length];
    for (int i = 0; i < RESAMPLES; i++) {
      for (int s = 0; s < sessions.length; s++) {
        double[] session = quads[random.nextInt(quads.length)];
        double[] sample = new double[session.length];
        for (int q = 0; q < sample.length; q++) {
          sample[q] = session[random.nextInt(session.length)];
        }
        sessions[s] = median(sample);
      }
      medians[i] = median(sessions);
    }
    Arrays.sort(medians);
    return new double[] {medians[RESAMPLES / 40], medians[RESAMPLES - 1 - RESAMPLES / 40]};
  }

  /** Two-sided p-value of {@code k} successes in {@code n} fair coin tosses. */
  private static double signTest(int k, int n) {
    int extreme = Math.max(k, n - k);
    double tail = 0;
    for (int i = extreme; i <= n; i++) {
      tail += Math.exp(logChoose(n, i) - n * Math.log(2));
    }
    return Math.min(1, 2 * tail);
  }

  private static double logChoose(int n, int k) {
    double log = 0;
    for (int j = 0; j < k; j++) {
      log += Math.log(n - j) - Math.log(j + 1);
    }
    return log;
  }
}
