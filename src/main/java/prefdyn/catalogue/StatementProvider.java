package prefdyn.catalogue;

import java.util.List;

/**
 * Where {@code prefdyn check} and {@code prefdyn search} find statements beyond the built-in
 * catalogue: a {@link java.util.ServiceLoader} service. Put a class implementing it on the
 * classpath and name it in {@code META-INF/services/prefdyn.catalogue.StatementProvider}; its
 * statements join the catalogue under their IDs (an ID that is already taken is an error). See
 * docs/adding-a-statement.md.
 */
public interface StatementProvider {
  /** The statements to add (built with {@link Statement#named}). */
  List<Statement> statements();
}
