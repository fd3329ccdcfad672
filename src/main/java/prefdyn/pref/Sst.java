package prefdyn.pref;

/** Strong stochastic transitivity of a transitive P w.r.t. its majority order (docs/theory.md section 3). */
public enum Sst {
  STRICT("strict"),
  WEAK("weak"),
  NO("no");

  private final String label;

  Sst(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
