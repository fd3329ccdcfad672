package prefdyn.experiment;

import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * One matrix of the experiment, classified.
 *
 * @param id where it comes from ({@code file} for PrefLib or text, {@code file:line} for a
 *     HelpSteer prompt)
 * @param kind {@code helpsteer}, {@code synthetic} or {@code preflib}/{@code matrix}
 * @param pref the matrix the dynamics runs on (σ-matrix for score data, exact otherwise)
 * @param matrixClass decided exactly (on the integer surrogate for score data)
 * @param sst the SST verdict of {@link Structure#sst}, decided exactly
 * @param ties pairs at exactly 1/2
 * @param sstAllowingTies the tie-tolerant SST of {@link MatrixClass#sstAllowingTies}
 */
public record ExperimentMatrix(String id, String kind, PreferenceMatrix pref, MatrixClass matrixClass, Sst sst, int ties,
    boolean sstAllowingTies) {

  /** An exact matrix (PrefLib tally or text file), classified on itself. */
  public static ExperimentMatrix exact(String id, String kind, PreferenceMatrix p) {
    int ties = 0;
    for (int i = 0; i < p.k(); i++) {
      for (int j = i + 1; j < p.k(); j++) {
        ties += !p.beats(i, j) && !p.beats(j, i) ? 1 : 0;
      }
    }
    return new ExperimentMatrix(id, kind, p, MatrixClass.of(p), Structure.sst(p), ties, MatrixClass.sstAllowingTies(p));
  }

  /** A score matrix: runs on the σ-matrix, classified exactly on the integer surrogate. */
  public static ExperimentMatrix scores(ScoreMatrix m, String kind, ScoreMatrix.Sigmoids sigmoids) {
    PreferenceMatrix surrogate = m.surrogate();
    return new ExperimentMatrix(m.id(), kind, m.preference(sigmoids), MatrixClass.of(surrogate), Structure.sst(surrogate),
        m.ties(), MatrixClass.sstAllowingTies(surrogate));
  }

  public int k() {
    return pref.k();
  }
}
