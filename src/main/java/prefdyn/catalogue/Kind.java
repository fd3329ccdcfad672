package prefdyn.catalogue;

import prefdyn.text.Labels;

/** How a catalogue entry stands (the "status" column of the README's catalogue table). */
public enum Kind implements Labels.Labelled {
  /** Stated in the paper, proved there; our check is a property test of it. */
  PAPER,
  /** Derived here from the paper's formulas, with a proof in proofs-notes/. */
  PROVED,
  /** Observed behaviour (simulation), not a theorem. */
  EMPIRICAL,
  /** Open or expected false: a target for {@code prefdyn search}. */
  CONJECTURE
}
