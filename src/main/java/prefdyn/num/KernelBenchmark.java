package prefdyn.num;

import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * The kernel suite: exp, log, log-sum-exp (K = 4) and softmax (K = 4) of {@link Kernel} beside
 * the same operations done with {@code ApfloatMath} (for log-sum-exp and softmax: the textbook
 * max-shifted formulas with ApfloatMath.exp/log), at each requested precision. Arguments are
 * full-length numbers at working precision (quotients like 7/3), cycled so that no single
 * argument is measured alone.
 */
public final class KernelBenchmark implements Benchmark {
  @Override
  public String suite() {
    return "kernel";
  }

  @Override
  public String description() {
    return "exp, log, logSumExp and softmax (K = 4): prefdyn Kernel vs ApfloatMath";
  }

  @Override
  public List<Row> run(List<Integer> digitsList, Settings s) {
    List<Row> rows = Benchmark.rows();
    for (int digits : digitsList) {
      Precision p = new Precision(digits);
      Apfloat[] xs = {
        p.real(Rationals.of(-37, 7)), p.real(Rationals.of(7, 3)),
        p.real(Rationals.of(-2, 13)), p.real(Rationals.of(58, 11))
      };
      Apfloat[] ys = {
        p.real(Rationals.of(3, 7)), p.real(Rationals.of(29, 3)),
        p.real(Rationals.of(1, 30_000_001)), p.real(Rationals.of(175, 11))
      };
      Apfloat[][] logits = {
        {xs[0], xs[1], xs[2], xs[3]},
        {ys[0], xs[2], ys[1].negate(), xs[1]},
      };
      int[] c = {0};
      rows.add(Benchmark.compare("exp", digits,
          () -> Kernel.exp(xs[c[0]++ & 3], p), "ApfloatMath", () -> ApfloatMath.exp(xs[c[0]++ & 3]), s));
      rows.add(Benchmark.compare("log", digits,
          () -> Kernel.log(ys[c[0]++ & 3], p), "ApfloatMath", () -> ApfloatMath.log(ys[c[0]++ & 3]), s));
      rows.add(Benchmark.compare("logSumExp K=4", digits,
          () -> Kernel.logSumExp(logits[c[0]++ & 1], p), "ApfloatMath", () -> referenceLogSumExp(logits[c[0]++ & 1]), s));
      rows.add(Benchmark.compare("softmax K=4", digits,
          () -> Kernel.softmax(logits[c[0]++ & 1], p), "ApfloatMath", () -> referenceSoftmax(logits[c[0]++ & 1]), s));
    }
    return rows;
  }

  /** max + log Σ e^{x_i - max} with ApfloatMath (the reference the kernel is compared with). */
  static Apfloat referenceLogSumExp(Apfloat[] x) {
    Apfloat max = x[0];
    for (Apfloat v : x) {
      if (v.compareTo(max) > 0) {
        max = v;
      }
    }
    Apfloat sum = new Apfloat(0);
    for (Apfloat v : x) {
      sum = sum.add(ApfloatMath.exp(v.subtract(max)));
    }
    return max.add(ApfloatMath.log(sum));
  }

  static Apfloat[] referenceSoftmax(Apfloat[] x) {
    Apfloat lse = referenceLogSumExp(x);
    Apfloat[] out = new Apfloat[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = ApfloatMath.exp(x[i].subtract(lse));
    }
    return out;
  }
}
