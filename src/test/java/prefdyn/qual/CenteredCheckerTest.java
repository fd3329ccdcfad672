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
 * as the build runs it, and the checker must reject the two lines that pass raw logits where
 * centered ones are required, and nothing else (so the accepted lines show that the setup works
 * and that {@code Linalg.center} establishes the property).
 *
 * <p>One javac process (the checker needs the jdk.compiler exports that the test JVM does not
 * have), a few seconds.
 */
class CenteredCheckerTest {
  static final String QUALS =
      "prefdyn.qual.UnknownCentering,prefdyn.qual.Centered,prefdyn.qual.CenteringBottom";

  static final String EXAMPLE = """
      package example;

      import org.apfloat.Apfloat;
      import prefdyn.num.Linalg;
      import prefdyn.num.Precision;
      import prefdyn.qual.Centered;

      class Example {
        /** Prints logits as `prefdyn iterate` does: the centered representative. */
        static void print(Apfloat @Centered [] logits) {}

        static void accepted(Apfloat[] raw, Precision p) {
          print(Linalg.center(raw, p));
          Apfloat[] theta = Linalg.center(raw, p);
          print(theta);
        }

        static void rejected(Apfloat[] raw, Precision p) {
          print(raw);
          Apfloat @Centered [] theta = raw;
          Apfloat[] shifted = Linalg.center(raw, p);
          shifted = raw;
          print(shifted);
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
    // line 19: print(raw); line 20: the declaration; line 23: print(shifted) after shifted = raw
    assertEquals(List.of("19 argument", "20 assignment", "23 argument"), errors, out);
    assertEquals(1, javac.exitValue(), out);
  }

  /** The jar (or class folder) a class was loaded from. */
  static Path jarOf(Class<?> c) throws URISyntaxException, IOException {
    CodeSource source = Objects.requireNonNull(c.getProtectionDomain().getCodeSource(), c.getName());
    return Path.of(source.getLocation().toURI()).toRealPath();
  }
}
