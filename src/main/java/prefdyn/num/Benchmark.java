package prefdyn.num;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A benchmark suite for {@code prefdyn bench}. A suite measures operations at a few precisions
 * and returns rows; it never prints (the CLI does), but it may leave notes (a reference it had
 * to skip, and why). Suites live next to the code they measure (the kernel suite here, the MRS
 * round in the dynamics package) and are listed in {@code prefdyn.cli.BenchCommand}.
 *
 * <p>In-process timing is warm-up then repeated batches: each batch runs the operation enough
 * times to last at least {@link Settings#minBatchMillis()}, and the reported figure is the median
 * per-call time over {@link Settings#repeats()} batches. Nothing here is used by tests to assert
 * speed.
 */
public interface Benchmark {
  /** Short name used by {@code --suite}. */
  String suite();

  /** One line describing what is measured. */
  String description();

  /** Runs the suite at the given precisions (decimal digits). */
  List<Row> run(List<Integer> digits, Settings settings);

  /** What the last {@link #run} could not measure (a missing reference) and why; one line each. */
  default List<String> notes() {
    return List.of();
  }

  /** How long and how often to time. */
  record Settings(int repeats, long minBatchMillis, int warmupCalls) {
    public static final Settings DEFAULT = new Settings(5, 50, 30);
    /** For smoke tests: one short batch (figures meaningless, output shape checked). */
    public static final Settings QUICK = new Settings(1, 0, 1);

    public boolean quick() {
      return minBatchMillis == 0;
    }
  }

  /**
   * One measured operation: prefdyn's time and, when there is one, the reference implementation's
   * time (microseconds per call or per round, medians).
   */
  record Row(String op, int digits, double micros, @Nullable String reference, double referenceMicros) {
    /** prefdyn time / reference time (below 1: prefdyn is faster); NaN without a reference. */
    public double ratio() {
      return reference == null ? Double.NaN : micros / referenceMicros;
    }
  }

  /**
   * Median microseconds per call of two operations timed in alternating batches (A, B, A, B,
   * ...), so that a change of machine load during the run affects both alike and their ratio
   * stays meaningful.
   */
  static double[] paired(Supplier<?> a, Supplier<?> b, Settings s) {
    int[] sink = {0};
    for (int i = 0; i < s.warmupCalls(); i++) {
      sink[0] += System.identityHashCode(a.get()) & 1;
      sink[0] += System.identityHashCode(b.get()) & 1;
    }
    int ba = batchSize(a, s, sink);
    int bb = batchSize(b, s, sink);
    double[] ta = new double[Math.max(1, s.repeats())];
    double[] tb = new double[ta.length];
    for (int r = 0; r < ta.length; r++) {
      ta[r] = timeBatch(a, ba, sink);
      tb[r] = timeBatch(b, bb, sink);
    }
    if (sink[0] == Integer.MIN_VALUE) {
      System.gc(); // never happens; keeps the results observable so the JIT cannot drop them
    }
    return new double[] {median(ta), median(tb)};
  }

  /** The median of {@code xs} (upper median for an even count); sorts {@code xs}. */
  static double median(double[] xs) {
    Arrays.sort(xs);
    return xs[xs.length / 2];
  }

  private static int batchSize(Supplier<?> op, Settings s, int[] sink) {
    int batch = 1;
    long minNanos = s.minBatchMillis() * 1_000_000L;
    while (true) {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        sink[0] += System.identityHashCode(op.get()) & 1;
      }
      long dt = System.nanoTime() - t0;
      if (dt >= minNanos || batch >= 1 << 24) {
        return batch;
      }
      batch = dt <= 0 ? batch * 10
          : (int) Math.min(1L << 24, Math.max(batch * 2L, batch * (minNanos * 12 / 10) / dt));
    }
  }

  private static double timeBatch(Supplier<?> op, int batch, int[] sink) {
    long t0 = System.nanoTime();
    for (int i = 0; i < batch; i++) {
      sink[0] += System.identityHashCode(op.get()) & 1;
    }
    return (System.nanoTime() - t0) / 1e3 / batch;
  }

  /** A row timing prefdyn's {@code fast} against {@code reference} in alternating batches. */
  static Row compare(String op, int digits, Supplier<?> fast, String reference, Supplier<?> ref, Settings s) {
    double[] t = paired(fast, ref, s);
    return new Row(op, digits, t[0], reference, t[1]);
  }

  /** Convenience for suites: a row list builder. */
  static List<Row> rows() {
    return new ArrayList<>();
  }
}
