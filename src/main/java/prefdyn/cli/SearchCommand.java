package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn search}: not implemented yet. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class SearchCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'search' is not implemented yet");
  }
}
