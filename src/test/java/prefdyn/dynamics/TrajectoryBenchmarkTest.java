package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The MRS bench suite with stand-in references in a temporary checkout: how their output is read
 * and how a missing or broken one is skipped with a note. No timing is asserted.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class TrajectoryBenchmarkTest {
  private static Path script(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** The rows of the certified round (each comes with a row of the direct ball evaluation beside it). */
  private static List<Benchmark.Row> certified(List<Benchmark.Row> rows) {
    List<Benchmark.Row> out = rows.stream().filter(r -> r.op().equals(TrajectoryBenchmark.OP)).toList();
    assertEquals(2 * out.size(), rows.size(), rows.toString());
    return out;
  }

  private static Path checkout(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("bench"));
    Files.writeString(dir.resolve("bench").resolve("mrs_mpmath.py"), "# stand-in\n");
    Files.writeString(dir.resolve("bench").resolve("mrs_mpfr.c"), "/* stand-in */\n");
    return dir;
  }

  /** A stand-in python that reports 2 ms for the rounds, on the backend MPMATH_NOGMPY selects. */
  private static final String FAKE_MPMATH = "if [ -n \"$MPMATH_NOGMPY\" ]; then b=python; else b=gmpy; fi\n"
      + "echo \"mpmath backend=$b digits=20 steps=4 seconds=0.002\"\necho '  theta_0 = 1.77'";

  @Test
  void referencesAreReadPerRoundAndAFailingBuildIsSkipped(@TempDir Path tmp) throws IOException {
    Path root = checkout(tmp.resolve("repo"));
    Path python = script(tmp, "python", FAKE_MPMATH);
    Path cc = script(tmp, "cc", "echo 'bench/mrs_mpfr.c:4:10: fatal error: mpfr.h: No such file or directory' >&2; exit 1");
    TrajectoryBenchmark b = new TrajectoryBenchmark(new TrajectoryBenchmark.Config(4, root, python.toString(), cc.toString()));
    List<Benchmark.Row> rows = certified(b.run(List.of(20), Benchmark.Settings.QUICK));
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("mpmath (gmpy)", rows.get(0).reference());
    assertEquals("mpmath (python)", rows.get(1).reference());
    for (Benchmark.Row r : rows) {
      assertEquals(500.0, r.referenceMicros(), 1e-9); // 0.002 s / 4 rounds
      assertTrue(r.op().contains("ipo"));
    }
    assertEquals(1, b.notes().size(), b.notes().toString());
    assertTrue(b.notes().get(0).startsWith("MPFR: skipped"), b.notes().toString());
    assertTrue(b.notes().get(0).contains("mpfr.h"), b.notes().toString());
  }

  @Test
  void mpmathWithoutGmpyIsNamedForWhatItIs(@TempDir Path tmp) throws IOException {
    Path root = checkout(tmp.resolve("repo"));
    Path python = script(tmp, "python", "echo 'mpmath backend=python digits=20 steps=4 seconds=0.004'");
    TrajectoryBenchmark b = new TrajectoryBenchmark(new TrajectoryBenchmark.Config(4, root, python.toString(), "/nonexistent/cc"));
    List<Benchmark.Row> rows = certified(b.run(List.of(20), Benchmark.Settings.QUICK));
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("mpmath (python)", rows.get(0).reference());
    assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("mpmath (gmpy): skipped") && n.contains("gmpy2")), b.notes().toString());
    assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("MPFR: skipped") && n.contains("/nonexistent/cc")), b.notes().toString());
  }

  @Test
  void withoutAnyReferenceTheRoundIsStillTimed(@TempDir Path tmp) throws IOException {
    Path root = checkout(tmp.resolve("repo"));
    Path python = script(tmp, "python", "echo \"ModuleNotFoundError: No module named 'mpmath'\" >&2; exit 1");
    TrajectoryBenchmark b = new TrajectoryBenchmark(new TrajectoryBenchmark.Config(2, root, python.toString(), "/nonexistent/cc"));
    List<Benchmark.Row> rows = certified(b.run(List.of(20, 30), Benchmark.Settings.QUICK));
    assertEquals(2, rows.size(), rows.toString());
    for (Benchmark.Row r : rows) {
      assertNull(r.reference());
      assertTrue(r.micros() > 0);
      assertTrue(Double.isNaN(r.ratio()));
    }
    assertEquals(3, b.notes().size(), b.notes().toString()); // each reference once, not once per precision
    assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("mpmath (gmpy): skipped") && n.contains("No module named 'mpmath'")),
        b.notes().toString());
  }

  @Test
  void noCheckoutMeansNoReferences() {
    TrajectoryBenchmark b = new TrajectoryBenchmark(new TrajectoryBenchmark.Config(2, null, "python3", "cc"));
    List<Benchmark.Row> rows = certified(b.run(List.of(20), Benchmark.Settings.QUICK));
    assertEquals(1, rows.size());
    assertNull(rows.get(0).reference());
    assertTrue(b.notes().get(0).contains("bench/"), b.notes().toString());
  }
}
