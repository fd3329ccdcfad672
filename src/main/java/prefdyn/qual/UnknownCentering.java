package prefdyn.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.DefaultQualifierInHierarchy;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * A logit vector (or any value) of which nothing is known about centering: the top of the
 * centering hierarchy and the default of every unannotated type. Raw logits such as
 * {@code log π} or {@code α θ + (1-α) log π_ref} have this type.
 *
 * @see Centered
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({})
@DefaultQualifierInHierarchy
public @interface UnknownCentering {}
