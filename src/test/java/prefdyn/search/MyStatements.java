package prefdyn.search;

import java.util.List;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.StatementProvider;

/**
 * Step 3 of a user's conjecture (docs/adding-a-statement.md): a {@link StatementProvider} named in
 * {@code META-INF/services/prefdyn.catalogue.StatementProvider} (here under src/test/resources), so
 * that {@code prefdyn check} and {@code prefdyn search} find the statement on the classpath.
 */
public final class MyStatements implements StatementProvider {
  @Override
  public List<Statement> statements() {
    return List.of(UserConjectureExampleTest.MAJORITY);
  }
}
