package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn bench}: not implemented yet. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class BenchCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'bench' is not implemented yet");
  }
}
