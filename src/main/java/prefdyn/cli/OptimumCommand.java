package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn optimum}: not implemented yet. */
@Command(name = "optimum", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class OptimumCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'optimum' is not implemented yet");
  }
}
