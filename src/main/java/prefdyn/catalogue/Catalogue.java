package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import prefdyn.num.InvalidParameter;

/**
 * The theorem/conjecture catalogue: every statement of docs/theory.md under its ID, plus any a user
 * adds: the built-in entries (one file per statement, each made with {@link Statement#named}), then
 * the statements of every {@link StatementProvider} on the classpath ({@link ServiceLoader}), then
 * any registered at run time. {@code prefdyn check} runs the non-conjecture entries,
 * {@code prefdyn search} the conjectures, and the property suite checks every entry and its wrong
 * variants.
 */
public final class Catalogue {
  private static final Map<String, Statement> ENTRIES = new LinkedHashMap<>();
  private static final Set<String> BUILT_IN = new HashSet<>();

  static {
    List<Statement> sorted = new ArrayList<>(builtIn());
    sorted.sort(Comparator.comparing(Statement::id, Catalogue::compareIds));
    for (Statement s : sorted) {
      ENTRIES.put(s.id(), s);
      BUILT_IN.add(s.id());
    }
    for (StatementProvider provider : ServiceLoader.load(StatementProvider.class)) {
      for (Statement s : provider.statements()) {
        if (ENTRIES.containsKey(s.id())) {
          throw new IllegalStateException("statement ID " + s.id() + " of " + provider.getClass().getName()
              + " is already taken");
        }
        ENTRIES.put(s.id(), s);
      }
    }
  }

  /**
   * Catalogue order: lemmas (L), theorems (T), empirical statements (E), conjectures (C), then
   * anything else; within a letter by number (T3 before T3-lemma before T4 before T10).
   */
  static int compareIds(String a, String b) {
    int c = Integer.compare(letterRank(a), letterRank(b));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(number(a), number(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int letterRank(String id) {
    int i = "LTEC".indexOf(id.isEmpty() ? '?' : id.charAt(0));
    return i < 0 ? 4 : i;
  }

  private static int number(String id) {
    int n = 0;
    int i = 1;
    while (i < id.length() && Character.isDigit(id.charAt(i)) && n < 100_000) {
      n = n * 10 + (id.charAt(i) - '0');
      i++;
    }
    return n;
  }

  private Catalogue() {}

  /** The built-in statements (sorted into catalogue order by the static initializer). */
  private static List<Statement> builtIn() {
    return List.of(
        L1.STATEMENT, L2.STATEMENT, L3.STATEMENT, L4.STATEMENT,
        T1.STATEMENT, T2.STATEMENT, T3.STATEMENT, T3Lemma.STATEMENT, T4.STATEMENT, T4b.STATEMENT, T5.STATEMENT,
        T6.STATEMENT, T7.STATEMENT, T8.STATEMENT, T9.STATEMENT, T10.STATEMENT,
        C1.STATEMENT, C2.STATEMENT, C3.STATEMENT, C4.STATEMENT, C5.STATEMENT, C6.STATEMENT, C7.STATEMENT,
        DpoCycle.STATEMENT, DpoCollapse.STATEMENT, DpoJac.STATEMENT, DpoConc.STATEMENT, DpoConcGlobal.STATEMENT);
  }

  /** Registers a user's statement (e.g. a conjecture to search). @throws IllegalArgumentException on a duplicate ID */
  public static synchronized void register(Statement statement) {
    if (ENTRIES.containsKey(statement.id())) {
      throw new IllegalArgumentException("a statement with ID " + statement.id() + " is already registered");
    }
    ENTRIES.put(statement.id(), statement);
  }

  /** The statements of docs/theory.md (and the project's own), without any a user registered. */
  public static synchronized List<Statement> builtInStatements() {
    return ENTRIES.values().stream().filter(s -> BUILT_IN.contains(s.id())).toList();
  }

  public static synchronized List<Statement> all() {
    return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
  }

  public static synchronized Optional<Statement> byId(String id) {
    return Optional.ofNullable(ENTRIES.get(id));
  }

  /** The statement with this ID. @throws InvalidParameter (field {@code statement}) listing the known IDs */
  public static Statement require(String id) {
    return byId(id).orElseThrow(() -> new InvalidParameter("statement",
        "unknown statement ID '" + id + "'; known: " + String.join(", ", ENTRIES.keySet())));
  }
}
