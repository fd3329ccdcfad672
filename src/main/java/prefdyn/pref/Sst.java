package prefdyn.pref;

import prefdyn.text.Labels;

/** Strong stochastic transitivity of a transitive P w.r.t. its majority order (docs/theory.md section 3). */
public enum Sst {
  STRICT,
  WEAK,
  NO;

  /** This constant in output and on the command line ({@link Labels}). */
  public String label() {
    return Labels.of(this);
  }
}
