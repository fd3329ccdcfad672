package prefdyn.catalogue;

import prefdyn.text.Labels;

/**
 * The verdict of a margin's enclosure {@code [lo, hi]} (see {@link Margin#verdict()}): certified
 * HOLDS or VIOLATED, or UNDECIDED when the enclosure does not settle it; and the status of a
 * statement after a check run (the "status" of {@code prefdyn check}), which may also be ERROR.
 * A margin's verdict is never ERROR.
 */
public enum Verdict implements Labels.Labelled {
  HOLDS,
  VIOLATED,
  /**
   * The enclosure straddles the boundary (or is unbounded: no enclosure was obtained); more
   * digits may decide it.
   */
  UNDECIDED,
  /**
   * Only a run's status: the statement's generator is broken (it failed to draw, or produced an
   * instance its {@code admits} rejects). Not a verdict about the mathematics.
   */
  ERROR
}
