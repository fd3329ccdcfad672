package prefdyn.cli;

import java.io.PrintWriter;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import prefdyn.io.ParseError;
import prefdyn.num.InvalidParameter;

/** The {@code prefdyn} command. The only package that prints is {@code prefdyn.cli}. */
@Command(
    name = "prefdyn",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Proof companion for 'How Sampling Shapes LLM Alignment' (Chen, He, Jordan, Yao, arXiv:2602.12180):",
      "one-shot IPO/DPO optima, iterated MRS-IPO/MRS-DPO maps at arbitrary precision, exact samplers",
      "and certificates, theorem checks and counterexample search."
    },
    footer = {"", "Exit codes: 0 done (check: all hold), 1 violated / counterexample found, 2 bad input or usage."})
public final class Main implements Runnable {
  /** Exit code: a checked statement is violated, or a search found a counterexample. */
  public static final int VIOLATED = 1;
  /** Exit code: bad input or usage. */
  public static final int BAD_INPUT = 2;

  /**
   * The subcommands, in the order of the help. They are not in the {@code @Command} annotation:
   * a run that names one of them builds only its model ({@link #commandLine(String)}), since
   * picocli's reflection over all twelve costs more start-up CPU than a short command's work.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ClassifyCommand.class,
      OptimumCommand.class,
      SamplerCommand.class,
      IterateCommand.class,
      StabilityCommand.class,
      CheckCommand.class,
      SearchCommand.class,
      MergeCommand.class,
      ExperimentCommand.class,
      FigureCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  public static void main(String[] args) {
    // Apfloat sizes its memory blocks from the heap's JMX bean unless told not to; starting the
    // JMX platform beans costs a short command about 30 ms of CPU (Runtime.maxMemory serves too)
    if (System.getProperty("apfloat.disableJmx") == null) {
      System.setProperty("apfloat.disableJmx", "true");
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(args.length == 0 ? null : args[0]);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The whole command line, with every subcommand. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line for a run whose first argument is {@code first}: with only that subcommand
   * when {@code first} names one other than {@code help} (the rest of the arguments belong to it,
   * so parsing, help and errors are those of the whole command line), with every subcommand
   * otherwise.
   */
  static CommandLine commandLine(@Nullable String first) {
    CommandLine cl = new CommandLine(new Main());
    // `help NAME` needs the other subcommands: only a command that does the work is built alone
    boolean named = first != null && SUBCOMMANDS.stream()
        .anyMatch(c -> c != CommandLine.HelpCommand.class && name(c).equals(first));
    for (Class<?> c : SUBCOMMANDS) {
      if (!named || name(c).equals(first)) {
        cl.addSubcommand(c);
      }
    }
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(Main::executionError);
    cl.setAbbreviatedOptionsAllowed(false);
    // "@FILE" is our distribution-spec syntax (docs/cli.md), not picocli's argument-file expansion.
    cl.setExpandAtFiles(false);
    HelpTexts.apply(cl);
    return cl;
  }

  private static String name(Class<?> command) {
    Command c = command.getAnnotation(Command.class);
    if (c == null) {
      throw new IllegalStateException(command + " is not a @Command");
    }
    return c.name();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    StringBuilder line = new StringBuilder("prefdyn: ");
    String unknown = ex instanceof CommandLine.MissingParameterException ? firstUnknownOption(cmd, args) : null;
    if (unknown != null) {
      // picocli reports a missing required option before an unknown one: name the typo first
      line.append("Unknown option: '").append(unknown).append("'");
      String near = nearestOption(cmd, unknown);
      if (near != null) {
        line.append(" (did you mean ").append(near).append("?)");
      }
    } else {
      line.append(oneLine(ex.getMessage()));
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      List<String> s = u.getSuggestions();
      if (!s.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", s.subList(0, Math.min(3, s.size())))).append("?)");
      }
    }
    line.append("; see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help'");
    err.println(line);
    err.flush();
    return BAD_INPUT;
  }

  private static int executionError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof BadInput || ex instanceof InvalidParameter || ex instanceof ParseError) {
      err.println("prefdyn " + cmd.getCommandName() + ": " + oneLine(badInputLine(ex, cmd.getCommandSpec())));
      err.flush();
      return BAD_INPUT;
    }
    err.println("prefdyn " + cmd.getCommandName() + ": internal error: " + ex.getClass().getSimpleName()
        + ": " + oneLine(String.valueOf(ex.getMessage())) + " (please report this with the command line)");
    err.flush();
    return 3;
  }

  /**
   * The one line of a bad-input error: a {@link BadInput} as it is (it names its flag); a domain
   * error ({@link InvalidParameter}) prefixed with the flag of its field when the command has
   * that flag ({@link Fields}); a {@link ParseError} as it is (it names its file, line, entry).
   */
  static String badInputLine(Exception ex, CommandSpec command) {
    String message = String.valueOf(ex.getMessage());
    if (ex instanceof InvalidParameter ip) {
      String flag = Fields.flag(command, ip.field());
      return flag == null ? message : flag + ": " + message;
    }
    return message;
  }

  /** The first {@code --name} among the arguments that the command does not know, if any. */
  private static @Nullable String firstUnknownOption(CommandLine cmd, String[] args) {
    for (String a : args) {
      if (a.startsWith("--") && a.length() > 2) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        if (cmd.getCommandSpec().findOption(name) == null) {
          return name;
        }
      }
    }
    return null;
  }

  /** picocli's own suggestion for a misspelled option (its similarity ranking), if any. */
  private static @Nullable String nearestOption(CommandLine cmd, String name) {
    List<String> s = new CommandLine.UnmatchedArgumentException(cmd, List.of(name)).getSuggestions();
    return s.isEmpty() ? null : s.get(0);
  }

  static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Reads the version from the jar manifest, falling back to the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package pkg = Main.class.getPackage();
      String v = pkg == null ? null : pkg.getImplementationVersion();
      return new String[] {"prefdyn " + (v == null ? "0.1.0" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
