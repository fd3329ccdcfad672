package prefdyn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import prefdyn.cli.ClassifyCommandTest;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/** The PrefLib tally: ties, incomplete orders, vote counts. */
class PrefLibTest {
  @Test
  void tiesCountHalfAndUnrankedAreNotCompared() {
    // 2: {1,2},3   1: 3,1   3: 4,{1,2,3}
    Path f = ClassifyCommandTest.resourceOf("snippets/ties.toi");
    PrefLib.Tally t = PrefLib.tally(TextFormat.read(f), f.toString());
    assertEquals(BigInteger.valueOf(6), t.voters());
    assertEquals("a", t.names()[0]);
    PreferenceMatrix p = PrefLib.read(f);
    // pair (1,2): tied by 2 + 3 voters, nobody above -> 1/2
    assertEquals(Rationals.HALF, p.exact(0, 1));
    // pair (1,3): 2 voters 1 above 3, 1 voter 3 above 1, 3 voters tie -> (2 + 3/2)/6 = 7/12
    assertEquals(Rationals.of(7, 12), p.exact(0, 2));
    // pair (1,4): only the last 3 voters rank 4 (above 1) -> 0
    assertEquals(Rationals.ZERO, p.exact(0, 3));
    assertEquals(Rationals.ONE, p.exact(3, 0));
    // pair (2,3): 2 above, 3 ties, the "3,1" voter does not rank 2 -> (2 + 3/2)/5 = 7/10
    assertEquals(Rationals.of(7, 10), p.exact(1, 2));
    assertEquals(Rationals.of(3, 10), p.exact(2, 1));
  }

  @Test
  void strictCompleteFileTalliesPairs() {
    PreferenceMatrix p = PrefLib.parse("# NUMBER ALTERNATIVES: 3\n2: 1,2,3\n1: 3,2,1\n", "x.soc");
    assertEquals(Rationals.of(2, 3), p.exact(0, 1));
    assertEquals(Rationals.of(2, 3), p.exact(1, 2));
    assertEquals(Rationals.of(2, 3), p.exact(0, 2));
    assertEquals(Rationals.HALF, p.exact(1, 1));
  }

  @Test
  void extensionDecidesTheRules() {
    String text = "# NUMBER ALTERNATIVES: 3\n1: {1,2}\n1: 3,1,2\n";
    // .toi allows ties and incomplete orders
    assertEquals(Rationals.of(3, 4), PrefLib.parse(text, "x.toi").exact(0, 1));
    assertThrows(ParseError.class, () -> PrefLib.parse(text, "x.toc")); // incomplete
    assertThrows(ParseError.class, () -> PrefLib.parse(text, "x.soi")); // tie
    assertTrue(PrefLib.isPrefLib(Path.of("A.SOC")));
    assertTrue(!PrefLib.isPrefLib(Path.of("a.txt")));
  }
}
