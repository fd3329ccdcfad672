package prefdyn.dynamics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Complex;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Local and global stability of the MRS-IPO map (docs/theory.md T6, T7): the Jacobian on the centered
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
    return z.modulus(p);
  }

  /** {@code ||P - ½11ᵀ||_2} ({@link PreferenceMatrix#marginSpectralNorm}). */
  public static Apfloat marginNorm(PreferenceMatrix pref, Precision p) {
    return pref.marginSpectralNorm(p);
  }

  /** T7's contraction constant {@code L = α + (βλ/2)||P - ½11ᵀ||_2}. */
  public static Apfloat contractionConstant(MrsParameters params, Precision p) {
    Apfloat bl2 = p.real(params.beta().multiply(params.lambda()).divide(Rationals.of(2)));
    return p.real(params.alpha()).add(bl2.multiply(marginNorm(params.pref(), p)));
  }

  /**
   * The stability report of docs/cli.md's {@code stability} command.
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
    Apfloat[] zeros = new Apfloat[map.k()];
    Arrays.fill(zeros, p.real(0));
    Apfloat[] zero = Linalg.center(zeros, p); // the uniform policy's logits (exactly 0)
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

  // ------------------------------------------------------------ exact rational spectral tools
  //
  // The questions "is ||M||_2 < t", "is λmax(S) ≤ 1/2", "is L < 1" are about rational matrices,
  // so they are decided exactly: tI - A is positive (semi)definite or not, by fraction-free
  // elimination in integers. Enclosures of the (algebraic) values come from exact bisection with
  // the same test, continued in ball arithmetic (square roots). No floating point enters.

  /**
   * Definiteness of a symmetric integer matrix, exactly: 1 positive definite, 0 positive
   * semidefinite and singular, -1 not positive semidefinite. Fraction-free (Bareiss) elimination
   * with symmetric diagonal pivoting: after k steps with positive pivots the remaining entries are
   * det(A_k) times the Schur complement's, so their signs are the Schur complement's.
   */
  static int definiteness(BigInteger[][] m) {
    int n = m.length;
    // a lambda, not a method reference: the Nullness Checker's inference crashes on T[]::clone
    BigInteger[][] a = Arrays.stream(m).map(row -> row.clone()).toArray(BigInteger[][]::new);
    BigInteger prev = BigInteger.ONE;
    for (int k = 0; k < n; k++) {
      int piv = -1;
      for (int i = k; i < n; i++) {
        int sg = a[i][i].signum();
        if (sg < 0) {
          return -1;
        }
        if (sg > 0 && piv < 0) {
          piv = i;
        }
      }
      if (piv < 0) {
        for (int i = k; i < n; i++) {
          for (int j = k; j < n; j++) {
            if (a[i][j].signum() != 0) {
              return -1;
            }
          }
        }
        return 0;
      }
      if (piv != k) {
        BigInteger[] row = a[piv];
        a[piv] = a[k];
        a[k] = row;
        for (int i = 0; i < n; i++) {
          BigInteger t = a[i][piv];
          a[i][piv] = a[i][k];
          a[i][k] = t;
        }
      }
      BigInteger p = a[k][k];
      for (int i = k + 1; i < n; i++) {
        for (int j = k + 1; j < n; j++) {
          a[i][j] = p.multiply(a[i][j]).subtract(a[i][k].multiply(a[k][j])).divide(prev);
        }
      }
      prev = p;
    }
    return 1;
  }

  /** A rational matrix as integers over one common denominator: {@code A = N/D}. */
  private record Scaled(BigInteger[][] n, BigInteger d) {
    static Scaled of(Aprational[][] a) {
      BigInteger den = BigInteger.ONE;
      for (Aprational[] row : a) {
        for (Aprational v : row) {
          BigInteger d = v.denominator().toBigInteger();
          den = den.divide(den.gcd(d)).multiply(d);
        }
      }
      int k = a.length;
      BigInteger[][] n = new BigInteger[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          n[i][j] = a[i][j].numerator().toBigInteger().multiply(den.divide(a[i][j].denominator().toBigInteger()));
        }
      }
      return new Scaled(n, den);
    }

    /** Sign of {@code λmax(A) - T/(D·2^s)}: definiteness of {@code T·I - 2^s·N}. */
    int compare(BigInteger t, int s) {
      int k = n.length;
      BigInteger[][] m = new BigInteger[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          BigInteger v = n[i][j].shiftLeft(s).negate();
          m[i][j] = i == j ? v.add(t) : v;
        }
      }
      return -definiteness(m);
    }
  }

  /** Sign of {@code λmax(A) - t} for a symmetric rational A, exactly (-1, 0 or 1). */
  public static int compareLargestEigenvalue(Aprational[][] a, Aprational t) {
    int n = a.length;
    Aprational[][] shifted = new Aprational[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        shifted[i][j] = (i == j ? t : Rationals.ZERO).subtract(a[i][j]);
      }
    }
    return -definiteness(Scaled.of(shifted).n());
  }

  /**
   * An enclosure of {@code λmax(A)} for a symmetric rational A: starts from
   * {@code [max_i A_ii, max_i Σ_j |A_ij|]} (Rayleigh quotient, Gershgorin) and bisects on the grid
   * {@code T/(D·2^s)}, {@code s = bits + 8}, with the exact test until the width is at most
   * {@code 2^-bits·max(1, |hi|)}; the ends {@code T/(D·2^s)} are then enclosed in one ball.
   */
  public static Ball largestEigenvalue(Aprational[][] a, int bits) {
    Scaled sc = Scaled.of(a);
    int k = a.length;
    int s = bits + 8;
    BigInteger lo = sc.n()[0][0];
    BigInteger hi = BigInteger.ZERO;
    for (int i = 0; i < k; i++) {
      lo = lo.max(sc.n()[i][i]);
      BigInteger row = BigInteger.ZERO;
      for (int j = 0; j < k; j++) {
        row = row.add(sc.n()[i][j].abs());
      }
      hi = hi.max(row);
    }
    lo = lo.shiftLeft(s);
    hi = hi.shiftLeft(s);
    BigInteger unit = sc.d().shiftLeft(s);
    while (hi.subtract(lo).shiftLeft(bits).compareTo(unit.max(hi.abs())) > 0) {
      BigInteger mid = lo.add(hi).shiftRight(1);
      if (mid.equals(lo)) {
        break;
      }
      int c = sc.compare(mid, s);
      if (c == 0) {
        lo = mid;
        hi = mid;
        break;
      }
      if (c < 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    int prec = bits + 16;
    Ball u = Ball.exact(unit);
    return Ball.hull(Ball.exact(lo).div(u, prec), Ball.exact(hi).div(u, prec));
  }

  /** The exact {@code P - ½11ᵀ} (P exact). */
  public static Aprational[][] exactMargin(PreferenceMatrix pref) {
    int k = pref.k();
    Aprational[][] m = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = pref.exact(i, j).subtract(Rationals.HALF);
      }
    }
    return m;
  }

  /** {@code AᵀA}, exact. */
  public static Aprational[][] gram(Aprational[][] a) {
    int r = a.length;
    int c = a[0].length;
    Aprational[][] g = new Aprational[c][c];
    for (int i = 0; i < c; i++) {
      for (int j = 0; j < c; j++) {
        Aprational s = Rationals.ZERO;
        for (int m = 0; m < r; m++) {
          s = s.add(a[m][i].multiply(a[m][j]));
        }
        g[i][j] = s;
      }
    }
    return g;
  }

  /** An enclosure of {@code ||P - ½11ᵀ||_2 = sqrt(λmax(MᵀM))} (P exact), about {@code bits} bits. */
  public static Ball marginNormEnclosure(PreferenceMatrix pref, int bits) {
    return nonNegativeSqrt(largestEigenvalue(gram(exactMargin(pref)), bits), bits + 16);
  }

  /** √x for a ball x that encloses a non-negative number (its negative part is cut off first). */
  public static Ball nonNegativeSqrt(Ball x, int prec) {
    Aprational hi = x.hi();
    if (hi != null && x.containsZero()) {
      return Ball.hull(Ball.ZERO, x.abs()).sqrt(prec);
    }
    return x.sqrt(prec);
  }

  /**
   * T7's contraction constant {@code L = α + (βλ/2)||P - ½11ᵀ||_2} (P exact): whether L < 1, = 1
   * or > 1 is decided exactly ({@code ||M||_2 < 2(1-α)/(βλ)} iff
   * {@code λmax(MᵀM) < 4(1-α)²/(βλ)²}), and the enclosure is refined until it lies on that side
   * of 1.
   *
   * @param vsOne the exact sign of {@code L - 1}
   * @param value an enclosure of L, on the side of 1 that vsOne says (or containing 1 when L = 1)
   */
  public record Contraction(int vsOne, Ball value) {}

  public static Contraction contractionEnclosure(MrsParameters params, int bits) {
    Aprational bl = params.beta().multiply(params.lambda());
    Aprational alpha = params.alpha();
    int prec = bits + 16;
    if (bl.signum() == 0) {
      return new Contraction(alpha.compareTo(Rationals.ONE), Ball.of(alpha, prec));
    }
    Aprational[][] g = gram(exactMargin(params.pref()));
    Aprational half = bl.divide(Rationals.of(2));
    Aprational oneMinus = Rationals.ONE.subtract(alpha);
    int sign;
    if (oneMinus.signum() <= 0) {
      sign = compareLargestEigenvalue(g, Rationals.ZERO) > 0 ? 1 : 0;
    } else {
      sign = compareLargestEigenvalue(g, oneMinus.multiply(oneMinus).divide(half.multiply(half)));
    }
    for (int b = bits; ; b += 32) {
      int q = b + 16;
      Ball l = Ball.of(alpha, q).add(Ball.of(half, q).mul(nonNegativeSqrt(largestEigenvalue(g, b), q), q), q);
      Ball d = l.sub(Ball.ONE, q);
      if (sign == 0 || (sign < 0 ? d.isNegative() : d.isPositive()) || b > bits + 32 * 64) {
        return new Contraction(sign, l);
      }
    }
  }

  /** The exact Jacobian {@code αI + βλ P S(π)} of the uncentered IPO round at a rational policy π (P exact). */
  public static Aprational[][] exactJacobian(MrsParameters params, Aprational[] pi) {
    int k = pi.length;
    Aprational bl = params.beta().multiply(params.lambda());
    Aprational[][] s = new Aprational[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Aprational v = pi[r].multiply(pi[c]).negate();
        s[r][c] = r == c ? v.add(pi[r]) : v;
      }
    }
    Aprational[][] j = new Aprational[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Aprational v = Rationals.ZERO;
        for (int m = 0; m < k; m++) {
          v = v.add(params.pref().exact(r, m).multiply(s[m][c]));
        }
        v = v.multiply(bl);
        j[r][c] = r == c ? v.add(params.alpha()) : v;
      }
    }
    return j;
  }

  /**
   * The centered map {@code ΠJ} restricted to 1^⊥, in the rational basis
   * {@code b_c = e_c - e_K} (c = 1..K-1): the (K-1)×(K-1) matrix R with {@code ΠJB = BR}. A
   * centered vector v has coordinates {@code (v_1, …, v_{K-1})} in this basis, so R is the first
   * K-1 rows of {@code ΠJB}.
   */
  public static Aprational[][] restrictToCentered(Aprational[][] j) {
    int k = j.length;
    Aprational invK = Rationals.of(1, k);
    Aprational[][] r = new Aprational[k - 1][k - 1];
    for (int c = 0; c < k - 1; c++) {
      Aprational[] col = new Aprational[k];
      Aprational mean = Rationals.ZERO;
      for (int m = 0; m < k; m++) {
        col[m] = j[m][c].subtract(j[m][k - 1]);
        mean = mean.add(col[m]);
      }
      mean = mean.multiply(invK);
      for (int m = 0; m < k - 1; m++) {
        r[m][c] = col[m].subtract(mean);
      }
    }
    return r;
  }

  /**
   * Enclosures of the smallest and largest singular value (in the Euclidean norm of 1^⊥) of a
   * K = 3 restricted map R (see {@link #restrictToCentered}): with {@code G = BᵀB = I + 11ᵀ} the
   * Gram matrix of the basis, {@code σ²} are the roots of {@code t² - tr(G⁻¹RᵀGR)t + det(R)²}.
   *
   * @return {@code {σ_min, σ_max}}
   */
  public static Ball[] singularValuesOnCenteredPlane(Aprational[][] r, int bits) {
    if (r.length != 2) {
      throw new IllegalArgumentException("K = 3 only");
    }
    Aprational[][] g = {{Rationals.of(2), Rationals.ONE}, {Rationals.ONE, Rationals.of(2)}};
    Aprational[][] gInv = {{Rationals.of(2, 3), Rationals.of(-1, 3)}, {Rationals.of(-1, 3), Rationals.of(2, 3)}};
    Aprational[][] rtgr = new Aprational[2][2];
    for (int i = 0; i < 2; i++) {
      for (int jj = 0; jj < 2; jj++) {
        Aprational s = Rationals.ZERO;
        for (int m = 0; m < 2; m++) {
          for (int n = 0; n < 2; n++) {
            s = s.add(r[m][i].multiply(g[m][n]).multiply(r[n][jj]));
          }
        }
        rtgr[i][jj] = s;
      }
    }
    Aprational tr = Rationals.ZERO;
    for (int i = 0; i < 2; i++) {
      for (int m = 0; m < 2; m++) {
        tr = tr.add(gInv[i][m].multiply(rtgr[m][i]));
      }
    }
    Aprational det = r[0][0].multiply(r[1][1]).subtract(r[0][1].multiply(r[1][0]));
    Aprational disc = tr.multiply(tr).subtract(Rationals.of(4).multiply(det).multiply(det));
    int prec = bits + 16;
    // disc ≥ 0 in exact arithmetic (symmetric positive semidefinite pencil); clamp a rounding-free 0
    Ball sq = disc.signum() <= 0 ? Ball.ZERO : Ball.of(disc, prec).sqrt(prec);
    Ball t = Ball.of(tr, prec);
    Ball s2max = t.add(sq, prec).mulPow2(-1);
    Ball s2min = t.sub(sq, prec).mulPow2(-1);
    return new Ball[] {nonNegativeSqrt(s2min, prec), nonNegativeSqrt(s2max, prec)};
  }

  /**
   * A bound on how far the IPO round's centered map is from its linearization at uniform, for K
   * responses: for centered θ with {@code ||θ||_2 ≤ r},
   * {@code ||Φ(θ) - Φ(0) - ΠJ₀θ|| ≤ η(r)||θ||} with
   * {@code η(r) = βλ·m·((r/2)(1 + 2/√K) + r²/4)}, m ≥ ||P - ½11ᵀ||_2 (proofs-notes/T6.md).
   */
  public static Ball linearizationDefect(Aprational betaLambda, Ball marginNormUpper, int k, Ball r, int prec) {
    Ball invSqrtK = Ball.exact(k).sqrt(prec).inv(prec);
    Ball eps = r.mulPow2(-1).mul(Ball.ONE.add(invSqrtK.mulPow2(1), prec), prec).add(r.sqr(prec).mulPow2(-2), prec);
    return Ball.of(betaLambda, prec).mul(marginNormUpper, prec).mul(eps, prec);
  }
}
