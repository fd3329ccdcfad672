package prefdyn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.BadInput;

/** Validates an output directory flag before any work is done (nothing is written on bad input). */
final class OutDirs {
  private OutDirs() {}

  /**
   * Requires that {@code dir} is a writable directory or can be created as one: it is not an
   * existing file, and its nearest existing ancestor is a writable directory.
   *
   * @throws BadInput naming the flag and the path
   */
  static void requireWritable(Path dir, String flag) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new BadInput(flag + " " + dir + " exists and is not a directory");
      }
      if (!Files.isWritable(abs)) {
        throw new BadInput(flag + " " + dir + " is not writable");
      }
      return;
    }
    @Nullable Path p = abs.getParent();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw new BadInput(flag + " " + dir + " cannot be created (no existing parent)");
    }
    if (!Files.isDirectory(p)) {
      throw new BadInput(flag + " " + dir + " cannot be created: " + p + " is not a directory");
    }
    if (!Files.isWritable(p)) {
      throw new BadInput(flag + " " + dir + " cannot be created: " + p + " is not writable");
    }
  }
}
