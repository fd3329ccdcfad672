package prefdyn.search;

/** Lets tests in other packages register the toy statements. */
public final class ToyStatementsAccess {
  private ToyStatementsAccess() {}

  public static void register() {
    ToyStatements.register();
  }
}
