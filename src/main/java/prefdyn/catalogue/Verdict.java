package prefdyn.catalogue;

/** The outcome of checking one instance (or a run of instances). */
public enum Verdict {
  HOLDS("holds"),
  VIOLATED("violated"),
  /** The margin is smaller than its numerical error bound: raise --digits to decide. */
  UNDECIDED("undecided");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
