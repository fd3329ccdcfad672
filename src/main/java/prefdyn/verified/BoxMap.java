package prefdyn.verified;

import prefdyn.num.Ball;

/**
 * A map {@code F: R^n → R^n} evaluated over boxes: for every box X (one ball per coordinate),
 * {@code apply(X, prec)} must return balls that contain {@code F(x)} for EVERY x ∈ X (an
 * inclusion function, e.g. F written in {@link Ball} arithmetic). The certificates in
 * {@link Krawczyk} and {@link Contraction} are only as sound as this property.
 */
@FunctionalInterface
public interface BoxMap {
  Ball[] apply(Ball[] x, int prec);
}
