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
    return merge(files, out, true, 0.0, spec.commandLine().getOut());
  }

  /**
   * Merges shard files (or experiment shard folders) and prints the unsharded command's output:
   * check and search as that command prints it ({@code json}: its {@code --json} output, else its
   * table, with {@code seconds} as the run's time), experiment as the merged folder's summary
   * (written into {@code out}). Nothing reaches {@code stdout} unless the whole merge succeeds.
   * Also the merge of {@code prefdyn-spark}.
   *
   * @return the exit code of the unsharded run
   * @throws BadInput for a missing, duplicated or foreign shard, or an unreadable file
   */
  public static int merge(List<Path> files, @Nullable Path out, boolean json, double seconds, PrintWriter stdout) {
    List<Path> paths = new ArrayList<>();
    for (Path p : files) {
      paths.add(Files.isDirectory(p) ? p.resolve("shard.json") : p);
    }
    List<ShardFiles.File> shards = ShardFiles.read(paths);
    StringWriter buffer = new StringWriter();
    PrintWriter pw = new PrintWriter(buffer);
    String command = shards.get(0).command();
    if (out != null && !command.equals("experiment")) {
      throw new BadInput("--out is for experiment shards; " + command + " shards merge to stdout");
    }
    int code = switch (command) {
      case "check" -> CheckCommand.merge(shards, json, seconds, pw);
      case "search" -> SearchCommand.merge(shards, json, seconds, pw);
      case "experiment" -> {
        if (out == null) {
          throw new BadInput("merging experiment shards needs --out DIR (the merged folder)");
        }
        yield ExperimentCommand.merge(shards, out, pw);
      }
      default -> throw new BadInput("cannot merge shards of '" + command + "'");
    };
    pw.flush();
    stdout.print(buffer);
    stdout.flush();
    return code;
  }
}
