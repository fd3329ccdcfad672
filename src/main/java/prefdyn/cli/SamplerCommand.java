package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prefdyn sampler}: not implemented yet. */
@Command(name = "sampler", mixinStandardHelpOptions = true, description = "(not implemented yet)")
public final class SamplerCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Override
  public Integer call() {
    throw new prefdyn.num.BadInput("'sampler' is not implemented yet");
  }
}
