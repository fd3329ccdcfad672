package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn stability}: not implemented yet. */
@Command(name = "stability", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class StabilityCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'stability' is not implemented yet");
  }
}
