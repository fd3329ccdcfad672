package prefdyn.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import prefdyn.io.HelpSteerRow;

/**
 * A SYNTHETIC generator of HelpSteer-like data. It is NOT HelpSteer and must never be presented
 * as such: it only lets the paper's protocol run at the paper's scale (about 5,000 prompts)
 * without the original dataset.
 *
 * <p>Model. Each prompt has K responses; response r has a latent quality {@code q_r ~ N(0,1)}
 * shared by its five attributes, and attribute a gets the integer score
 * {@code clamp(round(mean_a + sd_a (ρ_a q_r + sqrt(1 - ρ_a²) ε_{r,a})), 0, 4)} with independent
 * noise {@code ε ~ N(0,1)}. The means and spreads are set to the rough shape of HelpSteer's
 * score marginals (helpfulness and correctness in the upper middle, coherence high, complexity
 * and verbosity low); the loadings ρ_a set how much the attributes agree. Helpfulness,
 * correctness and coherence load strongly on quality, complexity and verbosity weakly: pairs that
 * draw different attributes then sometimes disagree, which is what makes majority 3-cycles
 * possible at all (with a single attribute the scores are a total preorder). Seeded: the same
 * (prompts, K, seed) gives the same rows.
 */
public final class SyntheticHelpSteer {
  /** Marker written into every synthetic prompt and response text. */
  public static final String MARK = "SYNTHETIC";

  private static final double[] MEAN = {2.8, 2.9, 3.4, 1.6, 1.9};
  private static final double[] SD = {1.0, 1.0, 0.7, 0.7, 0.8};
  private static final double[] LOADING = {0.95, 0.95, 0.85, 0.7, 0.7};

  private SyntheticHelpSteer() {}

  /** {@code prompts × k} rows, line numbers as in {@link #toJsonLines}. */
  public static List<HelpSteerRow> generate(int prompts, int k, long seed) {
    if (prompts < 1 || k < 2) {
      throw new IllegalArgumentException("need prompts >= 1 and K >= 2");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<HelpSteerRow> rows = new ArrayList<>(prompts * k);
    long line = 0;
    for (int p = 1; p <= prompts; p++) {
      String prompt = MARK + " prompt " + p + " (prefdyn generator, seed " + seed + ")";
      for (int r = 1; r <= k; r++) {
        double q = rng.nextGaussian();
        int[] s = new int[HelpSteerRow.ATTRIBUTES.size()];
        for (int a = 0; a < s.length; a++) {
          double z = LOADING[a] * q + Math.sqrt(1 - LOADING[a] * LOADING[a]) * rng.nextGaussian();
          long v = Math.round(MEAN[a] + SD[a] * z);
          s[a] = (int) Math.max(HelpSteerRow.MIN_SCORE, Math.min(HelpSteerRow.MAX_SCORE, v));
        }
        rows.add(new HelpSteerRow(prompt, MARK + " response " + p + "." + r, s, ++line));
      }
    }
    return rows;
  }

  /** The rows as a HelpSteer-format JSON Lines file (each object also carries "synthetic": true). */
  public static byte[] toJsonLines(List<HelpSteerRow> rows) {
    ObjectMapper m = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (HelpSteerRow r : rows) {
      ObjectNode o = m.createObjectNode();
      o.put("prompt", r.prompt());
      o.put("response", r.response());
      for (int a = 0; a < HelpSteerRow.ATTRIBUTES.size(); a++) {
        o.put(HelpSteerRow.ATTRIBUTES.get(a), r.score(a));
      }
      o.put("synthetic", true);
      sb.append(o).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
