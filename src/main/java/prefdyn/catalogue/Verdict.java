package prefdyn.catalogue;

/**
 * The verdict of a margin's enclosure {@code [lo, hi]} (see {@link Margin#verdict()}): certified
 * HOLDS or VIOLATED, or UNDECIDED when the enclosure does not settle it.
 */
public enum Verdict {
  HOLDS("holds"),
  VIOLATED("violated"),
  /**
   * The enclosure straddles the boundary (or is unbounded: no enclosure was obtained); more
   * digits may decide it.
   */
  UNDECIDED("undecided");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
