package prefdyn.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every prefdyn JMH benchmark shares (JMH's class annotations are inherited): one
 * state per thread, average time in microseconds, 5 warm-up and 5 measured iterations of 1 s, one
 * fork. {@link AtDigits} adds the two precisions of {@code prefdyn bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class JmhDefaults {
  /** The shared settings at 50 and 1,000 decimal digits ({@code -p digits=50} picks one). */
  public abstract static class AtDigits extends JmhDefaults {
    @Param({"50", "1000"})
    public int digits;
  }
}
