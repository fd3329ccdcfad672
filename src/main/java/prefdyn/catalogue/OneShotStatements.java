package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import prefdyn.pref.Distribution;

/**
 * @deprecated adapter for statement files still in the earlier shape: the shared generators moved
 *     to {@link Generators}; the statements are one file each.
 */
@Deprecated
final class OneShotStatements {
  private OneShotStatements() {}

  static Distribution shiftUp(Distribution mu, int[] order, List<List<Integer>> moves) {
    return Generators.shiftUp(mu, order, moves);
  }

  static Arbitrary<List<List<Integer>>> moves() {
    return Generators.moves();
  }
}
