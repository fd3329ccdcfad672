package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.experiment.HelpSteerMatrices;
import prefdyn.experiment.MatrixClass;
import prefdyn.experiment.ScoreMatrix;
import prefdyn.io.HelpSteerRow;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/**
 * The experiment classifies HelpSteer σ-matrices {@code P_ij = σ(score_i - score_j)} exactly, on
 * the integer surrogate {@code 1/2 + d_ij/10} (ScoreMatrix#surrogate). This is sound because both
 * are strictly increasing images of the same integer differences with value 1/2 at 0; the
 * property checks it against the σ-matrix itself (approximate, at 20 digits) on random score
 * tables: same class, same SST verdict, same 3-cycles, same majority order.
 */
class ExperimentProperties {
  private static final Precision P = Precision.ofDigits(20);

  @Provide
  Arbitrary<List<HelpSteerRow>> scoreTables() {
    Arbitrary<int[]> scores = Arbitraries.integers().between(0, 4).array(int[].class).ofSize(5);
    return Arbitraries.integers().between(2, 5).flatMap(k -> scores.list().ofSize(k).map(list -> {
      List<HelpSteerRow> rows = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        rows.add(new HelpSteerRow("p", "r" + i, list.get(i), i + 1));
      }
      return rows;
    }));
  }

  @Property(tries = 300)
  void sigmaMatrixAndIntegerSurrogateHaveTheSameStructure(@ForAll("scoreTables") List<HelpSteerRow> rows,
      @ForAll long seed) {
    ScoreMatrix m = HelpSteerMatrices.build("t", rows, rows.size(), seed).matrices().get(0);
    PreferenceMatrix sigma = m.preference(P);
    PreferenceMatrix surrogate = m.surrogate();
    assertEquals(MatrixClass.of(surrogate), MatrixClass.of(sigma));
    assertEquals(Structure.sst(surrogate), Structure.sst(sigma));
    assertEquals(MatrixClass.sstAllowingTies(surrogate), MatrixClass.sstAllowingTies(sigma));
    assertEquals(cycles(surrogate), cycles(sigma));
    assertEquals(Structure.majorityOrder(surrogate).map(Arrays::toString), Structure.majorityOrder(sigma).map(Arrays::toString));
  }

  /**
   * Finite-sample replicates (experiment --samples N --replicates R): the cycle strength of the
   * replicate-averaged trajectory is at most the mean cycle strength of the single replicates
   * (time variance is a squared seminorm, so convexity), on random seeds, sample sizes and
   * replicate counts on T6's 3-cycle and an SST matrix. A wrong average (a sum, or one replicate
   * weighted twice) breaks it; ReplicatesTest shows the sum does.
   */
  @Property(tries = 8)
  void cycleStrengthOfTheAverageIsAtMostTheMeanOfTheSingleReplicates(@ForAll long seed,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 5, max = 60) int samples,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 4) int replicates) {
    Aprational h = Rationals.HALF;
    PreferenceMatrix cycle = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.ONE, Rationals.ZERO}, {Rationals.ZERO, h, Rationals.ONE}, {Rationals.ONE, Rationals.ZERO, h}});
    PreferenceMatrix sst = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(2, 3), Rationals.of(4, 5)}, {Rationals.of(1, 3), h, Rationals.of(2, 3)},
      {Rationals.of(1, 5), Rationals.of(1, 3), h}});
    List<prefdyn.experiment.ExperimentMatrix> ms = List.of(prefdyn.experiment.ExperimentMatrix.exact("cycle", "matrix", cycle),
        prefdyn.experiment.ExperimentMatrix.exact("sst", "matrix", sst));
    List<prefdyn.experiment.Sweep.Setting> settings = List.of(new prefdyn.experiment.Sweep.Setting(Rationals.of(9, 10),
        Rationals.ONE, Rationals.of(3)));
    prefdyn.experiment.Sweep.Result r = prefdyn.experiment.Sweep.run(ms, settings,
        prefdyn.experiment.Sweep.Distributions.uniform(), 25, 0, seed, P,
        new prefdyn.experiment.Sweep.Sampling(samples, replicates), prefdyn.search.Shard.ALL, null);
    for (int c = 0; c < r.runs().size(); c += replicates) {
      List<prefdyn.experiment.Sweep.Run> cell = r.runs().subList(c, c + replicates);
      double mean = cell.stream().mapToDouble(prefdyn.experiment.Sweep.Run::cycleStrength).average().orElseThrow();
      double tail = cell.stream().mapToDouble(prefdyn.experiment.Sweep.Run::cycleStrengthTail).average().orElseThrow();
      assertTrue(cell.get(0).cycleStrengthOfMean() <= mean * (1 + 1e-12) + 1e-300, cell.toString());
      assertTrue(cell.get(0).cycleStrengthTailOfMean() <= tail * (1 + 1e-12) + 1e-300, cell.toString());
    }
  }

  private static List<String> cycles(PreferenceMatrix p) {
    return Structure.threeCycles(p).stream().map(Arrays::toString).toList();
  }

  /**
   * The check can fail: a transform that is not increasing (1/2 + sign(d)·(5 - |d|)/10, which
   * reverses the order of same-sign entries) keeps the majority relation but breaks SST.
   */
  @Example
  void aNonMonotoneSurrogateIsCaught() {
    // scores on one attribute 4, 2, 0 -> d01 = 2, d12 = 2, d02 = 4: strictly SST as σ-matrix
    int[][] d = {{0, 2, 4}, {-2, 0, 2}, {-4, -2, 0}};
    Aprational[][] wrong = new Aprational[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int s = Integer.signum(d[i][j]);
        wrong[i][j] = Rationals.HALF.add(Rationals.of(s * (5 - Math.abs(d[i][j])) * (s == 0 ? 0 : 1), 10));
      }
    }
    ScoreMatrix m = new ScoreMatrix("t", "p", List.of("a", "b", "c"), d, new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}});
    PreferenceMatrix bad = PreferenceMatrix.of(wrong);
    assertEquals(MatrixClass.STRONGLY_TRANSITIVE, MatrixClass.of(m.preference(P)));
    assertEquals(MatrixClass.STRONGLY_TRANSITIVE, MatrixClass.of(m.surrogate()));
    assertTrue(MatrixClass.of(bad) != MatrixClass.of(m.preference(P)), "the wrong transform must change the class");
  }
}
