package prefdyn.spark;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of the job on the driver's stderr: shards done of n (a line every few seconds, or an
 * updating line on a terminal), and each failed task attempt with its reason (Spark retries it).
 * Called on Spark's listener thread.
 */
final class Progress extends SparkListener {
  private final PrintWriter err;
  private final String command;
  private final int total;
  private final boolean terminal = System.console() != null;
  private final long start = System.nanoTime();
  private long last = System.nanoTime();
  private int done;
  private int failed;
  private boolean painted;

  Progress(PrintWriter err, String command, int total) {
    this.err = err;
    this.command = command;
    this.total = total;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskEndReason reason = end.reason();
    if (reason == Success$.MODULE$) {
      done++;
      long now = System.nanoTime();
      long interval = terminal ? 100_000_000L : 5_000_000_000L;
      if (now - last >= interval || done == total) {
        last = now;
        String line = String.format(Locale.ROOT, "prefdyn-spark %s: %d/%d shards done, %.0f s", command, done, total,
            (now - start) / 1e9);
        if (terminal) {
          err.print("\r\033[K" + line);
          painted = true;
        } else {
          err.println(line);
        }
        err.flush();
      }
      return;
    }
    failed++;
    String why = reason instanceof TaskFailedReason f ? f.toErrorString() : String.valueOf(reason);
    if (painted) {
      err.print("\r\033[K");
      painted = false;
    }
    err.println("prefdyn-spark " + command + ": task " + end.taskInfo().index() + " (attempt "
        + end.taskInfo().attemptNumber() + ") failed: " + SparkMain.firstLine(why) + "; Spark retries it");
    err.flush();
  }

  synchronized int failed() {
    return failed;
  }

  synchronized void done() {
    if (painted) {
      err.print("\r\033[K");
      err.flush();
      painted = false;
    }
  }
}
