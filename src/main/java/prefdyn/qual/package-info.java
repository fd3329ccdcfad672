/**
 * The project's type qualifiers, enforced at compile time by the Checker Framework's Subtyping
 * Checker (configured in core/pom.xml; docs/checked.md).
 *
 * <p>One hierarchy, centering of logit vectors:
 * <pre>
 *   &#64;UnknownCentering   (top, the default: raw logits, anything)
 *          |
 *   &#64;Centered           (entries sum to zero: established only by Linalg.center)
 *          |
 *   &#64;CenteringBottom    (null)
 * </pre>
 *
 * <p>These classes are compiled before the rest of the main sources (their own compiler
 * execution), because the checker loads them as classes while it checks the code that uses them.
 */
package prefdyn.qual;
