package prefdyn.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import prefdyn.num.InvalidParameter;

/**
 * Shard {@code index} of {@code count} ({@code --shard i/n}, 1-based): work unit number u
 * (0-based, in the unsharded run's order) belongs to shard {@code (u mod n) + 1}. The split depends
 * only on u and n, never on threads or time, so that the shards together do each unit exactly once.
 */
public record Shard(int index, int count) {
  private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");

  /** The whole run as one shard. */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new InvalidParameter("shard", "a shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
    }
  }

  /** Parses {@code i/n}; bad syntax or range: {@link InvalidParameter}. */
  public static Shard parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new InvalidParameter("shard", "a shard must be i/n with 1 <= i <= n (for example 2/8), got '" + text + "'");
    }
    String i = m.group(1);
    String n = m.group(2);
    if (i == null || n == null) {
      throw new InvalidParameter("shard", "a shard must be i/n with 1 <= i <= n, got '" + text + "'");
    }
    return new Shard(Integer.parseInt(i), Integer.parseInt(n));
  }

  /** Whether work unit u (0-based) is this shard's. */
  public boolean owns(long unit) {
    return Math.floorMod(unit, (long) count) == index - 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
