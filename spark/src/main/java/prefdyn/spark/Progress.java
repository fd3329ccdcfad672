package prefdyn.spark;

import java.io.PrintWriter;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import prefdyn.cli.StatusLine;

/**
 * Progress of the job on the driver's stderr, written by the core's {@link StatusLine}: shards
 * done of n (a line every few seconds, or an updating line on a terminal), and each failed task
 * attempt with its reason (Spark retries it). Called on Spark's listener thread.
 */
final class Progress extends SparkListener {
  private final StatusLine line;
  private final String command;
  private final int total;
  private int done;
  private int failed;

  Progress(PrintWriter err, String command, int total) {
    this.line = new StatusLine(err);
    this.command = command;
    this.total = total;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskEndReason reason = end.reason();
    if (reason == Success$.MODULE$) {
      done++;
      if (line.due(done == total)) {
        line.show("prefdyn-spark %s: %d/%d shards done, %.0f s", command, done, total, line.seconds());
      }
      return;
    }
    failed++;
    String why = reason instanceof TaskFailedReason f ? f.toErrorString() : String.valueOf(reason);
    line.keep("prefdyn-spark " + command + ": task " + end.taskInfo().index() + " (attempt "
        + end.taskInfo().attemptNumber() + ") failed: " + SparkMain.firstLine(why) + "; Spark retries it");
  }

  synchronized int failed() {
    return failed;
  }

  synchronized void done() {
    line.clear();
  }
}
