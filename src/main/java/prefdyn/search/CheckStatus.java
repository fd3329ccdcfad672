package prefdyn.search;

/** The status of a statement after a check run (the "status" of {@code prefdyn check}). */
public enum CheckStatus {
  /** Every drawn instance has a certified positive (nonnegative, when not strict) margin. */
  HOLDS("holds"),
  /** Some instance has a certified negative (non-positive, when strict) margin. */
  VIOLATED("violated"),
  /**
   * Some margin stayed undecided up to the precision cap (its enclosure straddles the boundary,
   * or no enclosure was obtained: a solver failed, the check threw), and none was violated.
   */
  UNDECIDED("undecided"),
  /**
   * The statement's generator is broken: it failed to draw, or produced an instance its {@code
   * admits} rejects. Not a verdict about the mathematics.
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
