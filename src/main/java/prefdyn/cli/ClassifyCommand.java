package prefdyn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * {@code prefdyn classify --pref F [--json]}: the majority structure of a preference matrix
 * (docs/theory.md section 3). JSON keys as in docs/cli.md, plus {@code bradleyTerryScores} (centered fitted
 * scores at --digits when BT, else null) and {@code threeCycles} (the number of directed majority
 * 3-cycles). With {@code --sampler S} it also reports how the IPO optimum with uniform π_ref
 * ranks the responses for that sampler (docs/theory.md section 3: by the exact scores {@code (Pμ)_i}):
 * {@code "scores"} (exact), {@code "condorcetTop"} (null without a Condorcet winner),
 * {@code "smithTop"}, {@code "orderPreserving"} (null when P is not transitive).
 */
@Command(name = "classify",
    header = "Majority structure: Condorcet winner, Smith set, majority order, SST, Bradley-Terry, 3-cycles.", mixinStandardHelpOptions = true,
    description = "Majority structure of a preference matrix: Condorcet winner, Smith set, majority order, SST, Bradley-Terry, 3-cycles.")
public final class ClassifyCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin SharedOptions.Pref pref = new SharedOptions.Pref();

  @Mixin SharedOptions.Sampler sampler = new SharedOptions.Sampler();

  @Override
  public Integer call() {
    Precision precision = common.precision();
    PreferenceMatrix p = pref.matrix();
    Distribution mu = sampler.ifGiven(p.k());
    Map<String, @Nullable Object> r = classify(p, precision);
    if (mu != null) {
      r.putAll(ranking(p, mu));
    }
    PrintWriter out = common.out();
    if (common.json()) {
      Output.printJson(out, r);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("K", String.valueOf(p.k())));
    Object cw = r.get("condorcetWinner");
    rows.add(List.of("Condorcet winner", cw == null ? "none" : String.valueOf(cw)));
    rows.add(List.of("Smith set", String.valueOf(r.get("smithSet"))));
    rows.add(List.of("transitive", String.valueOf(r.get("transitive"))));
    Object order = r.get("order");
    rows.add(List.of("majority order", order == null ? "-" : String.valueOf(order).replace(", ", " > ")));
    rows.add(List.of("SST", String.valueOf(r.get("sst"))));
    rows.add(List.of("Bradley-Terry", String.valueOf(r.get("bradleyTerry"))));
    Object scores = r.get("bradleyTerryScores");
    if (scores != null) {
      rows.add(List.of("BT scores", String.valueOf(scores)));
    }
    Object n = r.get("threeCycles");
    rows.add(List.of("cyclic", r.get("cyclic") + " (" + n + " directed 3-cycle" + (Integer.valueOf(1).equals(n) ? "" : "s") + ")"));
    if (mu != null) {
      rows.add(List.of("scores Pμ", String.valueOf(r.get("scores"))));
      rows.add(List.of("Condorcet-top", String.valueOf(r.get("condorcetTop"))));
      rows.add(List.of("Smith-top", String.valueOf(r.get("smithTop"))));
      rows.add(List.of("order-preserving", String.valueOf(r.get("orderPreserving"))));
    }
    out.print(Output.table(List.of("property", "value"), rows));
    if (p.k() <= 10) {
      out.println();
      List<String> header = new ArrayList<>();
      header.add("P");
      List<List<String>> m = new ArrayList<>();
      for (int i = 0; i < p.k(); i++) {
        header.add(String.valueOf(i));
        List<String> row = new ArrayList<>();
        row.add(String.valueOf(i));
        for (int j = 0; j < p.k(); j++) {
          row.add(p.isExact() ? Rationals.format(p.exact(i, j)) : precision.format(p.entry(i, j)));
        }
        m.add(row);
      }
      out.print(Output.table(header, m));
    }
    out.flush();
    return 0;
  }

  /** The classification as the JSON object of docs/cli.md (plus the extensions documented above). */
  public static Map<String, @Nullable Object> classify(PreferenceMatrix p, Precision precision) {
    Map<String, @Nullable Object> r = new LinkedHashMap<>();
    r.put("k", p.k());
    OptionalInt cw = Structure.condorcetWinner(p);
    r.put("condorcetWinner", cw.isPresent() ? cw.getAsInt() : null);
    r.put("smithSet", toList(Structure.smithSet(p)));
    Optional<int[]> order = Structure.majorityOrder(p);
    r.put("transitive", order.isPresent());
    r.put("order", order.isPresent() ? toList(order.get()) : null);
    Sst sst = Structure.sst(p);
    r.put("sst", sst.label());
    boolean bt = Structure.isBradleyTerry(p, precision);
    r.put("bradleyTerry", bt);
    int cycles = Structure.threeCycles(p).size();
    r.put("cyclic", cycles > 0);
    @Nullable List<String> scores = null;
    if (bt) {
      scores = precision.formatAbsolute(Structure.bradleyTerryScores(p, precision).orElseThrow(), new Apfloat(1));
    }
    r.put("bradleyTerryScores", scores);
    r.put("threeCycles", cycles);
    return r;
  }

  /**
   * How π* (uniform π_ref) ranks the responses for sampler μ, decided exactly on the scores
   * {@code (Pμ)_i}: Condorcet-top, Smith-top, order preservation (docs/theory.md section 3).
   */
  public static Map<String, @Nullable Object> ranking(PreferenceMatrix p, Distribution mu) {
    Aprational[] s = p.times(mu);
    Map<String, @Nullable Object> r = new LinkedHashMap<>();
    r.put("scores", Arrays.stream(s).map(Rationals::format).toList());
    OptionalInt cw = Structure.condorcetWinner(p);
    r.put("condorcetTop", cw.isPresent() ? above(s, new int[] {cw.getAsInt()}) : null);
    r.put("smithTop", above(s, Structure.smithSet(p)));
    Boolean preserving = null;
    Optional<int[]> order = Structure.majorityOrder(p);
    if (order.isPresent()) {
      preserving = true;
      int[] o = order.get();
      for (int a = 0; a + 1 < o.length; a++) {
        preserving &= s[o[a]].compareTo(s[o[a + 1]]) > 0;
      }
    }
    r.put("orderPreserving", preserving);
    return r;
  }

  /** Every member of {@code set} scores strictly above every non-member. */
  private static boolean above(Aprational[] s, int[] set) {
    boolean[] in = Structure.membership(s.length, set);
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (in[i] && !in[j] && s[i].compareTo(s[j]) <= 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Integer> toList(int[] xs) {
    return Arrays.stream(xs).boxed().toList();
  }
}
