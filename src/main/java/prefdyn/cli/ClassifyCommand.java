package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn classify}: not implemented yet. */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class ClassifyCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'classify' is not implemented yet");
  }
}
