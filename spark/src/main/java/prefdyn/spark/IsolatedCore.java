package prefdyn.spark;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The core CLI ({@code prefdyn.cli.Main.run}) in a class loader of its own, one per executor
 * thread. Why: Spark runs several tasks as threads of one JVM (every local[N] run, and each
 * multi-core executor), while the core draws its instances in a jqwik session, and jqwik keeps
 * its sessions in JVM-wide stores that admit one session at a time ("You cannot create
 * Store(...Memoize, PROPERTY, [jqwik:session])" when two overlap). A child-first loader over the
 * core's and jqwik's classes gives each task thread its own copy of that state; everything else
 * (java.*, Spark, picocli, apfloat, ...) is shared through the parent. The loader is made once per
 * thread and reused by the thread's later tasks.
 */
final class IsolatedCore {
  private static final ThreadLocal<@Nullable IsolatedCore> PER_THREAD = new ThreadLocal<>();

  /** Classes whose jars (or class folders) the isolated loader serves itself. */
  private static final String[] ANCHORS = {
    "prefdyn.cli.Main", "net.jqwik.api.Arbitrary", "net.jqwik.engine.JqwikTestEngine"
  };

  private final ClassLoader loader;
  private final Method run;

  private IsolatedCore(ClassLoader parent) {
    Set<URL> urls = new LinkedHashSet<>();
    for (String anchor : ANCHORS) {
      try {
        CodeSource cs = Class.forName(anchor, false, parent).getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
          urls.add(cs.getLocation());
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("the core is not on the classpath: " + anchor, e);
      }
    }
    this.loader = new ChildFirst(urls.toArray(new URL[0]), parent);
    try {
      Class<?> main = Class.forName("prefdyn.cli.Main", true, loader);
      this.run = main.getMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the core's Main in its own class loader", e);
    }
  }

  /** This thread's core. */
  static IsolatedCore forThisThread() {
    IsolatedCore c = PER_THREAD.get();
    if (c == null) {
      ClassLoader parent = Thread.currentThread().getContextClassLoader();
      if (parent == null) {
        parent = IsolatedCore.class.getClassLoader();
      }
      c = new IsolatedCore(parent);
      PER_THREAD.set(c);
    }
    return c;
  }

  /** {@code prefdyn.cli.Main.run(args, out, err)} in this core; returns the exit code. */
  int run(String[] args, PrintWriter out, PrintWriter err) {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      Object code = run.invoke(null, args, out, err);
      return code instanceof Integer i ? i : 3;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error er) {
        throw er;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } finally {
      t.setContextClassLoader(before);
    }
  }

  /** Loads its own URLs' classes first (java.* and Spark's always from the parent). */
  private static final class ChildFirst extends URLClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    ChildFirst(URL[] urls, ClassLoader parent) {
      super("prefdyn-core", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
          || name.startsWith("org.apache.spark.") || name.startsWith("scala.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notMine) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public @Nullable URL getResource(String name) {
      URL mine = findResource(name);
      return mine != null ? mine : super.getResource(name);
    }
  }
}
