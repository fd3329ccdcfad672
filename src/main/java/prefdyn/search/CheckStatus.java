package prefdyn.search;

/** The status of a statement after a check run (the "status" of {@code prefdyn check}). */
public enum CheckStatus {
  /** Every drawn instance has a decided positive (nonnegative, when not strict) margin. */
  HOLDS("holds"),
  /** Some instance violates the statement (a decided negative margin). */
  VIOLATED("violated"),
  /** Some margin stayed within its numerical error even at raised precision (and none violated). */
  UNDECIDED("undecided"),
  /**
   * The statement itself is broken: its generator produced an instance its {@code admits}
   * rejects, or its check threw. Not a verdict about the mathematics.
   */
  ERROR("error");

  private final String label;

  CheckStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
