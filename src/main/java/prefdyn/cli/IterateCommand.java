package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn iterate}: not implemented yet. */
@Command(name = "iterate", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class IterateCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'iterate' is not implemented yet");
  }
}
