package prefdyn.dynamics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Benchmark;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The MRS suite of {@code prefdyn bench}: one MRS-IPO round (K = 4) of the bench instance, CPU
 * time per round over a trajectory of {@link Config#rounds()} rounds from the uniform start,
 * beside the same trajectory in the reference implementations of {@code bench/}, each run as its
 * own process in the same bench run:
 *
 * <ul>
 *   <li>{@code bench/mrs_mpmath.py} under {@link Config#python()}: mpmath with the backend it
 *       reports (gmpy when gmpy2 is installed), and again with {@code MPMATH_NOGMPY=1} (pure
 *       Python);
 *   <li>{@code bench/mrs_mpfr.c} (MPFR in C), built on demand with {@link Config#cc()} into
 *       {@code target/mrs_mpfr}.
 * </ul>
 *
 * Each reference times its own rounds (CPU time of the process, start-up excluded); prefdyn's
 * figure is the thread CPU time of the rounds after a warm-up trajectory (JIT), median over up to
 * 3 trajectories: the certified round {@link MrsMap#round} in balls (every value an enclosure;
 * the references compute bare approximations), and for comparison the direct ball evaluation. A reference that is not installed is skipped with a note saying
 * why; nothing fails because of it.
 */
public final class TrajectoryBenchmark implements Benchmark {
  /**
   * The op label of the certified round (contains "ipo", as the bench JSON contract asks): {@link
   * MrsMap#round} on the box the previous round left (mean-value form), as a certified trajectory
   * runs it.
   */
  public static final String OP = "mrs-ipo round (K=4, ball)";
  /**
   * The direct ball evaluation of the round ({@link MrsMap#roundPoint} applied to the previous
   * round's balls): also an enclosure, without the mean-value form's Jacobian and midpoint
   * handling; the kernel's share of the certified round. Its radii grow round by round (the
   * dependency problem the mean-value form avoids), so the timed trajectory starts again from the
   * uniform start whenever a radius passes 1e-3.
   */
  public static final String OP_POINT = "mrs-ipo round (K=4, ball, direct)";

  /**
   * What to run: {@code rounds} per trajectory; {@code root} the repository (holding {@code
   * bench/}) or null when it was not found (then only prefdyn is timed); the Python interpreter and
   * C compiler commands for the references.
   */
  public record Config(int rounds, @Nullable Path root, String python, String cc) {}

  private static final Pattern SECONDS = Pattern.compile("seconds=([0-9.eE+-]+)");
  private static final Pattern BACKEND = Pattern.compile("backend=(\\w+)");
  private static final long TIMEOUT_SECONDS = 1800;
  /** CPU budget of one timed prefdyn trajectory: a slow round is timed over fewer rounds (said in a note). */
  private static final long BUDGET_NANOS = 3_000_000_000L;

  private final Config config;
  private final List<String> notes = new ArrayList<>();

  public TrajectoryBenchmark(Config config) {
    this.config = config;
  }

  @Override
  public String suite() {
    return "mrs";
  }

  @Override
  public String description() {
    return "one MRS-IPO round (K = 4, bench/mrs_instance.txt, alpha 1/2, lambda 3/4, beta 3, ref (4,3,2,1)/10), "
        + "CPU us per round over " + config.rounds() + " rounds from uniform, vs the references of bench/";
  }

  @Override
  public List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    notes.clear();
    List<Row> rows = Benchmark.rows();
    MrsParameters params = instance();
    List<Reference> refs = references();
    for (int d : digits) {
      double box = prefdynMicros(params, d, settings, false);
      double point = prefdynMicros(params, d, settings, true);
      boolean any = false;
      for (Reference ref : refs) {
        if (ref.disabled) {
          continue;
        }
        double refMicros = ref.measure(d, config.rounds());
        if (!Double.isNaN(refMicros)) {
          rows.add(new Row(OP, d, box, ref.name, refMicros));
          rows.add(new Row(OP_POINT, d, point, ref.name, refMicros));
          any = true;
        }
      }
      if (!any) {
        rows.add(new Row(OP, d, box, null, Double.NaN));
        rows.add(new Row(OP_POINT, d, point, null, Double.NaN));
      }
    }
    rows.sort(java.util.Comparator.comparing((Row r) -> r.digits()).thenComparing(r -> r.op().equals(OP) ? 0 : 1));
    return rows;
  }

  /**
   * Thread-CPU microseconds per round over a trajectory of the configured length from the uniform
   * start (median of up to 3 after a warm-up trajectory): the certified box round, or with {@code
   * point} the direct ball evaluation.
   */
  private double prefdynMicros(MrsParameters params, int digits, Settings settings, boolean point) {
    Precision p = Precision.ofDigits(digits);
    int prec = p.bits();
    MrsMap map = new MrsMap(params, p);
    Ball[] start = MrsMap.logitsOfBalls(Distribution.uniform(params.k()), prec);
    int rounds = config.rounds();
    if (!settings.quick()) {
      trajectory(map, start, Math.max(10, Math.min(rounds, 50)), prec, point, BUDGET_NANOS); // JIT warm-up at this precision
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int repeats = settings.quick() ? 1 : Math.max(1, Math.min(settings.repeats(), 3));
    double[] perRound = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long c0 = mx.getCurrentThreadCpuTime();
      int done = trajectory(map, start, rounds, prec, point, BUDGET_NANOS);
      if (done < 0) {
        done = -done;
        String lost = OP + " at " + digits + " digits: the enclosure became the whole line within " + done + " rounds";
        if (!notes.contains(lost)) {
          notes.add(lost);
        }
      }
      perRound[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / Math.max(1, done);
      if (done < rounds) {
        String note = (point ? OP_POINT : OP) + " at " + digits + " digits: timed over its first " + done + " of "
            + rounds + " rounds (" + BUDGET_NANOS / 1_000_000_000 + " s CPU budget per trajectory)";
        if (!notes.contains(note)) {
          notes.add(note);
        }
        perRound = new double[] {perRound[r]};
        break;
      }
    }
    return Benchmark.median(perRound);
  }


  /** Runs up to {@code rounds} rounds, stopping early once {@code budgetNanos} of thread CPU are spent; returns the rounds done. */
  private static int trajectory(MrsMap map, Ball[] start, int rounds, int prec, boolean point, long budgetNanos) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long end = mx.getCurrentThreadCpuTime() + budgetNanos;
    Ball[] theta = start;
    int t = 0;
    while (t < rounds) {
      theta = point ? map.roundPoint(theta, prec) : map.round(theta, prec);
      t++;
      if (point && !(theta[0].radUpper() < 1e-3)) {
        theta = start; // the direct evaluation's radii grow round by round: start again (timing only)
      }
      if ((t & 7) == 0 && mx.getCurrentThreadCpuTime() > end) {
        break;
      }
    }
    return theta[0].isFinite() ? t : -t;
  }


  /** The references, in the order shown; the ones that cannot run are already disabled with a note. */
  private List<Reference> references() {
    List<Reference> refs = new ArrayList<>();
    Path root = config.root();
    if (root == null) {
      notes.add("references skipped: the bench/ folder of the prefdyn checkout was not found (run ./prefdyn from the checkout)");
      return refs;
    }
    String script = root.resolve("bench").resolve("mrs_mpmath.py").toString();
    Map<String, @Nullable String> withGmpy = new LinkedHashMap<>();
    withGmpy.put("MPMATH_NOGMPY", null);
    Map<String, @Nullable String> pure = new LinkedHashMap<>();
    pure.put("MPMATH_NOGMPY", "1");
    Reference gmpy = new Reference("mpmath (gmpy)", List.of(config.python(), script), withGmpy, "gmpy");
    Reference python = new Reference("mpmath (python)", List.of(config.python(), script), pure, "python");
    Reference mpfr = new Reference("MPFR", List.of(root.resolve("target").resolve("mrs_mpfr").toString()), Map.of(), null);
    refs.add(gmpy);
    refs.add(python);
    refs.add(mpfr);
    String why = buildMpfr(root);
    if (why != null) {
      mpfr.disable(why);
    }
    return refs;
  }

  /** Builds target/mrs_mpfr from bench/mrs_mpfr.c when missing or older; null when ready, else why not. */
  private @Nullable String buildMpfr(Path root) {
    Path src = root.resolve("bench").resolve("mrs_mpfr.c");
    Path bin = root.resolve("target").resolve("mrs_mpfr");
    try {
      if (!Files.isRegularFile(src)) {
        return "bench/mrs_mpfr.c not found";
      }
      if (Files.isExecutable(bin) && Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) >= 0) {
        return null;
      }
      java.nio.file.Path binDir = bin.toAbsolutePath().getParent();
      if (binDir != null) {
        Files.createDirectories(binDir);
      }
      Run r = Run.of(List.of(config.cc(), "-O2", src.toString(), "-o", bin.toString(), "-lmpfr", "-lgmp"), Map.of(), 300);
      if (r.failure != null) {
        return "could not run the C compiler '" + config.cc() + "' (" + r.failure + ")";
      }
      if (r.exit != 0) {
        return "'" + config.cc() + "' could not build bench/mrs_mpfr.c (is libmpfr-dev installed?): " + r.lastLine();
      }
      return null;
    } catch (IOException e) {
      return "could not build target/mrs_mpfr: " + e.getMessage();
    }
  }

  /** One external reference: a command run as {@code COMMAND... DIGITS} with the rounds passed its way. */
  private final class Reference {
    final String name;
    final List<String> command;
    final Map<String, @Nullable String> env;
    /** The mpmath backend this reference stands for (null: not mpmath). */
    final @Nullable String backend;
    boolean disabled;

    Reference(String name, List<String> command, Map<String, @Nullable String> env, @Nullable String backend) {
      this.name = name;
      this.command = command;
      this.env = env;
      this.backend = backend;
    }

    void disable(String why) {
      disabled = true;
      notes.add(name + ": skipped (" + why + ")");
    }

    /** Microseconds per round, or NaN (and disabled with a note) when it cannot be measured. */
    double measure(int digits, int rounds) {
      List<String> cmd = new ArrayList<>(command);
      if (backend != null) {
        cmd.add("--steps");
        cmd.add(Integer.toString(rounds));
        cmd.add(Integer.toString(digits));
      } else {
        cmd.add(Integer.toString(digits));
        cmd.add(Integer.toString(rounds));
      }
      Run r = Run.of(cmd, env, TIMEOUT_SECONDS);
      if (r.failure != null) {
        disable("could not run '" + cmd.get(0) + "': " + r.failure);
        return Double.NaN;
      }
      if (r.exit != 0) {
        disable("'" + String.join(" ", command) + "' exited with " + r.exit + ": " + r.lastLine());
        return Double.NaN;
      }
      Matcher s = SECONDS.matcher(r.output);
      if (!s.find()) {
        disable("no 'seconds=' in its output: " + r.lastLine());
        return Double.NaN;
      }
      if (backend != null) {
        Matcher b = BACKEND.matcher(r.output);
        String g = b.find() ? b.group(1) : null;
        String got = g == null ? "?" : g;
        if (!got.equals(backend)) {
          disable("mpmath under " + command.get(0) + " runs on its " + got + " backend, not " + backend
              + (backend.equals("gmpy") ? " (is python3-gmpy2 installed?)" : ""));
          return Double.NaN;
        }
      }
      return parseGroup(s.group(1)) * 1e6 / Math.max(1, rounds);
    }
  }

  /** A finished external process: exit code and output, or why it could not be run (also used by {@link SweepBenchmark}). */
  static final class Run {
    int exit = -1;
    String output = "";
    @Nullable String failure;

    static Run of(List<String> cmd, Map<String, @Nullable String> env, long timeoutSeconds) {
      Run r = new Run();
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      for (Map.Entry<String, @Nullable String> e : env.entrySet()) {
        String v = e.getValue();
        if (v == null) {
          pb.environment().remove(e.getKey());
        } else {
          pb.environment().put(e.getKey(), v);
        }
      }
      try {
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), buf));
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          r.failure = "no result within " + timeoutSeconds + " s";
          return r;
        }
        reader.join(10_000);
        r.exit = p.exitValue();
        synchronized (buf) {
          r.output = buf.toString(StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        r.failure = e.getMessage() == null ? e.toString() : e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r.failure = "interrupted";
      }
      return r;
    }

    private static void copy(InputStream in, ByteArrayOutputStream buf) {
      byte[] b = new byte[8192];
      try {
        for (int n; (n = in.read(b)) > 0; ) {
          synchronized (buf) {
            buf.write(b, 0, n);
          }
        }
      } catch (IOException e) {
        // the process ended; what was read is kept
      }
    }

    /** {@code key=NUMBER} from the output, or NaN. */
    double number(String key) {
      Matcher m = Pattern.compile(Pattern.quote(key) + "=([0-9.eE+-]+)").matcher(output);
      return m.find() ? parseGroup(m.group(1)) : Double.NaN;
    }

    String lastLine() {
      String[] lines = output.strip().split("\n");
      String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
      return last.isEmpty() ? "no output" : last;
    }
  }

  /** The benchmark instance: strictly SST K = 4, α = 1/2, λ = 3/4, β = 3, π_ref = (4,3,2,1)/10. */
  public static MrsParameters instance() {
    long[][] num = {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}};
    Aprational[][] q = new Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = Rationals.of(num[i][j], 10);
      }
    }
    Distribution ref = Distribution.of(Rationals.of(4, 10), Rationals.of(3, 10), Rationals.of(2, 10), Rationals.of(1, 10));
    return new MrsParameters(PreferenceMatrix.of(q), Rationals.HALF, Rationals.of(3, 4), Rationals.of(3), ref,
        Distribution.uniform(4), MrsParameters.Method.IPO);
  }

  /** A regex group as a double (NaN when the group did not match). */
  static double parseGroup(@org.checkerframework.checker.nullness.qual.Nullable String g) {
    return g == null ? Double.NaN : Double.parseDouble(g);
  }
}
