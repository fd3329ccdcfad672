package prefdyn.spark;

import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Statement;
import prefdyn.search.Search;

/**
 * How many work units a command's {@code --shard} split has (the default number of Spark tasks).
 * Only the granularity depends on this count: any n gives the same merged result, because shard i
 * of n takes the units u with u mod n = i - 1 (docs/sharding.md).
 */
final class WorkUnits {
  private WorkUnits() {}

  /** Count from the core's parse of the command line. */
  static long count(String command, CommandLine.ParseResult sub) {
    return switch (command) {
      case "check" -> check(sub);
      case "search" -> Search.units(Math.max(1L, longValue(sub, "--budget", 1L)));
      default -> experiment(sub);
    };
  }

  static String describe(String command) {
    return switch (command) {
      case "check" -> "statement x try";
      case "search" -> "blocks of " + Search.UNIT + " evaluations, each from its own restart seed";
      default -> "matrix x setting";
    };
  }

  /** The selected statements' planned tries, as {@code check} plans them. */
  private static long check(CommandLine.ParseResult sub) {
    List<String> theorems = sub.matchedOptionValue("--theorem", List.<String>of());
    Integer tries = sub.matchedOptionValue("--tries", null);
    List<Statement> statements = theorems.isEmpty()
        ? Catalogue.all().stream().filter(s -> s.kind() != Kind.CONJECTURE).toList()
        : new LinkedHashSet<>(theorems).stream().map(Catalogue::require).toList();
    long total = 0;
    for (Statement s : statements) {
      total += tries != null ? Math.max(1, tries) : Math.max(1, s.defaultTries());
    }
    return Math.max(1, total);
  }

  /**
   * The experiment grid (matrix x setting) is known only after its data are read, which the
   * tasks do: the count is left open, and the tasks are {@code SparkMain.TASKS_PER_CORE} per core
   * or --tasks N (a shard without cells is a valid, empty shard).
   */
  private static long experiment(CommandLine.ParseResult sub) {
    return Long.MAX_VALUE;
  }

  private static long longValue(CommandLine.ParseResult sub, String name, long fallback) {
    CommandLine.Model.OptionSpec o = sub.commandSpec().findOption(name);
    if (o == null) {
      return fallback;
    }
    Object v = o.getValue();
    return v instanceof Number num ? num.longValue() : fallback;
  }
}
