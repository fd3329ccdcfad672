package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.cli.CliRunner;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.search.Shard;

/** {@code experiment --samples N --replicates R}: finite-sample replicates and the averaged trajectory. */
class ReplicatesTest {
  private static final Precision P = Precision.ofDigits(20);

  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  private static Sweep.Result sampled(int samples, int reps, long seed, long steps) {
    List<ExperimentMatrix> ms = List.of(SweepTest.threeCycle(Rationals.HALF), SweepTest.sst());
    List<Sweep.Setting> settings = List.of(SweepTest.setting("9/10", "1", "3"), SweepTest.setting("1/2", "1", "1"));
    return Sweep.run(ms, settings, Sweep.Distributions.uniform(), steps, 0, seed, P, new Sweep.Sampling(samples, reps),
        Shard.ALL, null);
  }

  @Test
  void oneRowPerReplicateAndTheSameOnAnyThreadCount() throws Exception {
    Sweep.Result one = new ForkJoinPool(1).submit(() -> sampled(40, 3, 5, 60)).get();
    Sweep.Result four = new ForkJoinPool(4).submit(() -> sampled(40, 3, 5, 60)).get();
    assertEquals(2 * 2 * 3, one.runs().size());
    for (int i = 0; i < one.runs().size(); i++) {
      Sweep.Run r = one.runs().get(i);
      assertEquals(i % 3, r.replicate());
      assertEquals(r, four.runs().get(i));
    }
    Sweep.Trace oneTrace = one.trace();
    assertNotNull(oneTrace);
    assertEquals(0, oneTrace.matrix()); // the cyclic matrix, at the setting of largest βλ
    assertEquals(0, oneTrace.setting());
    // replicates differ (own seeds), the cell's average is shared by its rows
    assertTrue(one.runs().get(0).cycleStrength() != one.runs().get(1).cycleStrength());
    assertEquals(one.runs().get(0).cycleStrengthOfMean(), one.runs().get(2).cycleStrengthOfMean());
    // another seed, other samples
    assertTrue(sampled(40, 3, 6, 60).runs().get(0).cycleStrength() != one.runs().get(0).cycleStrength());
  }

  /**
   * Time variance is a squared seminorm of the trajectory, so by convexity the variance of the
   * average of R trajectories is at most the mean of their variances (equality for R = 1). This
   * bound is what the experiment's "averaging hides oscillation" compares against; a broken
   * average (the sum instead of the mean) breaks it.
   */
  @Test
  void cycleStrengthOfTheAverageIsAtMostTheMeanOfTheSingles() {
    Sweep.Result r = sampled(30, 4, 9, 80);
    for (int c = 0; c < r.runs().size(); c += 4) {
      List<Sweep.Run> cell = r.runs().subList(c, c + 4);
      double mean = cell.stream().mapToDouble(Sweep.Run::cycleStrength).average().orElseThrow();
      double avg = cell.get(0).cycleStrengthOfMean();
      assertTrue(avg <= mean * (1 + 1e-12) + 1e-300, avg + " > " + mean);
    }
    Sweep.Result single = sampled(30, 1, 9, 80);
    for (Sweep.Run run : single.runs()) {
      assertEquals(run.cycleStrength(), run.cycleStrengthOfMean(), 1e-15 * run.cycleStrength());
    }
    // the check rejects a wrong average: the sum of the traced replicates instead of their mean
    Sweep.Trace t = r.trace();
    assertNotNull(t);
    double singles = 0;
    for (double[][] rep : t.pi()) {
      singles += timeVariance(rep) / t.pi().length;
    }
    double[][] sum = new double[t.mean().length][];
    for (int s = 0; s < sum.length; s++) {
      sum[s] = t.mean()[s].clone();
      for (int i = 0; i < sum[s].length; i++) {
        sum[s][i] *= t.pi().length;
      }
    }
    assertTrue(timeVariance(t.mean()) <= singles * (1 + 1e-12));
    assertFalse(timeVariance(sum) <= singles * (1 + 1e-12), "a summed 'average' must violate the bound");
  }

  /** The paper's observation, measured: on T6's 3-cycle with ρ > 1 the replicates oscillate with random phases. */
  @Test
  void averagingHidesTheOscillationOfSingleRuns() {
    List<ExperimentMatrix> ms = List.of(SweepTest.threeCycle(Rationals.HALF));
    Sweep.Result r = Sweep.run(ms, List.of(SweepTest.setting("9/10", "1", "3")), Sweep.Distributions.uniform(), 300, 0, 2,
        P, new Sweep.Sampling(200, 8), Shard.ALL, null);
    double single = r.runs().stream().mapToDouble(Sweep.Run::cycleStrengthTail).average().orElseThrow();
    double averaged = r.runs().get(0).cycleStrengthTailOfMean();
    assertTrue(single > 1e-3, "single replicates should oscillate (rho > 1): " + single);
    assertTrue(averaged < 0.5 * single, "the average should oscillate less: " + averaged + " vs " + single);
  }

  private static double timeVariance(double[][] rounds) {
    double s = 0;
    int k = rounds[0].length;
    for (int i = 0; i < k; i++) {
      double m = 0;
      for (double[] r : rounds) {
        m += r[i];
      }
      m /= rounds.length;
      for (double[] r : rounds) {
        s += (r[i] - m) * (r[i] - m);
      }
    }
    return s / rounds.length / k;
  }

  @Test
  void cliWritesReplicateRowsTheAveragedColumnsAndTheReplicateFigure() throws IOException {
    String[] args = {"experiment", "--synthetic", "6", "--alpha", "1/2", "--beta", "2,8", "--steps", "40", "--samples", "30",
      "--replicates", "3", "--seed", "4", "--quiet", "--out"};
    CliRunner a = CliRunner.run(concat(args, dir.resolve("a").toString()));
    assertEquals(0, a.exitCode(), a.err());
    List<String> runs = Files.readAllLines(dir.resolve("a/runs.csv"));
    assertEquals(String.join(",", ExperimentReport.RUN_COLUMNS), runs.get(0));
    assertEquals(1 + 6 * 2 * 3, runs.size());
    assertTrue(runs.get(1).contains(",40,30,0,") && runs.get(2).contains(",40,30,1,"), runs.get(1));
    List<String> summary = Files.readAllLines(dir.resolve("a/summary.csv"));
    assertEquals(String.join(",", ExperimentReport.SUMMARY_COLUMNS), summary.get(0));
    assertTrue(Files.readAllLines(dir.resolve("a/replicates.csv")).size() == 1 + 4 * 41);
    byte[] png = Files.readAllBytes(dir.resolve("a/replicates.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    CliRunner b = CliRunner.run(concat(args, dir.resolve("b").toString()));
    for (String f : List.of("runs.csv", "summary.csv", "replicates.csv", "replicates.png")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    assertEquals(0, b.exitCode());
  }

  @Test
  void badSamplingFlagsExitTwoAndWriteNothing() {
    String[][] bad = {
      {"--samples", "0"}, {"--samples", "-3"}, {"--samples", "2.5"}, {"--samples", "many"},
      {"--samples", "10", "--replicates", "0"}, {"--samples", "10", "--replicates", "1.5"}, {"--replicates", "3"},
      {"--samples", "10", "--shard", "1/2"}, {"--samples", "10", "--shard", "3/2", "--out", "X"}};
    for (String[] b : bad) {
      String[] args = new String[b.length + 3];
      args[0] = "experiment";
      args[1] = "--synthetic";
      args[2] = "4";
      System.arraycopy(b, 0, args, 3, b.length);
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("X")) {
          args[i] = dir.resolve("x").toString();
        }
      }
      CliRunner r = CliRunner.run(args);
      assertEquals(2, r.exitCode(), String.join(" ", b) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals("", r.out());
    }
    assertFalse(Files.exists(dir.resolve("x")));
  }

  private static String[] concat(String[] a, String b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.stream.Stream.of(b)).toArray(String[]::new);
  }
}
