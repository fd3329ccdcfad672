package prefdyn.search;

import java.nio.charset.StandardCharsets;

/**
 * Reproducible seeds: one per statement (from the run's seed and the statement's ID) and one per
 * try. SplitMix64 mixing, so that nearby seeds and IDs give unrelated streams, and the result
 * depends on nothing but its inputs (not on the order or the thread in which statements run).
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finalizer: a bijection on 64-bit values with good avalanche. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The seed of a statement within a run: depends only on the run's seed and the ID. */
  public static long forStatement(long runSeed, String id) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes of the ID
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(runSeed * 0x9e3779b97f4a7c15L + mix(h));
  }

  /** The seed of try number {@code index} (0-based) of a statement. */
  public static long forTry(long statementSeed, int index) {
    return mix(statementSeed + 0x9e3779b97f4a7c15L * (index + 1L));
  }
}
