package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.num.Benchmark;

/**
 * The whole-command bench suite with stand-in programs in a temporary checkout: how the CPU time
 * of a finished process is read (bash's {@code times}), and how a missing wrapper or a Python on
 * the wrong mpmath backend is skipped with a note. No timing is asserted.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandBenchmarkTest {
  private static final Benchmark.Settings TIMED = new Benchmark.Settings(1, 1, 0);
  /** A few ms of CPU in the shell, so that a stand-in has a time to read. */
  private static final String BURN = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done";

  private static Path script(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static Path checkout(Path dir, boolean wrapper) throws IOException {
    Files.createDirectories(dir.resolve("bench"));
    Files.writeString(dir.resolve("bench").resolve("mrs_mpmath.py"), "# stand-in\n");
    Files.writeString(dir.resolve("bench").resolve("mrs_instance.txt"), "# stand-in\n");
    if (wrapper) {
      script(dir, "prefdyn", "[ \"$1\" = --version ] && exit 0\n" + BURN + "\necho done");
    }
    return dir;
  }

  @Test
  void timesOfFinishedChildrenAreRead() {
    assertEquals(62.75, CommandBenchmark.childCpuSeconds("0m0.003s 0m0.001s\n1m2.500s 0m0.250s\n"), 1e-9);
    assertEquals(0.5, CommandBenchmark.childCpuSeconds("output 0m9.0s\n0m0.000s 0m0.000s\n0m0.400s 0m0.100s"), 1e-9);
    assertTrue(Double.isNaN(CommandBenchmark.childCpuSeconds("no times here")));
    assertEquals(3_000, CommandBenchmark.steps(1000));
    assertEquals(30_000, CommandBenchmark.steps(50));
  }

  @Test
  void everyProcessIsTimedBesideBothPythons(@TempDir Path dir) throws IOException {
    Path root = checkout(dir.resolve("co"), true);
    Path python = script(dir, "python", BURN + "\nif [ -n \"$MPMATH_NOGMPY\" ]; then echo backend=python; else echo backend=gmpy; fi");
    CommandBenchmark b = new CommandBenchmark(new CommandBenchmark.Config(root, python.toString()));
    List<Benchmark.Row> rows = b.run(List.of(50), TIMED);
    assertEquals(List.of("mpmath (gmpy)", "mpmath (python)"), rows.stream().map(Benchmark.Row::reference).toList(), b.notes().toString());
    for (Benchmark.Row r : rows) {
      assertEquals(CommandBenchmark.OP, r.op());
      assertTrue(r.micros() >= 0 && r.referenceMicros() >= 0, r.toString());
    }
    assertEquals(List.of(), b.notes());
  }

  @Test
  void aPythonOnTheWrongBackendIsSkippedWithANote(@TempDir Path dir) throws IOException {
    Path root = checkout(dir.resolve("co"), true);
    Path python = script(dir, "python", "echo backend=python");
    CommandBenchmark b = new CommandBenchmark(new CommandBenchmark.Config(root, python.toString()));
    List<Benchmark.Row> rows = b.run(List.of(1000), TIMED);
    assertEquals(List.of("mpmath (python)"), rows.stream().map(Benchmark.Row::reference).toList());
    assertTrue(b.notes().toString().contains("mpmath (gmpy): skipped (mpmath under " + python + " runs on its python backend"),
        b.notes().toString());
  }

  @Test
  void noWrapperOrQuickMeansNoRowsAndANote(@TempDir Path dir) throws IOException {
    Path root = checkout(dir.resolve("co"), false);
    CommandBenchmark b = new CommandBenchmark(new CommandBenchmark.Config(root, "python3"));
    assertEquals(List.of(), b.run(List.of(50), TIMED));
    assertTrue(b.notes().get(0).contains("./prefdyn wrapper of the checkout was not found"), b.notes().toString());
    assertEquals(List.of(), b.run(List.of(50), Benchmark.Settings.QUICK));
    assertTrue(b.notes().get(0).contains("not timed with --quick"), b.notes().toString());
  }
}
