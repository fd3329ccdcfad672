package prefdyn.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.cli.CliRunner;

/** {@code prefdyn figure1}: writes a PNG (population and finite-sample); bad flags exit 2 with one line. */
class FigureCommandTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  static void assertPng(Path f) throws Exception {
    assertTrue(Files.size(f) > 10_000, "PNG too small: " + Files.size(f));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(f), 4));
  }

  @Test
  void writesThePopulationFigureWithRhoOfEachPanel() throws Exception {
    Path png = dir.resolve("fig.png");
    CliRunner r = CliRunner.run("figure1", "--out", png.toString(), "--steps", "20");
    assertEquals(0, r.exitCode(), r.err());
    assertPng(png);
    assertTrue(r.out().contains("rho^2=7/12 rho=0.7638"), r.out());
    assertTrue(r.out().contains("rho^2=343/300 rho=1.069"), r.out());
    assertTrue(r.out().contains("rho^2=19/12 rho=1.258"), r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void writesTheFiniteSampleFigureReproducibly() throws Exception {
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    String[] flags = {"--steps", "6", "--samples", "60", "--seed", "3", "--replicates", "2"};
    CliRunner ra = CliRunner.run(concat(new String[] {"figure1", "--out", a.toString()}, flags));
    CliRunner rb = CliRunner.run(concat(new String[] {"figure1", "--out", b.toString()}, flags));
    assertEquals(0, ra.exitCode(), ra.err());
    assertEquals(0, rb.exitCode(), rb.err());
    assertPng(a);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, different picture");
  }

  static String[] concat(String[] x, String[] y) {
    return java.util.stream.Stream.concat(Arrays.stream(x), Arrays.stream(y)).toArray(String[]::new);
  }

  @Test
  void badFlagsExitTwoWithOneLine() {
    String png = dir.resolve("x.png").toString();
    String[][] bad = {
      {"figure1"},
      {"figure1", "--out", dir.resolve("x.svg").toString()},
      {"figure1", "--out", dir.resolve("x.txt").toString()},
      {"figure1", "--out", png, "--samples", "0"},
      {"figure1", "--out", png, "--samples", "-3"},
      {"figure1", "--out", png, "--samples", "ten"},
      {"figure1", "--out", png, "--samples", "2.5"},
      {"figure1", "--out", png, "--seed", "4"},
      {"figure1", "--out", png, "--replicates", "4"},
      {"figure1", "--out", png, "--samples", "10", "--replicates", "0"},
      {"figure1", "--out", png, "--steps", "0"},
      {"figure1", "--out", png, "--stpes", "10"},
    };
    for (String[] args : bad) {
      CliRunner r = CliRunner.run(args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + " -> " + r.err());
      assertEquals(1, r.err().strip().lines().count(), "not one line: " + r.err());
      assertTrue(r.out().isEmpty(), r.out());
    }
    assertFalse(Files.exists(Path.of(png)));
  }
}
