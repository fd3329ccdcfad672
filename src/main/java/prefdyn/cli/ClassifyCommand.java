package prefdyn.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * {@code prefdyn classify --pref F [--json]}: the majority structure of a preference matrix
 * (theory.md section 3). JSON keys as in cli.md, plus {@code bradleyTerryScores} (centered fitted
 * scores at --digits when BT, else null) and {@code threeCycles} (the number of directed majority
 * 3-cycles).
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Majority structure of a preference matrix: Condorcet winner, Smith set, majority order, SST, Bradley-Terry, 3-cycles.")
public final class ClassifyCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Option(names = "--pref", required = true, paramLabel = "FILE",
      description = "Preference matrix: a text matrix, or a PrefLib file (.soc .soi .toc .toi).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String pref;

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Override
  public Integer call() {
    Precision precision = common.precision();
    PreferenceMatrix p = Inputs.pref(pref);
    Map<String, @Nullable Object> r = classify(p, precision);
    java.io.PrintWriter out = spec.commandLine().getOut();
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
    rows.add(List.of("cyclic", r.get("cyclic") + " (" + r.get("threeCycles") + " directed 3-cycles)"));
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

  /** The classification as the JSON object of cli.md (plus the extensions documented above). */
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
      scores = new ArrayList<>();
      for (Apfloat s : Structure.bradleyTerryScores(p, precision).orElseThrow()) {
        scores.add(precision.format(s));
      }
    }
    r.put("bradleyTerryScores", scores);
    r.put("threeCycles", cycles);
    return r;
  }

  private static List<Integer> toList(int[] xs) {
    return Arrays.stream(xs).boxed().toList();
  }
}
