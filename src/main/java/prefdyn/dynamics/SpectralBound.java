package prefdyn.dynamics;

import java.util.Arrays;
import prefdyn.num.Ball;
import prefdyn.verified.Bounds;

/**
 * A rigorous upper bound of the spectral norm {@code ||M||_2} over every real matrix M in a ball
 * matrix (the Lipschitz constant of a round, {@link BallOrbit}). Tight to a relative 2^-40 in the
 * usual case, computed at low precision:
 *
 * <ol>
 *   <li>{@code G = MᵀM} in ball arithmetic (contains {@code MᵀM} for every M of the box; only the
 *       lower triangle is used, so it stands for symmetric matrices);
 *   <li>an estimate λ̂ of {@code λ_max(mid G)} by cyclic Jacobi in doubles (not trusted);
 *   <li>{@code s = λ̂(1 + δ) + δ·max diag}: if the ball Cholesky factorization of {@code sI - G}
 *       finds every pivot positive, every symmetric matrix of the box has {@code sI - G} positive
 *       definite, so {@code ||M||_2^2 = λ_max(MᵀM) < s} for every M, and {@code sqrt(s)} is the
 *       bound. δ = 2^-40, then 2^-20, 2^-6;
 *   <li>if every attempt fails: {@code ||M||_2 <= ||M||_F = sqrt(trace G)} (always valid; when
 *       the enclosure of the trace reaches 0, {@code sqrt(x) <= (1 + x)/2}).
 * </ol>
 */
final class SpectralBound {
  private SpectralBound() {}

  /** A ball whose upper end bounds {@code ||M||_2} for every M in {@code m} (rows of balls). */
  static Ball upper(Ball[][] m, int prec) {
    int rows = m.length;
    int k = m[0].length;
    Ball[][] g = new Ball[k][k];
    double[][] gd = new double[k][k];
    Ball trace = Ball.ZERO;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        Ball s = Ball.ZERO;
        for (int r = 0; r < rows; r++) {
          s = s.add(m[r][i].mul(m[r][j], prec), prec);
        }
        g[i][j] = s;
        g[j][i] = s;
        if (!s.isFinite()) {
          return Ball.whole();
        }
        gd[i][j] = s.midDouble();
        gd[j][i] = gd[i][j];
      }
      trace = trace.add(g[i][i].abs(), prec);
    }
    double lambda = Math.max(0, maxEigenvalue(gd));
    double maxDiag = 0;
    for (int i = 0; i < k; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(gd[i][i]));
    }
    for (double delta : new double[] {0x1p-40, 0x1p-20, 0x1p-6}) {
      double s = lambda * (1 + delta) + delta * maxDiag + Double.MIN_NORMAL;
      if (!Double.isFinite(s)) {
        break;
      }
      Ball sb = Bounds.exact(s);
      if (positiveDefinite(g, sb, prec)) {
        return sb.sqrt(prec);
      }
    }
    // sqrt(x) <= (1 + x)/2 for x >= 0 (needs no square root of a ball that may touch 0)
    return trace.isPositive() ? trace.sqrt(prec) : trace.add(Ball.ONE, prec).mulPow2(-1);
  }

  /** The double d as an exact ball: {@link Bounds#exact(double)} (for the round's callers in this package). */
  static Ball exact(double d) {
    return Bounds.exact(d);
  }

  /** Ball Cholesky of {@code sI - G}: true only if every pivot is certified positive. */
  static boolean positiveDefinite(Ball[][] g, Ball s, int prec) {
    int k = g.length;
    Ball[][] a = new Ball[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        Ball v = g[i][j].neg();
        a[i][j] = i == j ? v.add(s, prec) : v;
      }
    }
    // LDLᵀ without square roots: d_j = a_jj - Σ_{p<j} l_jp² d_p, l_ij = (a_ij - Σ l_ip l_jp d_p) / d_j
    Ball[][] l = new Ball[k][k];
    Ball[] d = new Ball[k];
    for (int j = 0; j < k; j++) {
      Ball dj = a[j][j];
      for (int p = 0; p < j; p++) {
        dj = dj.sub(l[j][p].sqr(prec).mul(d[p], prec), prec);
      }
      if (!dj.isPositive()) {
        return false;
      }
      d[j] = dj;
      for (int i = j + 1; i < k; i++) {
        Ball v = a[i][j];
        for (int p = 0; p < j; p++) {
          v = v.sub(l[i][p].mul(l[j][p], prec).mul(d[p], prec), prec);
        }
        l[i][j] = v.div(dj, prec);
      }
    }
    return true;
  }

  /** The largest eigenvalue of a symmetric double matrix (cyclic Jacobi; an estimate only). */
  static double maxEigenvalue(double[][] sym) {
    int k = sym.length;
    // a lambda, not a method reference: the Nullness Checker's inference crashes on T[]::clone
    double[][] a = Arrays.stream(sym).map(row -> row.clone()).toArray(double[][]::new);
    for (int sweep = 0; sweep < 60; sweep++) {
      double off = 0;
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off == 0 || !Double.isFinite(off)) {
        break;
      }
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < k; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
          }
          for (int r = 0; r < k; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
          }
        }
      }
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      best = Math.max(best, a[i][i]);
    }
    return best;
  }
}
