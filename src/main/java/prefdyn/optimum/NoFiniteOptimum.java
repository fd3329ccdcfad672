package prefdyn.optimum;

import prefdyn.num.InvalidParameter;

/**
 * The DPO loss has no finite minimizer for this (P, μ): its infimum is approached only as some
 * logit gap tends to infinity (docs/theory.md L2). The message names a preference entry that is 0 or 1
 * and causes it. An {@link InvalidParameter} of the field {@code P} (the CLI reports it in one line
 * with exit code 2).
 */
public final class NoFiniteOptimum extends InvalidParameter {
  private static final long serialVersionUID = 1L;

  public NoFiniteOptimum(String message) {
    super("P", message);
  }
}
