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

  /**
   * An enum whose constants appear in output and on the command line by their label: implementing
   * it gives the constants {@link #label()}.
   */
  public interface Labelled {
    /** The constant's name, as every enum declares it. */
    String name();

    /** This constant in output and on the command line. */
    default String label() {
      return of(name());
    }
  }

  /** The label of {@code constant}. */
  public static String of(Enum<?> constant) {
    return of(constant.name());
  }

  private static String of(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
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
