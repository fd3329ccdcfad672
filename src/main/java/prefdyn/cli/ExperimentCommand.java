package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn experiment}: not implemented yet. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class ExperimentCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'experiment' is not implemented yet");
  }
}
