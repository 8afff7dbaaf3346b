package io.rila.bootstrap;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A checkpoint stream that lets {@code limit} bytes through, flushes them to the file, and then
 * hands over to {@code atLimit}, which stands for the crash: it throws (a failing disk) or blocks
 * until the process is killed (a SIGKILL mid-write).
 */
final class CutOffStream extends FilterOutputStream {

  /** What happens once the limit is reached; it must not return normally. */
  @FunctionalInterface
  interface AtLimit {
    void cut() throws IOException;
  }

  private final AtLimit atLimit;
  private long left;

  CutOffStream(OutputStream out, long limit, AtLimit atLimit) {
    super(out);
    this.left = limit;
    this.atLimit = atLimit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > left) {
      out.write(b, off, (int) left);
      out.flush();
      left = 0;
      atLimit.cut();
      throw new IllegalStateException("the cut-off action returned");
    }
    left -= len;
    out.write(b, off, len);
  }
}
