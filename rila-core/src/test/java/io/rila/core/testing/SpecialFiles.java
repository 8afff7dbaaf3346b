package io.rila.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Files that are not regular files, for the readers' bad-input tests. */
public final class SpecialFiles {

  private SpecialFiles() {}

  /**
   * Makes a named pipe with the {@code mkfifo} command, where the platform has it.
   *
   * @param path the pipe to make
   * @return whether the pipe was made (false where there is no {@code mkfifo})
   * @throws InterruptedException if interrupted while waiting for the command
   */
  public static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
