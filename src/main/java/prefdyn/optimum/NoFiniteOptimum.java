package prefdyn.optimum;

import prefdyn.num.BadInput;

/**
 * The DPO loss has no finite minimizer for this (P, μ): its infimum is approached only as some
 * logit gap tends to infinity (docs/theory.md L2). The message names a preference entry that is 0 or 1
 * and causes it. A {@link BadInput}, so the CLI reports it in one line with exit code 2.
 */
public final class NoFiniteOptimum extends BadInput {
  private static final long serialVersionUID = 1L;

  public NoFiniteOptimum(String message) {
    super(message);
  }
}
