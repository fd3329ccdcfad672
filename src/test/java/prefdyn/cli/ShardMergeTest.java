package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard i/n} and {@code prefdyn merge}: the merged shards are the unsharded run. */
class ShardMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs the command sharded n ways, writes the shard files, returns their paths. */
  private static List<Path> shards(Path dir, int n, String... args) throws IOException {
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      List<String> a = new ArrayList<>(List.of(args));
      a.add("--shard");
      a.add(i + "/" + n);
      a.add("--json");
      CliRunner r = CliRunner.run(a.toArray(String[]::new));
      assertEquals(0, r.exitCode(), "a shard exits 0 once written: " + r.err());
      Path f = dir.resolve("shard-" + i + ".json");
      Files.writeString(f, r.out(), StandardCharsets.UTF_8);
      out.add(f);
    }
    return out;
  }

  /** The JSON without its timing keys ("seconds"). */
  static JsonNode withoutTiming(String text) throws IOException {
    JsonNode j = JSON.readTree(text);
    if (j instanceof ArrayNode rows) {
      for (JsonNode row : rows) {
        ((ObjectNode) row).remove("seconds");
      }
    } else {
      ((ObjectNode) j).remove("seconds");
    }
    return j;
  }

  private static CliRunner merge(List<Path> files) {
    List<String> a = new ArrayList<>(List.of("merge"));
    files.forEach(p -> a.add(p.toString()));
    return CliRunner.run(a.toArray(String[]::new));
  }

  private static void assertMergedEqualsUnsharded(Path dir, int n, String... args) throws IOException {
    List<String> full = new ArrayList<>(List.of(args));
    full.add("--json");
    CliRunner whole = CliRunner.run(full.toArray(String[]::new));
    List<Path> files = shards(dir, n, args);
    java.util.Collections.reverse(files); // any order
    CliRunner merged = merge(files);
    assertEquals(whole.exitCode(), merged.exitCode(), merged.err());
    assertEquals(withoutTiming(whole.out()), withoutTiming(merged.out()));
  }

  @Test
  void checkShardsMergeIntoTheUnshardedRunWithTheEarliestViolationInTryOrder(@TempDir Path dir) throws IOException {
    // C1 is violated at an early try: the unsharded run stops there; shards run past it and the merge cuts
    assertMergedEqualsUnsharded(dir, 3, "check", "--tries", "12", "--seed", "7", "--theorem", "T1", "--theorem", "C1");
    JsonNode rows = JSON.readTree(merge(List.of(dir.resolve("shard-1.json"), dir.resolve("shard-2.json"),
        dir.resolve("shard-3.json"))).out());
    assertEquals("violated", rows.get(1).get("status").asText(), rows.toString());
    assertTrue(rows.get(1).get("tries").asInt() < 12, "counted as the unsharded run counts: " + rows);
  }

  @Test
  void checkShardsMergeForUndecidedAndThrowingStatements(@TempDir Path dir) throws IOException {
    prefdyn.search.ToyStatementsAccess.register();
    assertMergedEqualsUnsharded(dir, 4, "check", "--tries", "9", "--seed", "3", "--digits", "10", "--theorem",
        "TOY-HOLDS", "--theorem", "TOY-STRADDLE", "--theorem", "TOY-THROWS", "--theorem", "TOY-TINY");
  }

  @Test
  void oneShardIsTheWholeRun(@TempDir Path dir) throws IOException {
    prefdyn.search.ToyStatementsAccess.register();
    assertMergedEqualsUnsharded(dir, 1, "check", "--tries", "5", "--seed", "1", "--theorem", "TOY-HOLDS");
  }

  @Test
  void searchShardsMergeIntoTheUnshardedSearch(@TempDir Path dir) throws IOException {
    prefdyn.search.ToyStatementsAccess.register();
    // found (some unit finds the small box), and not found (the closest margin over all units)
    assertMergedEqualsUnsharded(dir, 3, "search", "--conjecture", "TOY-BOX", "--seed", "1", "--budget", "5000");
    assertMergedEqualsUnsharded(dir, 2, "search", "--conjecture", "TOY-STRADDLE-C", "--seed", "5", "--budget", "1200", "--digits", "10");
  }

  @Test
  void missingDuplicatedAndForeignShardsAreRejectedWithoutOutput(@TempDir Path dir) throws IOException {
    prefdyn.search.ToyStatementsAccess.register();
    List<Path> files = shards(dir, 3, "check", "--tries", "6", "--seed", "7", "--theorem", "TOY-HOLDS");
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    List<Path> otherSeed = shards(other, 3, "check", "--tries", "6", "--seed", "8", "--theorem", "TOY-HOLDS");
    Path otherN = dir.resolve("otherN");
    Files.createDirectories(otherN);
    List<Path> twoWay = shards(otherN, 2, "check", "--tries", "6", "--seed", "7", "--theorem", "TOY-HOLDS");
    assertBad(merge(List.of(files.get(0), files.get(2))), "missing shard 2/3");
    assertBad(merge(List.of(files.get(0), files.get(1), files.get(1), files.get(2))), "duplicated shard 2/3");
    assertBad(merge(List.of(files.get(0), otherSeed.get(1), files.get(2))), "seed");
    assertBad(merge(List.of(files.get(0), twoWay.get(1), files.get(2))), "other n");
    // an edited header no longer matches its fingerprint
    Path edited = dir.resolve("edited.json");
    Files.writeString(edited, Files.readString(files.get(1)).replace("\"seed\" : \"7\"", "\"seed\" : \"9\""));
    assertBad(merge(List.of(files.get(0), edited, files.get(2))), "fingerprint");
    Path notShard = dir.resolve("plain.json");
    Files.writeString(notShard, CliRunner.run("check", "--tries", "2", "--theorem", "TOY-HOLDS", "--json").out());
    assertBad(merge(List.of(notShard)), "not a shard file");
    assertBad(merge(List.of(dir.resolve("absent.json"))), "cannot read");
    assertEquals(0, merge(files).exitCode());
  }

  @Test
  void badShardSyntaxIsExitTwo() {
    for (String bad : List.of("0/3", "4/3", "x", "1/0", "1/", "-1/3")) {
      assertBad(CliRunner.run("check", "--theorem", "T1", "--tries", "1", "--shard", bad), "--shard");
      assertBad(CliRunner.run("search", "--conjecture", "C6", "--budget", "1", "--shard", bad), "--shard");
    }
  }

  /** Runs an experiment sharded n ways into dir/shard-i folders; returns the folders. */
  private static List<Path> experimentShards(Path dir, String prefix, int n, String... args) {
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      List<String> a = new ArrayList<>(List.of(args));
      Path f = dir.resolve(prefix + i);
      a.addAll(List.of("--shard", i + "/" + n, "--out", f.toString()));
      CliRunner r = CliRunner.run(a.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.err());
      out.add(f);
    }
    return out;
  }

  private static CliRunner mergeExperiment(Path out, List<Path> folders) {
    List<String> a = new ArrayList<>(List.of("merge", "--out", out.toString()));
    folders.forEach(p -> a.add(p.toString()));
    return CliRunner.run(a.toArray(String[]::new));
  }

  private static void assertSameFolder(Path expected, Path actual) throws IOException {
    List<String> names;
    try (var s = Files.list(expected)) {
      names = s.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    }
    List<String> got;
    try (var s = Files.list(actual)) {
      got = s.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    }
    assertEquals(names, got);
    for (String f : names) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f))),
          f + " differs");
    }
  }

  @Test
  void experimentShardsMergeIntoTheUnshardedFolderByteForByte(@TempDir Path dir) throws IOException {
    String[] pop = {"experiment", "--synthetic", "7", "--alpha", "1/2,1", "--beta", "1,5", "--steps", "120", "--recheck",
      "0.1", "--seed", "3", "--quiet"};
    List<String> full = new ArrayList<>(List.of(pop));
    full.addAll(List.of("--out", dir.resolve("full").toString()));
    assertEquals(0, CliRunner.run(full.toArray(String[]::new)).exitCode());
    CliRunner m = mergeExperiment(dir.resolve("merged"), experimentShards(dir, "pop-", 3, pop));
    assertEquals(0, m.exitCode(), m.err());
    assertSameFolder(dir.resolve("full"), dir.resolve("merged"));

    String[] rep = {"experiment", "--synthetic", "5", "--alpha", "1/2", "--beta", "2,8", "--steps", "30", "--samples", "20",
      "--replicates", "3", "--seed", "8", "--quiet"};
    List<String> fullRep = new ArrayList<>(List.of(rep));
    fullRep.addAll(List.of("--out", dir.resolve("full-rep").toString()));
    assertEquals(0, CliRunner.run(fullRep.toArray(String[]::new)).exitCode());
    CliRunner mr = mergeExperiment(dir.resolve("merged-rep"), experimentShards(dir, "rep-", 3, rep));
    assertEquals(0, mr.exitCode(), mr.err());
    assertSameFolder(dir.resolve("full-rep"), dir.resolve("merged-rep"));
  }

  @Test
  void missingDuplicatedAndForeignExperimentShardsAreRejectedWithoutOutput(@TempDir Path dir) throws IOException {
    String[] args = {"experiment", "--synthetic", "4", "--beta", "1,2", "--steps", "20", "--seed", "3", "--quiet"};
    List<Path> s = experimentShards(dir, "s-", 3, args);
    Path out = dir.resolve("merged");
    assertBad(mergeExperiment(out, List.of(s.get(0), s.get(2))), "missing shard 2/3");
    assertBad(mergeExperiment(out, List.of(s.get(0), s.get(1), s.get(1), s.get(2))), "duplicated shard 2/3");
    String[] other = args.clone();
    other[other.length - 2] = "4"; // another seed
    List<Path> o = experimentShards(dir, "o-", 3, other);
    assertBad(mergeExperiment(out, List.of(s.get(0), o.get(1), s.get(2))), "foreign shard");
    String[] steps = args.clone();
    steps[6] = "21"; // other flags
    List<Path> t = experimentShards(dir, "t-", 3, steps);
    assertBad(mergeExperiment(out, List.of(s.get(0), s.get(1), t.get(2))), "steps");
    assertBad(mergeExperiment(out, List.of(dir.resolve("nowhere"))), "cannot read shard file");
    CliRunner noOut = CliRunner.run("merge", s.get(0).toString(), s.get(1).toString(), s.get(2).toString());
    assertBad(noOut, "needs --out");
    assertFalse(Files.exists(out));
  }

  private static void assertBad(CliRunner r, String needle) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals("", r.out(), "nothing on stdout");
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(needle), needle + " in: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
