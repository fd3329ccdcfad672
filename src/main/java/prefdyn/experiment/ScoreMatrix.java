package prefdyn.experiment;

import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.io.HelpSteerRow;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * The paper's HelpSteer construction for one prompt (docs/theory.md section 6): K responses and, for
 * each pair, one attribute drawn at random with {@code P_ij = σ(score_i - score_j)} on it.
 *
 * <p>The matrix is kept as the integer differences {@code d_ij = score_i(a_ij) - score_j(a_ij)}
 * (antisymmetric, in -4..4). Every majority and SST question compares entries with each other
 * and with 1/2, and σ is strictly increasing with σ(0) = 1/2, so these questions are decided
 * exactly by comparing the integers: {@link #surrogate()} is the exact matrix
 * {@code 1/2 + d_ij/10}, which has the same majority relation and the same order among entries
 * as the σ-matrix {@link #preference(Precision)} (the property {@code ExperimentProperties}
 * checks this on random score tables).
 *
 * @param id where the prompt comes from ({@code file:line} of its first row)
 * @param prompt the prompt text or id
 * @param responses the responses taken, in file order
 * @param difference {@code d_ij}
 * @param attribute the attribute index drawn for pair (i,j) (symmetric; -1 on the diagonal)
 */
public record ScoreMatrix(String id, String prompt, List<String> responses, int[][] difference, int[][] attribute) {
  public ScoreMatrix {
    responses = List.copyOf(responses);
    difference = deepCopy(difference);
    attribute = deepCopy(attribute);
    int k = difference.length;
    for (int i = 0; i < k; i++) {
      if (difference[i][i] != 0) {
        throw new IllegalArgumentException("d_ii must be 0");
      }
      for (int j = 0; j < k; j++) {
        if (difference[i][j] != -difference[j][i]) {
          throw new IllegalArgumentException("differences must be antisymmetric");
        }
      }
    }
  }

  public int k() {
    return difference.length;
  }

  @Override
  public int[][] difference() {
    return deepCopy(difference);
  }

  @Override
  public int[][] attribute() {
    return deepCopy(attribute);
  }

  public int difference(int i, int j) {
    return difference[i][j];
  }

  /** The σ-matrix {@code P_ij = σ(d_ij)} at working precision (complement exact by construction). */
  public PreferenceMatrix preference(Precision precision) {
    return preference(sigmoids(precision));
  }

  /**
   * The σ-matrix from a table of {@link #sigmoids}: a score difference takes only the nine values
   * -4..4, so a sweep over thousands of prompts computes nine sigmoids, not six per prompt.
   */
  public PreferenceMatrix preference(Sigmoids table) {
    int k = k();
    Apfloat[][] upper = new Apfloat[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        upper[i][j] = table.of(difference[i][j]);
      }
    }
    return PreferenceMatrix.fromUpperTriangle(upper, table.precision());
  }

  /** σ(d) for the score differences d = -4..4 at one precision. */
  public record Sigmoids(Apfloat[] values, Precision precision) {
    public Apfloat of(int d) {
      return values[d - (HelpSteerRow.MIN_SCORE - HelpSteerRow.MAX_SCORE)];
    }
  }

  /**
   * The table σ(-4..4), built so that entries equal as real numbers are equal digit for digit:
   * σ(-d) above the diagonal and {@code 1 - σ(d)} computed below it by
   * {@link PreferenceMatrix#fromUpperTriangle} must compare as a tie. (Computing σ(-d) on its own,
   * or keeping the kernel's extra digits, leaves them one unit in the last place apart, which made
   * weak SST fail on the σ-matrix; ExperimentProperties found this.)
   */
  public static Sigmoids sigmoids(Precision precision) {
    int span = HelpSteerRow.MAX_SCORE - HelpSteerRow.MIN_SCORE;
    Apfloat[] v = new Apfloat[2 * span + 1];
    Apfloat one = precision.real(1);
    for (int d = 0; d <= span; d++) {
      // both values are results of subtracting from the same `one`, so they sit on its digit grid
      // and 1 - (1 - x) = x holds exactly, as fromUpperTriangle's lower triangle requires
      Apfloat low = one.subtract(Kernel.sigmoid(precision.real(d), precision));
      v[span - d] = low;
      v[d + span] = one.subtract(low);
    }
    return new Sigmoids(v, precision);
  }

  /**
   * The exact matrix {@code 1/2 + d_ij/10}: a strictly increasing image of the σ-matrix's entries
   * (both are increasing functions of d with value 1/2 at 0), so it has the same structure.
   */
  public PreferenceMatrix surrogate() {
    int k = k();
    Aprational[][] q = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = Rationals.HALF.add(Rationals.of(difference[i][j], 10));
      }
    }
    return PreferenceMatrix.of(q);
  }

  /** Pairs {@code i < j} with {@code d_ij = 0} ({@code P_ij = 1/2}: no strict majority). */
  public int ties() {
    int n = 0;
    for (int i = 0; i < k(); i++) {
      for (int j = i + 1; j < k(); j++) {
        n += difference[i][j] == 0 ? 1 : 0;
      }
    }
    return n;
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
