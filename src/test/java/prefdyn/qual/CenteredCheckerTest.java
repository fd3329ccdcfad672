package prefdyn.qual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apfloat.Apfloat;
import org.checkerframework.framework.qual.SubtypeOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A negative-compilation test of the centering qualifier (docs/checked.md): a small source file is
 * compiled by javac with the Subtyping Checker and the qualifiers of {@code prefdyn.qual}, exactly
 * as the build runs it, against the project's classes, and the checker must reject the four lines
 * that pass raw logits where the API requires centered ones (three {@code Apfloat[]}, one
 * {@code Ball[]}), and nothing else (so the accepted lines show that the setup works and that
 * {@code MrsMap.apply}, {@code Linalg.center}, {@code Centering.center} and the DPO round's update
 * give centered logits).
 *
 * <p>One javac process (the checker needs the jdk.compiler exports that the test JVM does not
 * have), a few seconds.
 */
class CenteredCheckerTest {
  static final String QUALS =
      "prefdyn.qual.UnknownCentering,prefdyn.qual.Centered,prefdyn.qual.CenteringBottom";

  static final String EXAMPLE = """
      package example;

      import java.util.List;
      import org.apfloat.Apfloat;
      import prefdyn.dynamics.DpoBallRound;
      import prefdyn.dynamics.DpoStability;
      import prefdyn.dynamics.FixedPoints;
      import prefdyn.dynamics.MrsMap;
      import prefdyn.dynamics.Trajectory;
      import prefdyn.num.Ball;
      import prefdyn.num.Linalg;
      import prefdyn.verified.Centering;

      class Example {
        static void accepted(MrsMap map, Apfloat[] raw, Trajectory.Observer observer) {
          Apfloat[] theta = map.apply(raw);
          observer.at(1, theta);
          FixedPoints.tolerance(Linalg.center(raw, map.precision()), map.precision());
        }

        static void rejected(MrsMap map, Apfloat[] theta, Trajectory.Observer observer) {
          Apfloat[] ref = map.roundReference(theta);
          observer.at(1, ref);
          FixedPoints.tolerance(theta, map.precision());
          Apfloat[] next = map.apply(theta);
          next = ref;
          observer.at(2, next);
        }

        static DpoStability.Enclosed acceptedBalls(DpoBallRound round, Ball[] raw, Ball[] policy, Ball rho) {
          Ball[] update = round.apply(raw).update();
          new DpoStability.Enclosed(update, policy, List.of(), rho, "iteration", 1);
          return new DpoStability.Enclosed(Centering.center(raw, 64), policy, List.of(), rho, "iteration", 1);
        }

        static DpoStability.Enclosed rejectedBalls(DpoBallRound round, Ball[] theta, Ball[] policy, Ball rho) {
          Ball[] next = round.apply(theta).theta();
          return new DpoStability.Enclosed(next, policy, List.of(), rho, "iteration", 1);
        }
      }
      """;

  @Test
  void theCheckerRejectsRawLogitsWhereCenteredOnesAreRequired(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("example/Example.java");
    Files.createDirectories(Objects.requireNonNull(src.getParent()));
    Files.writeString(src, EXAMPLE, StandardCharsets.UTF_8);
    Path qualJar = jarOf(SubtypeOf.class);
    // The Maven repository's layout: .../org/checkerframework/{checker-qual,checker}/<version>/
    Path versionDir = Objects.requireNonNull(qualJar.getParent());
    String version = String.valueOf(versionDir.getFileName());
    Path checkerJar = Objects.requireNonNull(versionDir.getParent()).resolveSibling("checker")
        .resolve(version).resolve("checker-" + version + ".jar");
    assertTrue(Files.isRegularFile(checkerJar), "the Checker Framework's checker jar, expected at " + checkerJar);
    Path classes = jarOf(Centered.class);
    String cp = String.join(File.pathSeparator, classes.toString(), qualJar.toString(), jarOf(Apfloat.class).toString());
    String pp = String.join(File.pathSeparator, checkerJar.toString(), qualJar.toString(), classes.toString());

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    for (String pkg : List.of("api", "code", "file", "main", "model", "parser", "processing", "tree", "util")) {
      cmd.add("-J--add-exports=jdk.compiler/com.sun.tools.javac." + pkg + "=ALL-UNNAMED");
    }
    cmd.add("-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");
    cmd.addAll(List.of("-d", dir.resolve("out").toString(), "-cp", cp, "-processorpath", pp,
        "-processor", "org.checkerframework.common.subtyping.SubtypingChecker", "-Aquals=" + QUALS,
        src.toString()));
    Process javac = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(javac.waitFor(5, TimeUnit.MINUTES), "javac did not finish");

    List<String> errors = new ArrayList<>();
    Matcher m = Pattern.compile("Example\\.java:(\\d+): error: \\[(\\w+)\\]").matcher(out);
    while (m.find()) {
      errors.add(m.group(1) + " " + m.group(2));
    }
    // line 23: the round's reference (α θ + (1-α) log π_ref) handed to the observer as logits;
    // line 24: a tolerance relative to the norm of logits of unknown centering; line 27: the
    // observer again, after `next = ref` (the flow analysis follows the assignment); line 38: the
    // certified MRS-DPO round's next box (a representative up to a multiple of 1, deliberately
    // not centered) recorded as the centered logits of a fixed point (printed as such by
    // `prefdyn stability --method dpo`)
    assertEquals(List.of("23 argument", "24 argument", "27 argument", "38 argument"), errors, out);
    assertEquals(1, javac.exitValue(), out);
  }

  /** The jar (or class folder) a class was loaded from. */
  static Path jarOf(Class<?> c) throws URISyntaxException, IOException {
    CodeSource source = Objects.requireNonNull(c.getProtectionDomain().getCodeSource(), c.getName());
    return Path.of(source.getLocation().toURI()).toRealPath();
  }
}
