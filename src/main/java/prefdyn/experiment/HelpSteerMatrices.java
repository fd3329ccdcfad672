package prefdyn.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import prefdyn.io.HelpSteerRow;

/**
 * Groups HelpSteer-format rows by prompt and builds one {@link ScoreMatrix} per prompt with at
 * least K responses (docs/theory.md section 6). Deterministic given the seed: prompts are visited in
 * file order and each gets its own stream split from the seed's, which picks the K responses (a
 * uniform K-subset, kept in file order, when the prompt has more than K) and then one attribute
 * per pair {@code i < j}, uniformly among the five.
 */
public final class HelpSteerMatrices {
  private HelpSteerMatrices() {}

  /** The matrices and the counts a user needs to judge the data. */
  public record Built(List<ScoreMatrix> matrices, int rows, int prompts, int promptsWithK, int maxResponses, int k) {
    public Built {
      matrices = List.copyOf(matrices);
    }

    /** One line for the user when no prompt has K responses. */
    public String noPromptMessage(String file) {
      return file + ": no prompt has K = " + k + " responses (" + rows + " rows, " + prompts
          + " prompts, at most " + maxResponses + " responses per prompt)"
          + (maxResponses >= 2 ? "; use --k " + maxResponses + " to build " + maxResponses + "x" + maxResponses + " matrices" : "");
    }
  }

  /**
   * @param source a name for messages and ids (the file as given)
   * @param k responses per matrix, {@code >= 2}
   * @param seed the run's seed
   */
  public static Built build(String source, List<HelpSteerRow> rows, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("K must be >= 2");
    }
    Map<String, List<HelpSteerRow>> byPrompt = new LinkedHashMap<>();
    for (HelpSteerRow r : rows) {
      byPrompt.computeIfAbsent(r.prompt(), p -> new ArrayList<>()).add(r);
    }
    SplittableRandom master = new SplittableRandom(seed);
    List<ScoreMatrix> out = new ArrayList<>();
    int withK = 0;
    int max = 0;
    for (Map.Entry<String, List<HelpSteerRow>> e : byPrompt.entrySet()) {
      SplittableRandom rng = master.split();
      List<HelpSteerRow> group = e.getValue();
      max = Math.max(max, group.size());
      if (group.size() < k) {
        continue;
      }
      withK++;
      int[] chosen = choose(group.size(), k, rng);
      int[][] d = new int[k][k];
      int[][] attr = new int[k][k];
      for (int[] row : attr) {
        Arrays.fill(row, -1);
      }
      List<String> responses = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        responses.add(group.get(chosen[i]).response());
      }
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          int a = rng.nextInt(HelpSteerRow.ATTRIBUTES.size());
          attr[i][j] = a;
          attr[j][i] = a;
          d[i][j] = group.get(chosen[i]).score(a) - group.get(chosen[j]).score(a);
          d[j][i] = -d[i][j];
        }
      }
      out.add(new ScoreMatrix(source + ":" + group.get(0).line(), e.getKey(), responses, d, attr));
    }
    return new Built(out, rows.size(), byPrompt.size(), withK, max, k);
  }

  /** A uniform k-subset of {@code 0..n-1} in increasing order (partial Fisher-Yates). */
  static int[] choose(int n, int k, SplittableRandom rng) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n > k) {
      for (int i = 0; i < k; i++) {
        int j = i + rng.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    int[] out = Arrays.copyOf(idx, k);
    Arrays.sort(out);
    return out;
  }
}
