package prefdyn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import prefdyn.shard.ShardFiles;

/** {@code prefdyn merge}: combines shard files into the unsharded result. */
@Command(name = "merge",
    header = "Merge the shard files of a sharded check or search into the unsharded result.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Reads the JSON files written by 'check --shard i/n --json' or 'search --shard i/n --json' (all shards "
          + "1..n of one run) and prints exactly the --json output of the unsharded run with the same seed and "
          + "flags: same rows, statuses, smallest margins and enclosures (timing keys: 'seconds'). See docs/sharding.md.",
      ""
    },
    footer = {"", "Exit codes: as the unsharded command (check: 0 all hold, 1 otherwise; search: 0 none found, "
        + "1 a counterexample); 2 a missing, duplicated or foreign shard, or an unreadable file (nothing is printed)."})
public final class MergeCommand implements Callable<Integer> {
  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The shard files (any order).")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    List<ShardFiles.File> shards = ShardFiles.read(files);
    // render into a buffer first: nothing reaches stdout unless the whole merge succeeds
    StringWriter buffer = new StringWriter();
    PrintWriter out = new PrintWriter(buffer);
    String command = shards.get(0).command();
    int code = switch (command) {
      case "check" -> CheckCommand.merge(shards, out);
      case "search" -> SearchCommand.merge(shards, out);
      default -> throw new BadInput("cannot merge shards of '" + command + "'");
    };
    out.flush();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(buffer);
    stdout.flush();
    return code;
  }
}
