package prefdyn.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Rationals;

/**
 * An exact linear-program solver over {@link Aprational}: {@code maximize c·x} subject to named
 * rows {@code a_r·x (<=|>=|=) b_r} and {@code x >= 0}. Two-phase simplex on a dense tableau with
 * Bland's rule (smallest eligible entering index, smallest basic index among tied ratios), so it
 * terminates without cycling. No floating point anywhere.
 *
 * <p>Written by hand because the small Java LP libraries (Apache Commons Math's SimplexSolver,
 * ojAlgo) work in double precision; exact certificates need exact arithmetic throughout. The
 * problems here are tiny (K up to a few dozen), so a dense tableau is the right tool.
 *
 * <p>Every outcome carries a certificate that {@link #verify} checks exactly, independently of the
 * simplex: an optimum with a dual solution of equal value (strong duality), a Farkas certificate
 * of infeasibility, or a feasible point with an improving ray.
 */
public final class ExactLp {
  private ExactLp() {}

  /** The relation of a row. */
  public enum Sense {
    LE,
    GE,
    EQ;

    public String symbol() {
      return switch (this) {
        case LE -> "<=";
        case GE -> ">=";
        case EQ -> "=";
      };
    }
  }

  /** One named row {@code coefficients·x (sense) rhs}. */
  public record Row(String name, Aprational[] coefficients, Sense sense, Aprational rhs) {}

  /** {@code maximize objective·x} s.t. rows, {@code x >= 0}; variables and rows are named. */
  public record Problem(List<String> variables, Aprational[] objective, List<Row> rows) {
    public Problem {
      variables = List.copyOf(variables);
      rows = List.copyOf(rows);
      for (Row r : rows) {
        if (r.coefficients().length != variables.size()) {
          throw new IllegalArgumentException("row " + r.name() + " has the wrong number of coefficients");
        }
      }
      if (objective.length != variables.size()) {
        throw new IllegalArgumentException("objective has the wrong number of coefficients");
      }
    }
  }

  /** What the solver found: one of {@link Optimal}, {@link Infeasible}, {@link Unbounded}. */
  public sealed interface Outcome permits Optimal, Infeasible, Unbounded {}

  /**
   * An optimum {@code x} with value {@code c·x}, and dual multipliers {@code y} (one per row;
   * {@code y >= 0} on {@code <=} rows, {@code <= 0} on {@code >=} rows) with
   * {@code Σ_r y_r a_r >= c} and {@code Σ_r y_r b_r = c·x}: a proof of optimality.
   */
  public record Optimal(Aprational value, Aprational[] x, Aprational[] dual) implements Outcome {}

  /**
   * A Farkas certificate: multipliers {@code λ_r} (one per row, {@code >= 0} on inequality rows)
   * applied to the rows written as {@code >=} (a {@code <=} row is negated first). Summing gives
   * {@code Σ_k coef_k x_k >= bound} with every {@code coef_k <= 0} and {@code bound > 0}; since
   * {@code x >= 0} the left side is {@code <= 0}: {@code 0 >= bound}, a contradiction.
   */
  public record Infeasible(Aprational[] multipliers) implements Outcome {}

  /** A feasible point and a ray {@code d >= 0} that keeps every row and raises the objective. */
  public record Unbounded(Aprational[] x, Aprational[] ray) implements Outcome {}

  /** Solves the problem exactly. */
  public static Outcome solve(Problem problem) {
    return new Tableau(problem).run();
  }

  // ---------------------------------------------------------------------------------------------
  // Verification: independent of the simplex, a few exact sums a reader can redo by hand.

  /** The sign +1/-1 that writes a row as {@code >=} ({@code <=} rows are negated). */
  static int geSign(Sense s) {
    return s == Sense.LE ? -1 : 1;
  }

  /** {@code Σ_r λ_r s_r a_r}: the combined coefficients of a Farkas certificate. */
  public static Aprational[] combination(Problem problem, Aprational[] multipliers) {
    int n = problem.variables().size();
    Aprational[] coef = new Aprational[n];
    Arrays.fill(coef, Rationals.ZERO);
    for (int r = 0; r < problem.rows().size(); r++) {
      Row row = problem.rows().get(r);
      Aprational l = multipliers[r].multiply(Rationals.of(geSign(row.sense())));
      for (int k = 0; k < n; k++) {
        coef[k] = coef[k].add(l.multiply(row.coefficients()[k]));
      }
    }
    return coef;
  }

  /** {@code Σ_r λ_r s_r b_r}: the right side of a Farkas combination. */
  public static Aprational combinedBound(Problem problem, Aprational[] multipliers) {
    Aprational b = Rationals.ZERO;
    for (int r = 0; r < problem.rows().size(); r++) {
      Row row = problem.rows().get(r);
      b = b.add(multipliers[r].multiply(Rationals.of(geSign(row.sense()))).multiply(row.rhs()));
    }
    return b;
  }

  /**
   * Checks an outcome exactly; returns {@code null} when it is a valid certificate, otherwise the
   * reason it is not.
   */
  public static @Nullable String verify(Problem problem, Outcome outcome) {
    if (outcome instanceof Infeasible inf) {
      return verifyFarkas(problem, inf.multipliers());
    }
    if (outcome instanceof Unbounded u) {
      String f = checkFeasible(problem, u.x());
      if (f != null) {
        return f;
      }
      int n = problem.variables().size();
      if (u.ray().length != n) {
        return "ray has the wrong length";
      }
      for (int k = 0; k < n; k++) {
        if (u.ray()[k].signum() < 0) {
          return "ray entry " + problem.variables().get(k) + " is negative";
        }
      }
      for (Row row : problem.rows()) {
        int s = dot(row.coefficients(), u.ray()).signum();
        if ((row.sense() == Sense.LE && s > 0) || (row.sense() == Sense.GE && s < 0) || (row.sense() == Sense.EQ && s != 0)) {
          return "ray leaves row " + row.name();
        }
      }
      if (dot(problem.objective(), u.ray()).signum() <= 0) {
        return "ray does not raise the objective";
      }
      return null;
    }
    Optimal o = (Optimal) outcome;
    String f = checkFeasible(problem, o.x());
    if (f != null) {
      return f;
    }
    if (!dot(problem.objective(), o.x()).equals(o.value())) {
      return "reported value differs from c·x";
    }
    int n = problem.variables().size();
    Aprational[] aty = new Aprational[n];
    Arrays.fill(aty, Rationals.ZERO);
    Aprational by = Rationals.ZERO;
    for (int r = 0; r < problem.rows().size(); r++) {
      Row row = problem.rows().get(r);
      Aprational y = o.dual()[r];
      if ((row.sense() == Sense.LE && y.signum() < 0) || (row.sense() == Sense.GE && y.signum() > 0)) {
        return "dual multiplier of row " + row.name() + " has the wrong sign";
      }
      for (int k = 0; k < n; k++) {
        aty[k] = aty[k].add(y.multiply(row.coefficients()[k]));
      }
      by = by.add(y.multiply(row.rhs()));
    }
    for (int k = 0; k < n; k++) {
      if (aty[k].compareTo(problem.objective()[k]) < 0) {
        return "dual constraint of variable " + problem.variables().get(k) + " fails";
      }
    }
    if (!by.equals(o.value())) {
      return "dual value " + Rationals.format(by) + " differs from the primal value " + Rationals.format(o.value());
    }
    return null;
  }

  /** The Farkas check: multipliers of the right signs, combined coefficients {@code <= 0}, bound {@code > 0}. */
  public static @Nullable String verifyFarkas(Problem problem, Aprational[] multipliers) {
    if (multipliers.length != problem.rows().size()) {
      return "one multiplier per row expected";
    }
    for (int r = 0; r < multipliers.length; r++) {
      if (problem.rows().get(r).sense() != Sense.EQ && multipliers[r].signum() < 0) {
        return "multiplier of row " + problem.rows().get(r).name() + " is negative";
      }
    }
    Aprational[] coef = combination(problem, multipliers);
    for (int k = 0; k < coef.length; k++) {
      if (coef[k].signum() > 0) {
        return "combined coefficient of " + problem.variables().get(k) + " is " + Rationals.format(coef[k]) + " > 0";
      }
    }
    Aprational bound = combinedBound(problem, multipliers);
    if (bound.signum() <= 0) {
      return "combined right side " + Rationals.format(bound) + " is not > 0";
    }
    return null;
  }

  private static @Nullable String checkFeasible(Problem problem, Aprational[] x) {
    if (x.length != problem.variables().size()) {
      return "point has the wrong length";
    }
    for (int k = 0; k < x.length; k++) {
      if (x[k].signum() < 0) {
        return "variable " + problem.variables().get(k) + " is negative";
      }
    }
    for (Row row : problem.rows()) {
      int c = dot(row.coefficients(), x).compareTo(row.rhs());
      if ((row.sense() == Sense.LE && c > 0) || (row.sense() == Sense.GE && c < 0) || (row.sense() == Sense.EQ && c != 0)) {
        return "point violates row " + row.name();
      }
    }
    return null;
  }

  static Aprational dot(Aprational[] a, Aprational[] x) {
    Aprational s = Rationals.ZERO;
    for (int k = 0; k < a.length; k++) {
      if (a[k].signum() != 0 && x[k].signum() != 0) {
        s = s.add(a[k].multiply(x[k]));
      }
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // The simplex.

  /**
   * Columns: n structural, then one slack/surplus per inequality row, then one artificial per
   * row. Rows are normalized to {@code b >= 0}. Phase 1 minimizes the artificials' sum, phase 2
   * minimizes {@code -c·x}; artificial columns never re-enter but stay in the tableau so that the
   * dual values can be read from their reduced costs.
   */
  private static final class Tableau {
    private final Problem problem;
    private final int m;
    private final int n;
    private final int cols;
    private final int artStart;
    private final Aprational[][] t; // m rows x (cols + 1), last column = rhs
    private final int[] basis;
    private final int[] flip; // +1, or -1 when the row was negated to make b >= 0

    Tableau(Problem problem) {
      this.problem = problem;
      this.m = problem.rows().size();
      this.n = problem.variables().size();
      int slacks = 0;
      for (Row r : problem.rows()) {
        if (r.sense() != Sense.EQ) {
          slacks++;
        }
      }
      this.artStart = n + slacks;
      this.cols = artStart + m;
      this.t = new Aprational[m][cols + 1];
      this.basis = new int[m];
      this.flip = new int[m];
      int slack = n;
      for (int r = 0; r < m; r++) {
        Row row = problem.rows().get(r);
        Arrays.fill(t[r], Rationals.ZERO);
        int f = row.rhs().signum() < 0 ? -1 : 1;
        flip[r] = f;
        Aprational fr = Rationals.of(f);
        for (int k = 0; k < n; k++) {
          t[r][k] = row.coefficients()[k].multiply(fr);
        }
        if (row.sense() != Sense.EQ) {
          // slack +1 for <=, surplus -1 for >=, then the row's flip
          t[r][slack] = Rationals.of((row.sense() == Sense.LE ? 1 : -1) * f);
          slack++;
        }
        t[r][artStart + r] = Rationals.ONE;
        t[r][cols] = row.rhs().multiply(fr);
        basis[r] = artStart + r;
      }
    }

    Outcome run() {
      Aprational[] phase1 = new Aprational[cols];
      Arrays.fill(phase1, Rationals.ZERO);
      for (int r = 0; r < m; r++) {
        phase1[artStart + r] = Rationals.ONE;
      }
      optimize(phase1, cols);
      Aprational w = Rationals.ZERO;
      for (int r = 0; r < m; r++) {
        w = w.add(phase1[basis[r]].multiply(t[r][cols]));
      }
      if (w.signum() > 0) {
        // y = c_B B^-1 for the phase-1 costs; reduced cost of artificial r is 1 - y_r. The
        // Farkas multipliers in ">=" form are y_r (normalized row r, see class comment), mapped
        // back through the flip and the <= negation.
        Aprational[] y = duals(phase1);
        Aprational[] lambda = new Aprational[m];
        for (int r = 0; r < m; r++) {
          Row row = problem.rows().get(r);
          lambda[r] = y[r].multiply(Rationals.of(flip[r] * geSign(row.sense())));
        }
        return new Infeasible(lambda);
      }
      driveOutArtificials();
      Aprational[] phase2 = new Aprational[cols];
      Arrays.fill(phase2, Rationals.ZERO);
      for (int k = 0; k < n; k++) {
        phase2[k] = problem.objective()[k].negate();
      }
      int unboundedColumn = optimize(phase2, artStart);
      Aprational[] x = primal();
      if (unboundedColumn >= 0) {
        Aprational[] ray = new Aprational[n];
        Arrays.fill(ray, Rationals.ZERO);
        if (unboundedColumn < n) {
          ray[unboundedColumn] = Rationals.ONE;
        }
        for (int r = 0; r < m; r++) {
          if (basis[r] < n) {
            ray[basis[r]] = t[r][unboundedColumn].negate();
          }
        }
        return new Unbounded(x, ray);
      }
      Aprational[] y = duals(phase2);
      Aprational[] dual = new Aprational[m];
      for (int r = 0; r < m; r++) {
        // phase 2 minimizes -c·x: the max problem's dual is -y, mapped back through the flip.
        dual[r] = y[r].negate().multiply(Rationals.of(flip[r]));
      }
      return new Optimal(dot(problem.objective(), x), x, dual);
    }

    /** {@code y = c_B B^-1}, read off the artificial columns: {@code y_r = c_art_r - reduced cost}. */
    private Aprational[] duals(Aprational[] cost) {
      Aprational[] y = new Aprational[m];
      for (int r = 0; r < m; r++) {
        int j = artStart + r;
        y[r] = cost[j].subtract(reducedCost(cost, j));
      }
      return y;
    }

    private Aprational reducedCost(Aprational[] cost, int j) {
      Aprational d = cost[j];
      for (int r = 0; r < m; r++) {
        if (t[r][j].signum() != 0 && cost[basis[r]].signum() != 0) {
          d = d.subtract(cost[basis[r]].multiply(t[r][j]));
        }
      }
      return d;
    }

    /**
     * Minimizes {@code cost} with entering columns below {@code limit} (Bland's rule). Returns -1
     * at an optimum, or the entering column along which the objective is unbounded.
     */
    private int optimize(Aprational[] cost, int limit) {
      while (true) {
        int enter = -1;
        for (int j = 0; j < limit; j++) {
          if (!isBasic(j) && reducedCost(cost, j).signum() < 0) {
            enter = j;
            break;
          }
        }
        if (enter < 0) {
          return -1;
        }
        int leave = -1;
        Aprational best = Rationals.ZERO;
        for (int r = 0; r < m; r++) {
          if (t[r][enter].signum() > 0) {
            Aprational ratio = t[r][cols].divide(t[r][enter]);
            int c = leave < 0 ? -1 : ratio.compareTo(best);
            if (c < 0 || (c == 0 && basis[r] < basis[leave])) {
              leave = r;
              best = ratio;
            }
          }
        }
        if (leave < 0) {
          return enter;
        }
        pivot(leave, enter);
      }
    }

    private boolean isBasic(int j) {
      for (int b : basis) {
        if (b == j) {
          return true;
        }
      }
      return false;
    }

    /** After phase 1 (value 0): pivot basic artificials out on any nonzero non-artificial entry. */
    private void driveOutArtificials() {
      for (int r = 0; r < m; r++) {
        if (basis[r] >= artStart) {
          for (int j = 0; j < artStart; j++) {
            if (t[r][j].signum() != 0 && !isBasic(j)) {
              pivot(r, j);
              break;
            }
          }
          // otherwise the row is redundant: its artificial stays basic at level 0 for good
        }
      }
    }

    private void pivot(int row, int col) {
      Aprational pv = t[row][col];
      for (int j = 0; j <= cols; j++) {
        if (t[row][j].signum() != 0) {
          t[row][j] = t[row][j].divide(pv);
        }
      }
      for (int r = 0; r < m; r++) {
        if (r != row && t[r][col].signum() != 0) {
          Aprational f = t[r][col];
          for (int j = 0; j <= cols; j++) {
            if (t[row][j].signum() != 0) {
              t[r][j] = t[r][j].subtract(f.multiply(t[row][j]));
            }
          }
        }
      }
      basis[row] = col;
    }

    private Aprational[] primal() {
      Aprational[] x = new Aprational[n];
      Arrays.fill(x, Rationals.ZERO);
      for (int r = 0; r < m; r++) {
        if (basis[r] < n) {
          x[basis[r]] = t[r][cols];
        }
      }
      return x;
    }
  }

  /** Names of the rows with nonzero multipliers, in order (for readable certificates). */
  public static List<String> support(Problem problem, Aprational[] multipliers) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < multipliers.length; r++) {
      if (multipliers[r].signum() != 0) {
        out.add(problem.rows().get(r).name());
      }
    }
    return out;
  }
}
