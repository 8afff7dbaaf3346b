package io.rila.core.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers, and the next run after a crash, see either the old file or the
 * whole new one, never a part.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/model.rila"), out -> out.write(bytes));
 * }</pre>
 *
 * <p>{@link #write(Path, Content)} writes to a temporary file in the target's folder (named
 * {@code .<target name>.<random>.tmp}), forces it to disk, renames it over the target (atomically
 * where the file system can, else by a plain replacing move), then forces the folder so that the
 * rename itself survives a power cut (where the platform can open a folder; Windows cannot, and
 * there the step is skipped). A file that replaces an existing one keeps that file's POSIX
 * permissions (where the file system has them); a new file gets the permissions any new file of
 * this process gets. If anything fails before the rename, the temporary file is deleted
 * and the target is left as it was. A process killed mid-write leaves its temporary file behind;
 * {@link #deleteTemporaryFiles(Path, String)} removes such leftovers.
 *
 * <p>Thread safety: stateless. Concurrent writes to one target each succeed and the last rename
 * wins. Allocation: a 64 KiB buffer per write.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class AtomicFiles {

  private static final int BUFFER = 1 << 16;
  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** The bytes of a file, written to a stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content to {@code out}, flushing any buffers it adds on top of it; {@code
     * out} must not be closed.
     *
     * @param out a buffered stream into the temporary file
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code target} atomically, replacing any existing file.
   *
   * @param target the file to write; its folder must exist
   * @param content writes the bytes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code target} is a file system root
   * @throws IOException if the temporary file cannot be created, written, forced or renamed
   *     (the target is then unchanged), or whatever {@code content} throws
   */
  public static void write(Path target, Content content) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || absolute.getFileName() == null) {
      throw new IllegalArgumentException(
          "target: " + target + " (expected: a file path, not a file system root)");
    }
    Path temp = null;
    FileChannel created = null;
    for (int attempt = 0; created == null; attempt++) {
      // a plain new file (not Files.createTempFile, whose owner-only permissions would stick to
      // the target): the target gets the permissions any new file of this process gets
      temp = folder.resolve("." + absolute.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
      try {
        created = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
    try {
      keepPermissions(absolute, temp);
      try (FileChannel channel = created) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (Throwable failure) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    forceFolder(folder);
  }

  /**
   * Gives {@code temp} the POSIX permissions of the existing {@code target} (before any content is
   * written, so a private file's new content is never readable by others), where the file system
   * has POSIX permissions and the target exists.
   */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.readAttributes(target, PosixFileAttributes.class).permissions();
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      return;
    }
    Files.setPosixFilePermissions(temp, permissions);
  }

  /**
   * Deletes the temporary files that interrupted {@link #write(Path, Content) writes} left in
   * {@code folder} for targets whose names start with {@code targetPrefix}.
   *
   * @param folder the folder
   * @param targetPrefix the start of the target names, such as {@code "members-"}
   * @return the number of files deleted
   * @throws NullPointerException if an argument is null
   * @throws IOException if the folder cannot be listed or a file cannot be deleted
   */
  public static int deleteTemporaryFiles(Path folder, String targetPrefix) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(targetPrefix, "targetPrefix");
    int deleted = 0;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, "." + globEscape(targetPrefix) + "*" + TEMP_SUFFIX)) {
      for (Path file : files) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static String globEscape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\*?[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Forces the folder's entries (the rename) to disk. Opening a folder for reading is not
   * supported everywhere (Windows refuses); the rename is then as durable as the platform makes
   * it.
   */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
  }
}
