package prefdyn.text;

import java.util.EnumSet;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one convention for the words by which enum constants appear in output and on the command
 * line: the constant's name in lower case with {@code _} written as {@code -}
 * ({@code STRONGLY_TRANSITIVE} is {@code "strongly-transitive"}).
 */
public final class Labels {
  private Labels() {}

  /** The label of {@code constant}. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} whose label is {@code text}, or null when none has it. */
  public static <E extends Enum<E>> @Nullable E parse(Class<E> type, String text) {
    for (E e : EnumSet.allOf(type)) {
      if (of(e).equals(text)) {
        return e;
      }
    }
    return null;
  }
}
