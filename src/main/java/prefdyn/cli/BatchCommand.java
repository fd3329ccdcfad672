package prefdyn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Mixin;
import prefdyn.search.Shard;
import prefdyn.shard.ShardFiles;

/**
 * What {@code check} and {@code search} share as runs of certified margins that split into
 * shards: their flags ({@link Common}, {@link SharedOptions.Batch}), the folder an unsharded run
 * may also write into, and the shard file a sharded run prints for {@code prefdyn merge}.
 */
abstract class BatchCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin SharedOptions.Batch batch = new SharedOptions.Batch();

  /**
   * Checks the folder flag {@code flag} ({@code --report}, {@code --out}) before any work: it
   * excludes {@code --shard} ({@code advice} says what to do instead), and an unsharded run must
   * be able to write into it.
   *
   * @throws BadInput naming the flags or the folder
   */
  static void requireFolder(@Nullable Path dir, String flag, @Nullable Shard part, String advice) {
    if (dir == null) {
      return;
    }
    if (part != null) {
      throw new BadInput(flag + " and --shard exclude each other (" + advice + ")");
    }
    OutDirs.probeWritable(dir, flag);
  }

  /** Prints the shard file of {@code command}: its header (settings, shard) and its units. Returns exit code 0. */
  int printShardFile(String command, Map<String, @Nullable Object> settings, Shard part, List<?> units) {
    Map<String, @Nullable Object> file = new LinkedHashMap<>();
    file.put("shard", ShardFiles.header(command, settings, part));
    file.put("units", units);
    Output.printJson(common.out(), file);
    return 0;
  }
}
