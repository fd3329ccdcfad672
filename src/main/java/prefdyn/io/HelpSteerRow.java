package prefdyn.io;

import java.util.List;

/**
 * One response of a HelpSteer-format file: its prompt (text or id), the response (text or id),
 * and its five integer scores 0-4 in the order of {@link #ATTRIBUTES}. {@code line} is the
 * 1-based line of the file where the row starts (for messages).
 */
public record HelpSteerRow(String prompt, String response, int[] scores, long line) {
  /** The five HelpSteer attributes, in this order everywhere (scores, CSV columns, JSON keys). */
  public static final List<String> ATTRIBUTES =
      List.of("helpfulness", "correctness", "coherence", "complexity", "verbosity");

  /** Lowest and highest valid score. */
  public static final int MIN_SCORE = 0;

  public static final int MAX_SCORE = 4;

  public HelpSteerRow {
    scores = scores.clone();
    if (scores.length != ATTRIBUTES.size()) {
      throw new IllegalArgumentException("expected " + ATTRIBUTES.size() + " scores, got " + scores.length);
    }
  }

  public int score(int attribute) {
    return scores[attribute];
  }

  @Override
  public int[] scores() {
    return scores.clone();
  }
}
