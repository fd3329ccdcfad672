package prefdyn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * The commands on one preference matrix (classify, optimum, sampler): the common flags
 * ({@link Common}) and {@code --pref} ({@link SharedOptions.Pref}).
 */
abstract class MatrixCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin SharedOptions.Pref pref = new SharedOptions.Pref();
}
