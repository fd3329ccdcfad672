package prefdyn.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one progress-line writer on stderr (check, search, prefdyn-spark): on a terminal one line
 * that is overwritten in place, at most every 0.1 s; otherwise a plain line at most every 5 s.
 * Lines that must stay (a finished statement, a failed task) go through {@link #keep}. Not
 * thread-safe: callers that report from several threads synchronize.
 */
public final class StatusLine {
  private static final String CLEAR = "\r\033[K";

  private final PrintWriter err;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long last = System.nanoTime();
  private boolean painted;

  /** A status line on {@code err}, overwritten in place when the JVM has a console. */
  public StatusLine(PrintWriter err) {
    this(err, System.console() != null);
  }

  StatusLine(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Whether the line is drawn in place (a terminal). */
  public boolean terminal() {
    return terminal;
  }

  /**
   * Whether an update is due: 0.1 s since the last one on a terminal, 5 s otherwise (or
   * {@code force}). A due update restarts the clock.
   */
  public boolean due(boolean force) {
    long now = System.nanoTime();
    if (!force && now - last < (terminal ? 100_000_000L : 5_000_000_000L)) {
      return false;
    }
    last = now;
    return true;
  }

  /** Seconds since this line was made, for "…, 12 s" in a progress line. */
  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Formats with {@link Locale#ROOT} and {@link #show}s it. */
  public void show(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    if (terminal) {
      err.print(CLEAR + line);
      painted = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** A line that stays: the status line (if drawn) is cleared first. */
  public void keep(String line) {
    clear();
    err.println(line);
    err.flush();
  }

  /** Clears the status line if one is drawn (before the result, or at the end). */
  public void clear() {
    if (painted) {
      err.print(CLEAR);
      err.flush();
      painted = false;
    }
  }
}
