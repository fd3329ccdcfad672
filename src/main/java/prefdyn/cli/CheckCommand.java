package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn check}: not implemented yet. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class CheckCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'check' is not implemented yet");
  }
}
