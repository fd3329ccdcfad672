package prefdyn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import prefdyn.shard.ShardFiles;

/** {@code prefdyn merge}: combines shard files (check, search) or shard folders (experiment) into the unsharded result. */
@Command(name = "merge",
    header = "Merge the shards of a sharded check, search or experiment into the unsharded result.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Reads the JSON files written by 'check --shard i/n --json' or 'search --shard i/n --json' (all shards "
          + "1..n of one run) and prints exactly the --json output of the unsharded run with the same seed and "
          + "flags: same rows, statuses, smallest margins and enclosures (timing keys: 'seconds').",
      "Given the --out folders of 'experiment --shard i/n --out DIR' (or their shard.json files), writes into "
          + "--out exactly the folder of the unsharded experiment: runs.csv (same rows, same order), summary.csv, "
          + "replicates.csv and the figures, re-drawn from the merged rows. See docs/sharding.md.",
      ""
    },
    footer = {"", "Exit codes: as the unsharded command (check: 0 all hold, 1 otherwise; search: 0 none found, "
        + "1 a counterexample; experiment: 0); 2 a missing, duplicated or foreign shard, or an unreadable file "
        + "(nothing is printed or written)."})
public final class MergeCommand implements Callable<Integer> {
  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
      description = "The shard files, or the experiment shard folders (any order).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Experiment shards: write the merged folder here (required).")
  @Nullable Path out;

  @Override
  public Integer call() {
    List<Path> paths = new ArrayList<>();
    for (Path p : files) {
      paths.add(Files.isDirectory(p) ? p.resolve("shard.json") : p);
    }
    List<ShardFiles.File> shards = ShardFiles.read(paths);
    // render into a buffer first: nothing reaches stdout unless the whole merge succeeds
    StringWriter buffer = new StringWriter();
    PrintWriter pw = new PrintWriter(buffer);
    String command = shards.get(0).command();
    Path dir = out;
    if (dir != null && !command.equals("experiment")) {
      throw new BadInput("--out is for experiment shards; " + command + " shards merge to stdout");
    }
    int code = switch (command) {
      case "check" -> CheckCommand.merge(shards, pw);
      case "search" -> SearchCommand.merge(shards, pw);
      case "experiment" -> {
        if (dir == null) {
          throw new BadInput("merging experiment shards needs --out DIR (the merged folder)");
        }
        yield ExperimentCommand.merge(shards, dir, pw);
      }
      default -> throw new BadInput("cannot merge shards of '" + command + "'");
    };
    pw.flush();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(buffer);
    stdout.flush();
    return code;
  }
}
