package prefdyn.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.cli.Main;

/**
 * The Spark task: runs shard i of n of the core command in this executor's JVM, exactly as
 * {@code prefdyn COMMAND ARGS --shard i/n --json} does on one machine, and returns its shard file.
 * No result is computed here that the core command does not compute: the task is the same code
 * path as a batch-scheduler shard (docs/sharding.md), so its output merges with the same code.
 *
 * <p>A core exit code other than 0 (shard written) or 2 (bad input: deterministic, retrying cannot
 * help, the driver reports it) throws, so that Spark retries the task.
 */
final class ShardTask implements Function<Integer, ShardRun> {
  private static final long serialVersionUID = 1L;

  /** The test-only switch: the shard whose first attempt fails (0: none). */
  static final String INJECT_FAILURE = "prefdyn.spark.injectFailure";

  private final String[] coreArgs;
  private final int count;
  private final int failFirstAttemptOf;

  /**
   * @param coreArgs the core command and its arguments, without --shard and --json
   * @param count n, the number of shards
   * @param failFirstAttemptOf the shard whose first attempt throws (tests only; 0: none)
   */
  ShardTask(String[] coreArgs, int count, int failFirstAttemptOf) {
    this.coreArgs = coreArgs.clone();
    this.count = count;
    this.failFirstAttemptOf = failFirstAttemptOf;
  }

  /** The core's command line of shard i ({@code shardDir}: the --out folder of an experiment shard). */
  String[] argsOf(int shard, @Nullable Path shardDir) {
    List<String> a = new ArrayList<>(Arrays.asList(coreArgs));
    a.add("--shard");
    a.add(shard + "/" + count);
    if (shardDir != null) {
      a.add("--out");
      a.add(shardDir.toString());
    } else {
      a.add("--json");
    }
    return a.toArray(new String[0]);
  }

  /** Whether the command writes its shard file into an --out folder (experiment) instead of stdout. */
  private boolean folderShard() {
    return coreArgs.length > 0 && coreArgs[0].equals("experiment");
  }

  @Override
  public ShardRun call(Integer shard) {
    TaskContext tc = TaskContext.get();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    if (shard == failFirstAttemptOf && attempt == 0) {
      throw new IllegalStateException("prefdyn-spark: injected failure of shard " + shard + "/" + count
          + " (first attempt; test switch " + INJECT_FAILURE + ")");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code;
    Path dir = null;
    String shardFile;
    try {
      dir = folderShard() ? Files.createTempDirectory("prefdyn-spark-shard-") : null;
      try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
        code = IsolatedCore.forThisThread().run(argsOf(shard, dir), o, e);
      }
      Path file = dir == null ? null : dir.resolve("shard.json");
      shardFile = file == null ? out.toString() : Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        SparkMain.deleteTree(dir);
      }
    }
    long nanos = System.nanoTime() - start;
    if (code != 0 && code != Main.BAD_INPUT) {
      throw new IllegalStateException("prefdyn " + coreArgs[0] + " shard " + shard + "/" + count + " exited "
          + code + ": " + err.toString().strip());
    }
    return new ShardRun(shard, code, shardFile, err.toString(), attempt, nanos);
  }
}
