package io.rila.bootstrap.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Bulk little-endian transfer of coefficient blocks between {@code float[]} / {@code double[]}
 * and files, through one reusable buffer, with a running CRC-32C: the code shared by model files,
 * NPY exports and checkpoints.
 *
 * <p>Thread safety: not thread-safe (one buffer). Allocation: the 1 MiB buffer, once per
 * instance.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class BlockIo {

  /** Bytes moved per step: large enough for bulk copies, small next to a store. */
  private static final int CHUNK = 1 << 20;

  private final ByteBuffer buffer;
  private final CRC32C crc = new CRC32C();

  private BlockIo(ByteBuffer buffer) {
    this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * A transfer for the {@code write} methods: a heap buffer, handed to streams as an array.
   *
   * @return a new transfer
   */
  public static BlockIo forWriting() {
    return new BlockIo(ByteBuffer.allocate(CHUNK));
  }

  /**
   * A transfer for the {@code read} methods: a direct buffer, which channels fill without an
   * intermediate copy and which bulk-copies into arrays.
   *
   * @param fileSize the size of the file to read; smaller files get a smaller buffer
   * @return a new transfer
   */
  public static BlockIo forReading(long fileSize) {
    long bytes = Math.min(CHUNK, (Math.max(fileSize, 1) + Double.BYTES - 1) & -Double.BYTES);
    return new BlockIo(ByteBuffer.allocateDirect((int) bytes));
  }

  /**
   * The CRC-32C of every byte written or read so far.
   *
   * @return the checksum as an unsigned 32-bit value
   */
  public int crc() {
    return (int) crc.getValue();
  }

  /**
   * Writes bytes and adds them to the checksum.
   *
   * @param out the stream
   * @param bytes the bytes
   * @throws IOException if writing fails
   */
  public void writeBytes(OutputStream out, byte[] bytes) throws IOException {
    crc.update(bytes, 0, bytes.length);
    out.write(bytes);
  }

  /**
   * Writes {@code values[from .. from + length - 1]} as little-endian floats.
   *
   * @param out the stream
   * @param values the values
   * @param from the first index
   * @param length how many
   * @throws IOException if writing fails
   */
  public void writeFloats(OutputStream out, float[] values, int from, int length)
      throws IOException {
    int step = CHUNK / Float.BYTES;
    for (int done = 0; done < length; done += step) {
      int n = Math.min(step, length - done);
      buffer.clear();
      buffer.asFloatBuffer().put(values, from + done, n);
      flushBuffer(out, n * Float.BYTES);
    }
  }

  /**
   * Writes {@code values[from .. from + length - 1]} as little-endian doubles.
   *
   * @param out the stream
   * @param values the values
   * @param from the first index
   * @param length how many
   * @throws IOException if writing fails
   */
  public void writeDoubles(OutputStream out, double[] values, int from, int length)
      throws IOException {
    int step = CHUNK / Double.BYTES;
    for (int done = 0; done < length; done += step) {
      int n = Math.min(step, length - done);
      buffer.clear();
      buffer.asDoubleBuffer().put(values, from + done, n);
      flushBuffer(out, n * Double.BYTES);
    }
  }

  private void flushBuffer(OutputStream out, int bytes) throws IOException {
    byte[] array = buffer.array();
    crc.update(array, 0, bytes);
    out.write(array, 0, bytes);
  }

  /**
   * Reads exactly {@code dst.remaining()} bytes from {@code position} and adds them to the
   * checksum.
   *
   * @param channel the file
   * @param position where to start
   * @param dst receives the bytes; flipped for reading afterwards
   * @return the position after the bytes
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public long readBytes(FileChannel channel, long position, ByteBuffer dst) throws IOException {
    long next = readFully(channel, position, dst);
    dst.flip();
    crc.update(dst.duplicate());
    return next;
  }

  /**
   * Reads {@code length} little-endian floats from {@code position} into {@code
   * values[from ..]}.
   *
   * @param channel the file
   * @param position where to start
   * @param values receives the values
   * @param from the first index
   * @param length how many
   * @return the position after the values
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public long readFloats(FileChannel channel, long position, float[] values, int from, int length)
      throws IOException {
    int step = buffer.capacity() / Float.BYTES;
    long at = position;
    for (int done = 0; done < length; done += step) {
      int n = Math.min(step, length - done);
      at = fill(channel, at, n * Float.BYTES);
      buffer.asFloatBuffer().get(values, from + done, n);
    }
    return at;
  }

  /**
   * Reads {@code length} little-endian doubles from {@code position} into {@code
   * values[from ..]}.
   *
   * @param channel the file
   * @param position where to start
   * @param values receives the values
   * @param from the first index
   * @param length how many
   * @return the position after the values
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public long readDoubles(
      FileChannel channel, long position, double[] values, int from, int length)
      throws IOException {
    int step = buffer.capacity() / Double.BYTES;
    long at = position;
    for (int done = 0; done < length; done += step) {
      int n = Math.min(step, length - done);
      at = fill(channel, at, n * Double.BYTES);
      buffer.asDoubleBuffer().get(values, from + done, n);
    }
    return at;
  }

  /**
   * Reads {@code length} bytes from {@code position} into the checksum only, through the one
   * buffer: verifies a file before anything of the size its header claims is allocated.
   *
   * @param channel the file
   * @param position where to start
   * @param length how many bytes
   * @return the position after the bytes
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public long checksumOnly(FileChannel channel, long position, long length) throws IOException {
    long at = position;
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(buffer.capacity(), length - done);
      at = fill(channel, at, n);
      done += n;
    }
    return at;
  }

  private long fill(FileChannel channel, long position, int bytes) throws IOException {
    buffer.clear().limit(bytes);
    long next = readFully(channel, position, buffer);
    buffer.flip();
    crc.update(buffer.duplicate());
    return next;
  }

  /**
   * Reads exactly {@code dst.remaining()} bytes from {@code position}, outside the checksum.
   *
   * @param channel the file
   * @param position where to start
   * @param dst receives the bytes
   * @return the position after the bytes
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public static long readFully(FileChannel channel, long position, ByteBuffer dst)
      throws IOException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, at);
      if (n < 0) {
        throw new EOFException("end of file at byte " + at);
      }
      at += n;
    }
    return at;
  }
}
