package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The theorem/conjecture catalogue: every statement of theory.md under its ID, plus any a user
 * registers. {@code prefdyn check} runs the non-conjecture entries, {@code prefdyn search} the
 * conjectures, and each property class in {@code properties/} checks one entry.
 */
public final class Catalogue {
  private static final Map<String, Statement> ENTRIES = new LinkedHashMap<>();

  static {
    for (Statement s : builtIn()) {
      ENTRIES.put(s.id(), s);
    }
  }

  private Catalogue() {}

  /** The built-in statements, in theory.md order. */
  private static List<Statement> builtIn() {
    List<Statement> all = new ArrayList<>();
    all.addAll(OneShotStatements.all());
    all.addAll(T3Statements.all());
    all.addAll(DynamicsStatements.all());
    return all;
  }

  /** Registers a user's statement (e.g. a conjecture to search). @throws IllegalArgumentException on a duplicate ID */
  public static synchronized void register(Statement statement) {
    if (ENTRIES.containsKey(statement.id())) {
      throw new IllegalArgumentException("a statement with ID " + statement.id() + " is already registered");
    }
    ENTRIES.put(statement.id(), statement);
  }

  public static synchronized List<Statement> all() {
    return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
  }

  public static synchronized Optional<Statement> byId(String id) {
    return Optional.ofNullable(ENTRIES.get(id));
  }

  /** The statement with this ID. @throws prefdyn.num.BadInput listing the known IDs */
  public static Statement require(String id) {
    return byId(id).orElseThrow(() -> new prefdyn.num.BadInput(
        "unknown statement ID '" + id + "'; known: " + String.join(", ", ENTRIES.keySet())));
  }
}
