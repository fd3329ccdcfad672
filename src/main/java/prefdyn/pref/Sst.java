package prefdyn.pref;

import prefdyn.text.Labels;

/** Strong stochastic transitivity of a transitive P w.r.t. its majority order (docs/theory.md section 3). */
public enum Sst implements Labels.Labelled {
  STRICT,
  WEAK,
  NO
}
