package prefdyn.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Complex;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * Local and global stability of the MRS-IPO map (theory.md T6, T7): the Jacobian on the centered
 * space, its eigenvalues and spectral radius, and the contraction constant
 * {@code L = α + (βλ/2)||P - ½11ᵀ||_2}.
 *
 * <p>The centered space 1^⊥ is represented in the orthonormal Helmert basis
 * {@code q_k = (1,…,1,-k,0,…,0)/sqrt(k(k+1))}, k = 1..K-1 (the columns of Q); the Jacobian there
 * is the (K-1)×(K-1) matrix {@code Qᵀ J Q}. Since the round's output is centered and J maps 1 to
 * α1 (S kills 1), {@code QᵀΠJQ = QᵀJQ} carries exactly the K-1 eigenvalues that matter.
 */
public final class Stability {
  private Stability() {}

  /** The Helmert basis of 1^⊥ as a K×(K-1) matrix with orthonormal columns. */
  public static Apfloat[][] helmert(int k, Precision p) {
    Apfloat[][] q = new Apfloat[k][k - 1];
    for (int c = 0; c < k - 1; c++) {
      int m = c + 1;
      Apfloat norm = ApfloatMath.sqrt(p.real((long) m * (m + 1)));
      Apfloat pos = p.real(1).divide(norm);
      Apfloat neg = p.real(-m).divide(norm);
      for (int r = 0; r < k; r++) {
        q[r][c] = r < m ? pos : (r == m ? neg : p.real(0));
      }
    }
    return q;
  }

  /** {@code Qᵀ J Q}: a K×K map restricted to 1^⊥ in the Helmert basis. */
  public static Apfloat[][] onCenteredSpace(Apfloat[][] j, Precision p) {
    int k = j.length;
    Apfloat[][] q = helmert(k, p);
    Apfloat[][] jq = new Apfloat[k][k - 1];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k - 1; c++) {
        Apfloat s = p.real(0);
        for (int m = 0; m < k; m++) {
          s = s.add(j[r][m].multiply(q[m][c]));
        }
        jq[r][c] = s;
      }
    }
    Apfloat[][] out = new Apfloat[k - 1][k - 1];
    for (int r = 0; r < k - 1; r++) {
      for (int c = 0; c < k - 1; c++) {
        Apfloat s = p.real(0);
        for (int m = 0; m < k; m++) {
          s = s.add(q[m][r].multiply(jq[m][c]));
        }
        out[r][c] = s;
      }
    }
    return out;
  }

  /** The K-1 eigenvalues of the MRS-IPO Jacobian on 1^⊥ at θ. */
  public static List<Complex> eigenvalues(MrsMap map, Apfloat[] theta) {
    Precision p = map.precision();
    return Linalg.eigenvalues(onCenteredSpace(map.jacobian(theta), p), p);
  }

  /** {@code max |λ_i|}. */
  public static Apfloat spectralRadius(List<Complex> eigenvalues, Precision p) {
    Apfloat best = p.real(0);
    for (Complex z : eigenvalues) {
      Apfloat m = modulus(z, p);
      if (m.compareTo(best) > 0) {
        best = m;
      }
    }
    return best;
  }

  public static Apfloat modulus(Complex z, Precision p) {
    return ApfloatMath.sqrt(z.re().multiply(z.re()).add(z.im().multiply(z.im())));
  }

  /** {@code ||P - ½11ᵀ||_2}. */
  public static Apfloat marginNorm(prefdyn.pref.PreferenceMatrix pref, Precision p) {
    Apfloat[][] m = pref.real(p);
    Apfloat half = p.real(Rationals.HALF);
    for (Apfloat[] row : m) {
      for (int j = 0; j < row.length; j++) {
        row[j] = row[j].subtract(half);
      }
    }
    return Linalg.spectralNorm(m, p);
  }

  /** T7's contraction constant {@code L = α + (βλ/2)||P - ½11ᵀ||_2}. */
  public static Apfloat contractionConstant(MrsParameters params, Precision p) {
    Apfloat bl2 = p.real(params.beta().multiply(params.lambda()).divide(Rationals.of(2)));
    return p.real(params.alpha()).add(bl2.multiply(marginNorm(params.pref(), p)));
  }

  /**
   * The stability report of cli.md's {@code stability} command.
   *
   * @param fixedPoint centered logits of the fixed point analysed
   * @param source how it was found: "iteration", "uniform" or "newton"
   * @param iteration the plain iteration from the start
   * @param newton Newton's method on L4's equation (null when α = 1)
   * @param agreement {@code ||Π(θ_iteration - θ_newton)||} when both converged
   */
  public record Report(Apfloat[] fixedPoint, String source, FixedPoints.Result iteration,
      FixedPoints.@Nullable Result newton, @Nullable Apfloat agreement, List<Complex> eigenvalues,
      Apfloat spectralRadius, Apfloat contractionConstant) {}

  /** Finds the fixed point (iteration from the start, else uniform, else Newton) and analyses it. */
  public static Report analyze(MrsParameters params, Distribution start, Precision p, long maxRounds) {
    MrsMap map = new MrsMap(params, p);
    Apfloat[] theta0 = map.logitsOf(start);
    FixedPoints.Result it = FixedPoints.iterate(map, theta0, maxRounds);
    boolean alphaOne = params.alpha().equals(Rationals.ONE);
    FixedPoints.@Nullable Result nt = null;
    if (!alphaOne) {
      nt = FixedPoints.newton(map, theta0, 100);
      if (!nt.converged() && it.converged()) {
        nt = FixedPoints.newton(map, it.logits(), 100);
      }
    }
    Apfloat[] fp;
    String source;
    Apfloat[] zero = new Apfloat[map.k()];
    java.util.Arrays.fill(zero, p.real(0));
    if (it.converged()) {
      fp = it.logits();
      source = "iteration";
    } else if (map.residual(zero).length > 0
        && Linalg.norm2(map.residual(zero), p).compareTo(FixedPoints.tolerance(zero, p)) <= 0) {
      fp = zero;
      source = "uniform";
    } else if (nt != null && nt.converged()) {
      fp = nt.logits();
      source = "newton";
    } else {
      throw new ArithmeticException("no fixed point found: the iteration from the start does not converge in "
          + maxRounds + " rounds, uniform is not a fixed point"
          + (alphaOne ? " (alpha = 1: the logit map has no fixed point in general)" : ", and Newton's method failed"));
    }
    Apfloat agreement = it.converged() && nt != null && nt.converged()
        ? FixedPoints.distance(it.logits(), nt.logits(), p) : null;
    List<Complex> eig = eigenvalues(map, fp);
    return new Report(fp, source, it, nt, agreement, eig, spectralRadius(eig, p), contractionConstant(params, p));
  }

  /** The list of eigenvalues as (re, im) pairs of doubles (pictures only). */
  public static List<double[]> toDoubles(List<Complex> eig) {
    List<double[]> out = new ArrayList<>();
    for (Complex z : eig) {
      out.add(new double[] {z.re().doubleValue(), z.im().doubleValue()});
    }
    return out;
  }
}
