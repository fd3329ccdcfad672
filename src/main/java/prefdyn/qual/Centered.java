package prefdyn.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * A centered logit vector: the representative {@code Π θ = θ - mean(θ)·1} of its class modulo
 * constants, whose entries sum to zero (up to the rounding of the centering). Written on the
 * array, {@code Apfloat @Centered []}.
 *
 * <p>Logits are defined modulo adding a constant to every entry (the same policy), but sizes and
 * distances are not: {@code ||θ + c·1||} grows with c. Everything that measures a logit vector
 * (a residual tolerance relative to {@code ||θ||}, a distance between two orbits, the stability
 * analysis on {@code 1^⊥}, the printed logits of {@code prefdyn iterate}) needs the centered
 * representative. The Subtyping Checker rejects a value of unknown centering where
 * {@code @Centered} is required; {@link prefdyn.num.Linalg#center} is the one method that
 * establishes the property (docs/checked.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf(UnknownCentering.class)
public @interface Centered {}
