package prefdyn.spark;

import java.io.Serializable;

/**
 * What one Spark task sent back: the shard file that {@code prefdyn COMMAND ... --shard i/n --json}
 * printed (its stdout), its exit code and its stderr, and which attempt of the task made it.
 *
 * @param shard the shard index i (1-based)
 * @param exitCode the core command's exit code (0: the shard file is complete)
 * @param stdout the shard file (JSON)
 * @param stderr what the command printed on stderr (progress, or the one-line reason of an exit 2)
 * @param attempt Spark's attempt number of the task that produced this (0: the first)
 * @param nanos the task's time in the core command
 */
public record ShardRun(int shard, int exitCode, String stdout, String stderr, int attempt, long nanos)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
