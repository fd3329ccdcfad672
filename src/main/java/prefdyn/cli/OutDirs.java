package prefdyn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;

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

  /**
   * {@link #requireWritable} and then a real probe, so that a path the permission bits allow but
   * the file system refuses (e.g. under /proc, a read-only mount) fails before any work is done:
   * the directory is created and a probe file written and deleted.
   *
   * @throws BadInput naming the flag, the path and the reason
   */
  static void probeWritable(Path dir, String flag) {
    requireWritable(dir, flag);
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".prefdyn-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | RuntimeException e) {
      throw new BadInput(flag + " " + dir + " cannot be written (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The folder of an output FILE must be writable (see {@link #probeWritable}). */
  static void probeWritableFile(Path file, String flag) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    probeWritable(parent == null ? Path.of(".") : parent, flag);
  }
}
