package prefdyn.catalogue;

/** How a catalogue entry stands (the "status" column of the README's catalogue table). */
public enum Kind {
  /** Stated in the paper, proved there; our check is a property test of it. */
  PAPER("paper"),
  /** Derived here from the paper's formulas, with a proof in proofs-notes/. */
  PROVED("proved"),
  /** Observed behaviour (simulation), not a theorem. */
  EMPIRICAL("empirical"),
  /** Open or expected false: a target for {@code prefdyn search}. */
  CONJECTURE("conjecture");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
