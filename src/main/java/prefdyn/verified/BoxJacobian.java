package prefdyn.verified;

import prefdyn.num.Ball;

/**
 * The Jacobian of a {@link BoxMap} over boxes: {@code apply(X, prec)} must return a ball matrix
 * that contains the derivative {@code DF(x)} for EVERY x ∈ X.
 */
@FunctionalInterface
public interface BoxJacobian {
  BallMatrix apply(Ball[] box, int prec);
}
