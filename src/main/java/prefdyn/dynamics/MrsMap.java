package prefdyn.dynamics;

import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.MonotonicNonNull;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.qual.Centered;
import prefdyn.verified.Centering;

/**
 * The MRS round in logits at one precision (docs/theory.md section 4):
 * <pre>
 *   reference   log π_ref^(t) = α θ_t + (1-α) log π_ref            (geometric mixture)
 *   sampler     μ_t = λ softmax(θ_t) + (1-λ) π_0                     (affine mixture)
 *   IPO round   θ_{t+1} = Π(log π_ref^(t) + β P μ_t)                 (L1 closed form)
 *   DPO round   θ_{t+1} = DPO optimum with reference π_ref^(t), sampler μ_t, temperature β
 * </pre>
 * Logits are kept centered (sum 0). No probability is ever formed except inside the sampler,
 * where underflowing entries contribute nothing that matters, so a policy far below e^-1000 keeps
 * its log-odds to working digits.
 */
public final class MrsMap {
  private final MrsParameters params;
  private final Precision precision;
  private final boolean alphaOne;
  private final boolean alphaZero;
  /** The round's constants at {@link #precision} (Apfloat), made on first use: the ball round does not need them. */
  private @MonotonicNonNull Reals reals;

  /** The Apfloat constants of the round at one precision (immutable once made). */
  private static final class Reals {
    final Apfloat[][] p;
    final Apfloat[] logRef;
    final Apfloat[] scaledLogRef;
    final Apfloat[] offlinePart;
    final Apfloat alpha;
    final Apfloat lambda;
    final Apfloat beta;
    /** P scaled to small exact integers when P is exact ({@code D·P}, D the common denominator), else P. */
    final Apfloat[][] scaledP;
    /** {@code βλ/D}: the on-policy strength applied to {@code scaledP · softmax(θ)}. */
    final Apfloat onPolicyStrength;
    /** {@code (1-α) log π_ref + β(1-λ) P π_0}: the part of the round that does not depend on θ. */
    final Apfloat[] constantPart;

    Reals(MrsParameters params, Precision precision) {
      this.p = params.pref().real(precision);
      this.logRef = LogitPolicy.logitsOf(params.ref().real(precision), precision);
      this.alpha = precision.real(params.alpha());
      this.lambda = precision.real(params.lambda());
      this.beta = precision.real(params.beta());
      Apfloat oneMinusAlpha = precision.real(prefdyn.num.Rationals.ONE.subtract(params.alpha()));
      Apfloat oneMinusLambda = precision.real(prefdyn.num.Rationals.ONE.subtract(params.lambda()));
      int k = params.k();
      this.scaledLogRef = new Apfloat[k];
      this.offlinePart = new Apfloat[k];
      Apfloat[] pi0 = params.pi0().real(precision);
      for (int i = 0; i < k; i++) {
        scaledLogRef[i] = oneMinusAlpha.multiply(logRef[i]);
        offlinePart[i] = oneMinusLambda.multiply(pi0[i]);
      }
      // Speed (same arithmetic, reorganized): with exact P = N/D (N small integers), the products
      // N_ij·π_j are exact-integer times working-precision numbers, linear in the digits; and the
      // offline part β(1-λ)Pπ_0 of the sampler is the same every round, so it joins the reference.
      java.math.BigInteger d = java.math.BigInteger.ONE;
      if (params.pref().isExact()) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            java.math.BigInteger q = params.pref().exact(i, j).denominator().toBigInteger();
            d = d.divide(d.gcd(q)).multiply(q);
          }
        }
        this.scaledP = new Apfloat[k][k];
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            org.apfloat.Aprational e = params.pref().exact(i, j);
            scaledP[i][j] = new org.apfloat.Apint(e.numerator().toBigInteger().multiply(d).divide(e.denominator().toBigInteger()));
          }
        }
      } else {
        this.scaledP = p;
      }
      this.onPolicyStrength = precision.real(params.beta().multiply(params.lambda())
          .divide(new org.apfloat.Aprational(new org.apfloat.Apint(d))));
      Apfloat offlineStrength = precision.real(params.beta().multiply(prefdyn.num.Rationals.ONE.subtract(params.lambda())));
      Apfloat[] pPi0 = Linalg.multiply(p, pi0, precision);
      this.constantPart = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        constantPart[i] = scaledLogRef[i].add(offlineStrength.multiply(pPi0[i]));
      }
    }
  }

  public MrsMap(MrsParameters params, Precision precision) {
    this.params = params;
    this.precision = precision;
    this.alphaOne = params.alpha().equals(prefdyn.num.Rationals.ONE);
    this.alphaZero = params.alpha().signum() == 0;
  }

  /** The Apfloat constants, made on first use (a race makes two equal ones; either is kept). */
  private Reals reals() {
    Reals r = reals;
    if (r == null) {
      r = new Reals(params, precision);
      reals = r;
    }
    return r;
  }

  public MrsParameters parameters() {
    return params;
  }

  public Precision precision() {
    return precision;
  }

  public int k() {
    return params.k();
  }

  /** P at working precision (a copy). */
  public Apfloat[][] preference() {
    Apfloat[][] p = reals().p;
    Apfloat[][] out = new Apfloat[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i].clone();
    }
    return out;
  }

  /** Centered {@code log π_ref}. */
  public Apfloat[] referenceLogits() {
    return reals().logRef.clone();
  }

  /** Centered logits of a start distribution (must be interior). */
  public Apfloat @Centered [] logitsOf(Distribution start) {
    start.requireK(k(), "start").requireInterior("start");
    return LogitPolicy.logitsOf(start.real(precision), precision);
  }

  /** The round's sampler {@code μ_t = λ softmax(θ_t) + (1-λ) π_0}. */
  public Apfloat[] sampler(Apfloat[] theta) {
    Apfloat[] pi = Kernel.softmax(theta, precision);
    Reals c = reals();
    Apfloat[] mu = new Apfloat[pi.length];
    for (int i = 0; i < pi.length; i++) {
      mu[i] = c.lambda.multiply(pi[i]).add(c.offlinePart[i]);
    }
    return mu;
  }

  /** The round's reference logits {@code α θ_t + (1-α) log π_ref} (not centered). */
  public Apfloat[] roundReference(Apfloat[] theta) {
    Reals c = reals();
    Apfloat[] r = new Apfloat[theta.length];
    for (int i = 0; i < theta.length; i++) {
      r[i] = alphaOne ? precision.real(theta[i]) : c.alpha.multiply(theta[i]).add(c.scaledLogRef[i]);
    }
    return r;
  }

  /** One MRS round: the centered logits {@code θ_{t+1}}. */
  public Apfloat @Centered [] apply(Apfloat[] theta) {
    if (params.method() == MrsParameters.Method.IPO) {
      // The IPO closed form log π_ref^(t) + β P μ_t, with β P μ_t split as
      // (βλ/D)·(N softmax θ) + β(1-λ) P π_0 and the constant second part folded into the reference.
      // softmax(θ) = e/S with e_i = exp(θ_i - max θ): the normalization 1/S joins the strength
      // (one division per round instead of K).
      int k = theta.length;
      Reals c = reals();
      int imax = Kernel.argmax(theta);
      Apfloat top = precision.real(theta[imax]);
      Apfloat[] e = new Apfloat[k];
      Apfloat sum = precision.real(0);
      for (int i = 0; i < k; i++) {
        e[i] = i == imax ? precision.real(1) : Kernel.exp(precision.real(theta[i]).subtract(top), precision);
        sum = sum.add(e[i]);
      }
      Apfloat[] ref = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        Apfloat own = alphaOne ? precision.real(theta[i]) : alphaZero ? null : c.alpha.multiply(theta[i]);
        ref[i] = own == null ? c.constantPart[i] : own.add(c.constantPart[i]);
      }
      return IpoOptimum.logits(c.scaledP, e, ref, c.onPolicyStrength.divide(sum), precision);
    }
    Reals c = reals();
    return DpoRound.logits(c.p, sampler(theta), roundReference(theta), c.beta, precision);
  }

  /**
   * The Jacobian of the (uncentered) IPO round {@code θ ↦ αθ + (1-α)log π_ref + βPμ(θ)}:
   * {@code αI + βλ P S(θ)} with {@code S = diag(π) - ππᵀ} the softmax Jacobian (L3).
   */
  public Apfloat[][] jacobian(Apfloat[] theta) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new UnsupportedOperationException("the closed-form Jacobian is the IPO round's");
    }
    int k = k();
    Reals re = reals();
    Apfloat[][] ps = Linalg.multiply(re.p, softmaxJacobian(Kernel.softmax(theta, precision), precision), precision);
    Apfloat bl = re.beta.multiply(re.lambda);
    Apfloat[][] j = new Apfloat[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Apfloat v = bl.multiply(ps[r][c]);
        j[r][c] = r == c ? v.add(re.alpha) : v;
      }
    }
    return j;
  }

  /** The softmax Jacobian {@code S = diag(π) - ππᵀ} (docs/theory.md L3). */
  public static Apfloat[][] softmaxJacobian(Apfloat[] pi, Precision precision) {
    int k = pi.length;
    Apfloat[][] s = new Apfloat[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Apfloat v = pi[r].multiply(pi[c]).negate();
        s[r][c] = r == c ? v.add(pi[r]) : v;
      }
    }
    return s;
  }

  /** The residual {@code θ - Φ(θ)} of the fixed-point equation, centered. */
  public Apfloat[] residual(Apfloat[] theta) {
    Apfloat[] next = apply(theta);
    Apfloat[] c = Linalg.center(theta, precision);
    Apfloat[] out = new Apfloat[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i].subtract(next[i]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // The round in ball arithmetic: the one certified definition (proofs-notes/trajectories.md).
  // ---------------------------------------------------------------------------------------------

  /** Bits used for the Jacobian enclosures of the mean-value form (magnitudes only matter). */
  static final int JACOBIAN_BITS = 64;

  /** The round's constants as balls at one precision (built once per precision, immutable). */
  private static final class BallConstants {
    final int prec;
    /** α, exact (or tight when not dyadic). */
    final Ball alpha;
    /** βλ/D: the on-policy strength applied to {@code N · softmax(θ)} with {@code N = D·P}. */
    final Ball onPolicyStrength;
    /** {@code N = D·P} as exact integer balls (exact P), else P as tight balls with D = 1. */
    final Ball[][] n;
    /** {@code (1-α) log π_ref + β(1-λ) P π_0}: the θ-independent part of the round. */
    final Ball[] constant;

    BallConstants(MrsParameters params, int prec) {
      this.prec = prec;
      int k = params.k();
      int wp = prec + 16;
      this.alpha = Ball.of(params.alpha(), wp);
      BigInteger d = BigInteger.ONE;
      if (params.pref().isExact()) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            BigInteger q = params.pref().exact(i, j).denominator().toBigInteger();
            d = d.divide(d.gcd(q)).multiply(q);
          }
        }
      }
      this.n = new Ball[k][k];
      Ball[][] p = new Ball[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          p[i][j] = ball(params.pref().entry(i, j), wp);
          if (params.pref().isExact()) {
            Aprational e = params.pref().exact(i, j);
            n[i][j] = Ball.exact(e.numerator().toBigInteger().multiply(d).divide(e.denominator().toBigInteger()));
          } else {
            n[i][j] = p[i][j];
          }
        }
      }
      this.onPolicyStrength = Ball.of(params.beta().multiply(params.lambda())
          .divide(new Aprational(new Apint(d))), wp);
      Ball[] logRef = logitsOfBalls(params.ref(), wp);
      Ball oneMinusAlpha = Ball.of(Rationals.ONE.subtract(params.alpha()), wp);
      Ball offline = Ball.of(params.beta().multiply(Rationals.ONE.subtract(params.lambda())), wp);
      Ball[] pi0 = new Ball[k];
      for (int i = 0; i < k; i++) {
        pi0[i] = ball(params.pi0().get(i), wp);
      }
      this.constant = new Ball[k];
      for (int i = 0; i < k; i++) {
        Ball ppi0 = Ball.dot(p[i], pi0, wp);
        constant[i] = oneMinusAlpha.mul(logRef[i], wp).add(offline.mul(ppi0, wp), wp);
      }
    }
  }

  /** Constants per precision (the working precision and the Jacobian's). */
  private final java.util.concurrent.ConcurrentHashMap<Integer, BallConstants> ballConstants =
      new java.util.concurrent.ConcurrentHashMap<>();

  private BallConstants constants(int prec) {
    return ballConstants.computeIfAbsent(prec, q -> new BallConstants(params, q));
  }

  /** An input number as a ball: exact rationals exactly (or tightly), other values as given. */
  static Ball ball(Apfloat x, int prec) {
    return x instanceof Aprational q ? Ball.of(q, prec) : Ball.of(x, prec);
  }

  /** Centered {@code Π log π} of an interior distribution, in balls. */
  public static Ball[] logitsOfBalls(Distribution d, int prec) {
    Ball[] out = new Ball[d.k()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ball(d.get(i), prec + 8).log(prec + 8);
    }
    return center(out, prec);
  }

  /**
   * Centered logits of a start distribution (must be interior), in balls; {@code field} names the
   * distribution in the error (a field name such as {@code "start"}, which the CLI maps to its flag).
   */
  public Ball[] logitsOfBalls(Distribution start, int prec, String field) {
    start.requireK(k(), field).requireInterior(field);
    return logitsOfBalls(start, prec);
  }

  /** {@code Π x = x - mean(x)·1}, the mean with 8 guard bits ({@link Centering#center(Ball[], int, int)}). */
  public static Ball @Centered [] center(Ball[] x, int prec) {
    return Centering.center(x, prec + 8, prec);
  }

  /**
   * One MRS-IPO round in balls: an enclosure of {@code Π(αθ + (1-α) log π_ref + βP(λ softmax(θ)
   * + (1-λ)π_0))} for every θ in the box {@code theta}. For a point box this is the direct ball
   * evaluation; for a box with radii it is the mean-value form {@code Φ(m) + |ΠJ(box)|·r}
   * (centered Jacobian enclosed on the box), which does not double the radius through the
   * centering as a naive evaluation would.
   *
   * @throws UnsupportedOperationException for MRS-DPO parameters (see {@link #roundDpo})
   */
  public Ball[] round(Ball[] theta, int prec) {
    Ball[] mid = new Ball[theta.length];
    boolean point = true;
    for (int i = 0; i < theta.length; i++) {
      if (!theta[i].isFinite()) {
        return whole(theta.length);
      }
      point &= theta[i].isExact();
      mid[i] = midpoint(theta[i]);
    }
    Ball[] out = roundPoint(mid, prec);
    if (point) {
      return out;
    }
    Ball[][] j = centeredJacobian(theta, JACOBIAN_BITS);
    Ball[] rad = new Ball[theta.length];
    for (int i = 0; i < theta.length; i++) {
      rad[i] = radius(theta[i]);
    }
    for (int i = 0; i < out.length; i++) {
      Ball[] row = new Ball[theta.length];
      for (int c = 0; c < theta.length; c++) {
        row[c] = j[i][c].abs();
      }
      out[i] = out[i].inflate(Ball.dot(row, rad, JACOBIAN_BITS));
    }
    return out;
  }

  /**
   * The round at a point (every entry of {@code theta} exact): the ball arithmetic of the formula,
   * with the θ-independent part precomputed and {@code βPλ softmax(θ) = (βλ/D)·N·softmax(θ)}
   * ({@code N = D·P} exact integers when P is exact).
   */
  public Ball[] roundPoint(Ball[] theta, int prec) {
    if (params.method() != MrsParameters.Method.IPO) {
      return roundDpo(theta, prec);
    }
    BallConstants c = constants(prec);
    int k = theta.length;
    int wp = prec + 8;
    Ball[] s = Ball.softmax(theta, wp);
    Ball[] v = new Ball[k];
    for (int i = 0; i < k; i++) {
      Ball onPolicy = c.onPolicyStrength.mul(Ball.dot(c.n[i], s, wp), wp);
      Ball own = c.alpha.mul(theta[i], wp);
      v[i] = own.add(c.constant[i], wp).add(onPolicy, wp);
    }
    return center(v, prec);
  }

  /**
   * The MRS-DPO round in balls. Not certified yet: the enclosure of the DPO optimum comes from the
   * certified DPO solver; until then the whole line (every check built on it is UNDECIDED).
   */
  Ball[] roundDpo(Ball[] theta, int prec) {
    return whole(theta.length);
  }

  /**
   * The centered Jacobian {@code ΠJ(θ) = Π(αI + βλ P S(softmax θ))}, {@code S = diag(π) - ππᵀ},
   * enclosed for every θ in the box (ball entries). Its rows are what the mean-value form needs;
   * {@code ΠJ} kills {@code 1}, so it is also the Jacobian of the centered round on {@code 1^⊥}.
   */
  public Ball[][] centeredJacobian(Ball[] theta, int prec) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new UnsupportedOperationException("the closed-form Jacobian is the IPO round's");
    }
    BallConstants c = constants(prec);
    int k = theta.length;
    Ball[] pi = Ball.softmax(theta, prec);
    Ball bl = c.onPolicyStrength;
    Ball[][] j = new Ball[k][k];
    for (int col = 0; col < k; col++) {
      // column col of S: S[m][col] = δ_{m,col} π_col - π_m π_col
      Ball[] sCol = new Ball[k];
      for (int m = 0; m < k; m++) {
        Ball v = pi[m].mul(pi[col], prec).neg();
        sCol[m] = m == col ? v.add(pi[col], prec) : v;
      }
      Ball[] colJ = new Ball[k];
      for (int r = 0; r < k; r++) {
        Ball v = bl.mul(Ball.dot(c.n[r], sCol, prec), prec);
        colJ[r] = r == col ? v.add(c.alpha, prec) : v;
      }
      Ball[] centered = center(colJ, prec);
      for (int r = 0; r < k; r++) {
        j[r][col] = centered[r];
      }
    }
    return j;
  }

  /** The policy {@code softmax(θ)} of a box of logits. */
  public static Ball[] policy(Ball[] theta, int prec) {
    return Ball.softmax(theta, prec);
  }

  /**
   * {@code H(softmax θ)} in nats over a box, relatively accurate also when H is tiny (a collapsed
   * policy). With m the midpoints and every |θ_j - m_j| ≤ r ≤ 1/128: each π_j moves by a factor
   * in {@code e^{±2r}}; {@code -log π_j} moves by at most 2r, which is a relative 2r/ln 2 < 3r for
   * every j but the argmax at m (there π_j ≤ 1/2, so -log π_j ≥ ln 2), and for the argmax
   * {@code -log π = log(1 + s)} with s moving by a factor {@code e^{±2r}}, so by the same factor
   * (log(1 + cs) lies between log(1 + s) and c log(1 + s)). Hence
   * {@code |H(x) - H(m)| ≤ H(m)(e^{4r}(1 + 3r) - 1) ≤ 8r H(m)} (proofs-notes/trajectories.md).
   * Otherwise num's bound for boxes ({@link Ball#entropyOfLogits}).
   */
  public static Ball entropy(Ball[] theta, int prec) {
    Ball[] mid = new Ball[theta.length];
    Ball r = Ball.ZERO;
    for (int i = 0; i < theta.length; i++) {
      if (!theta[i].isFinite()) {
        return Ball.whole();
      }
      mid[i] = midpoint(theta[i]);
      r = Ball.max(r, radius(theta[i]));
    }
    if (r.isExact() && r.containsZero()) {
      return Ball.entropyOfLogits(mid, prec);
    }
    if (!r.sub(Ball.ONE.mulPow2(-7), JACOBIAN_BITS).isNegative()) {
      return Ball.entropyOfLogits(theta, prec);
    }
    Ball h = Ball.entropyOfLogits(mid, prec);
    return h.inflate(h.abs().mul(r.mul(8), JACOBIAN_BITS));
  }

  /** The exact midpoint of a ball as an exact ball (no decimal conversion). */
  static Ball midpoint(Ball b) {
    return b.midpoint();
  }

  /** The exact midpoint of a ball (public for the experiment's comparisons). */
  public static Ball midpointOf(Ball b) {
    return midpoint(b);
  }

  /** A double as an exact ball. */
  public static Ball exactDouble(double d) {
    return SpectralBound.exact(d);
  }

  /** A ball {@code [0, r']} whose upper end bounds the radius of {@code b} (0 for an exact ball). */
  static Ball radius(Ball b) {
    return b.isExact() ? Ball.ZERO : b.sub(midpoint(b), JACOBIAN_BITS).abs();
  }

  private static Ball[] whole(int k) {
    Ball[] out = new Ball[k];
    java.util.Arrays.fill(out, Ball.whole());
    return out;
  }
}
