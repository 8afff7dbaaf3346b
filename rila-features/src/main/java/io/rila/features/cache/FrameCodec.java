package io.rila.features.cache;

import io.rila.core.frame.Frame;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary form of a cached frame and the canonical bytes that feed cache keys.
 *
 * <p>Entry layout (big-endian): magic {@code RILAFRAM}, int version, 32-byte key, int rows, int
 * columns, byte hasIndex, the index as {@code long} epoch days, per column an int byte length and
 * the UTF-8 name, then the columns one after the other as raw {@code double} bits, and last the
 * CRC-32C of everything before it as an int (a corruption check: the key already is a SHA-256).
 */
final class FrameCodec {

  static final int VERSION = 1;
  private static final byte[] MAGIC = "RILAFRAM".getBytes(StandardCharsets.US_ASCII);
  private static final int CHECKSUM_BYTES = Integer.BYTES;

  private FrameCodec() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Feeds {@code frame}'s content to {@code digest}: shape, index, names and values. Equal frames
   * ({@link Frame#equals}) give equal bytes; {@code NaN}s are canonicalised.
   */
  static void digest(MessageDigest digest, Frame frame) {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    int rows = frame.rows();
    buffer.putInt(rows).putInt(frame.columnCount()).put((byte) (frame.hasIndex() ? 1 : 0));
    if (frame.hasIndex()) {
      for (LocalDate d : frame.dates()) {
        room(digest, buffer, Long.BYTES);
        buffer.putLong(d.toEpochDay());
      }
    }
    for (String name : frame.columnNames()) {
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      room(digest, buffer, Integer.BYTES);
      buffer.putInt(bytes.length);
      flush(digest, buffer);
      digest.update(bytes);
    }
    double[] column = new double[rows];
    for (int j = 0; j < frame.columnCount(); j++) {
      frame.copyColumnInto(j, column);
      for (int i = 0; i < rows; i++) {
        room(digest, buffer, Long.BYTES);
        buffer.putLong(Double.doubleToLongBits(column[i]));
      }
    }
    flush(digest, buffer);
  }

  private static void room(MessageDigest digest, ByteBuffer buffer, int bytes) {
    if (buffer.remaining() < bytes) {
      flush(digest, buffer);
    }
  }

  private static void flush(MessageDigest digest, ByteBuffer buffer) {
    buffer.flip();
    digest.update(buffer);
    buffer.clear();
  }

  /**
   * Whether {@link #read} gives {@code frame} back: not for a frame with rows but neither columns
   * nor an index, whose row count no builder can rebuild, nor for one whose entry would not fit
   * in one array ({@code maxBytes}).
   */
  static boolean storable(Frame frame, long maxBytes) {
    if (frame.rows() > 0 && frame.columnCount() == 0 && !frame.hasIndex()) {
      return false;
    }
    long bytes = MAGIC.length + Integer.BYTES + 32 + Integer.BYTES * 2 + 1 + CHECKSUM_BYTES
        + (frame.hasIndex() ? (long) frame.rows() * Long.BYTES : 0)
        + (long) frame.rows() * frame.columnCount() * Long.BYTES;
    for (String name : frame.columnNames()) {
      bytes += Integer.BYTES + (long) name.length() * 3;
    }
    return bytes <= maxBytes;
  }

  /**
   * Reads an entry's bytes from {@code channel} (a regular file of {@code size} bytes), never
   * allocating more than the file holds: entries longer than {@code maxBytes} or shorter than
   * their header requires are corrupt, and entries longer than {@code verifyFirstBytes} are
   * checksummed in a first pass before the buffer is allocated.
   *
   * @throws CorruptEntryException if the entry is too long, too short or fails its checksum
   * @throws IOException if reading fails
   */
  static byte[] readBytes(FileChannel channel, long size, long maxBytes, long verifyFirstBytes)
      throws IOException, CorruptEntryException {
    if (size > maxBytes) {
      throw new CorruptEntryException(size + " bytes (expected: at most " + maxBytes + ")");
    }
    if (size > verifyFirstBytes) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      CRC32C checksum = new CRC32C();
      long body = size - CHECKSUM_BYTES;
      for (long at = 0; at < body; ) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), body - at));
        at = fill(channel, at, buffer);
        buffer.flip();
        checksum.update(buffer);
      }
      ByteBuffer stored = ByteBuffer.allocate(CHECKSUM_BYTES);
      fill(channel, body, stored);
      if ((int) checksum.getValue() != stored.getInt(0)) {
        throw new CorruptEntryException("checksum mismatch");
      }
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    fill(channel, 0, bytes);
    return bytes.array();
  }

  private static long fill(FileChannel channel, long position, ByteBuffer dst)
      throws IOException, CorruptEntryException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, at);
      if (n < 0) {
        throw new CorruptEntryException("truncated while reading");
      }
      at += n;
    }
    return at;
  }

  /** Writes {@code frame} as an entry for {@code key}, checksum included. */
  static void write(OutputStream out, byte[] key, Frame frame) throws IOException {
    CRC32C checksum = new CRC32C();
    DataOutputStream data = new DataOutputStream(new ChecksummedStream(out, checksum));
    data.write(MAGIC);
    data.writeInt(VERSION);
    data.write(key);
    int rows = frame.rows();
    data.writeInt(rows);
    data.writeInt(frame.columnCount());
    data.writeByte(frame.hasIndex() ? 1 : 0);
    if (frame.hasIndex()) {
      for (LocalDate d : frame.dates()) {
        data.writeLong(d.toEpochDay());
      }
    }
    for (String name : frame.columnNames()) {
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      data.writeInt(bytes.length);
      data.write(bytes);
    }
    double[] column = new double[rows];
    ByteBuffer block = ByteBuffer.allocate(rows * Long.BYTES);
    for (int j = 0; j < frame.columnCount(); j++) {
      frame.copyColumnInto(j, column);
      block.clear();
      block.asDoubleBuffer().put(column);
      data.write(block.array(), 0, rows * Long.BYTES);
    }
    data.flush();
    new DataOutputStream(out).writeInt((int) checksum.getValue());
    out.flush();
  }

  /**
   * Reads an entry written by {@link #write}.
   *
   * @throws CorruptEntryException if the bytes are not a complete, intact entry for {@code key}
   */
  static Frame read(byte[] bytes, byte[] key) throws CorruptEntryException {
    if (bytes.length < MAGIC.length + Integer.BYTES + key.length + CHECKSUM_BYTES) {
      throw new CorruptEntryException("truncated (" + bytes.length + " bytes)");
    }
    int body = bytes.length - CHECKSUM_BYTES;
    CRC32C checksum = new CRC32C();
    checksum.update(bytes, 0, body);
    if ((int) checksum.getValue() != ByteBuffer.wrap(bytes, body, CHECKSUM_BYTES).getInt()) {
      throw new CorruptEntryException("checksum mismatch");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new CorruptEntryException("not a rila feature-cache entry");
      }
      int version = in.getInt();
      if (version != VERSION) {
        throw new CorruptEntryException("format version " + version + " (expected " + VERSION + ")");
      }
      byte[] storedKey = new byte[key.length];
      in.get(storedKey);
      if (!Arrays.equals(storedKey, key)) {
        throw new CorruptEntryException("holds another key");
      }
      int rows = in.getInt();
      int columns = in.getInt();
      byte hasIndex = in.get();
      if (rows < 0 || columns < 0 || columns > in.remaining() / Integer.BYTES
          || (hasIndex != 0 && hasIndex != 1)) {
        throw new CorruptEntryException("bad header");
      }
      // every row takes 8 bytes of index or of each column: check before allocating per row
      long rowBytes = (long) Long.BYTES * (hasIndex + columns);
      if (rowBytes == 0 ? rows != 0 : rows > in.remaining() / rowBytes) {
        throw new CorruptEntryException(rows + " rows of " + columns + " columns"
            + (hasIndex == 1 ? " and an index" : "") + " in an entry with " + in.remaining()
            + " bytes left");
      }
      Frame.Builder frame = Frame.newBuilder();
      if (hasIndex == 1) {
        List<LocalDate> dates = new ArrayList<>(Math.min(rows, in.remaining() / Long.BYTES));
        for (int i = 0; i < rows; i++) {
          dates.add(LocalDate.ofEpochDay(in.getLong()));
        }
        frame.index(dates);
      }
      String[] names = new String[columns];
      for (int j = 0; j < columns; j++) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new CorruptEntryException("bad column name length " + length);
        }
        ByteBuffer name = in.slice();
        name.limit(length);
        in.position(in.position() + length);
        try {
          names[j] = StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(name).toString();
        } catch (CharacterCodingException e) {
          throw new CorruptEntryException("column name " + j + " is not valid UTF-8");
        }
      }
      if ((long) rows * columns * Long.BYTES != in.remaining()) {
        throw new CorruptEntryException("value block has " + in.remaining() + " bytes");
      }
      double[] column = new double[columns == 0 ? 0 : rows];
      DoubleBuffer values = in.slice().asDoubleBuffer();
      for (int j = 0; j < columns; j++) {
        values.get(column);
        frame.column(names[j], column);
      }
      return frame.build();
    } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
      throw new CorruptEntryException("malformed: " + e.getMessage());
    }
  }

  /** An entry that cannot be trusted; the cache recomputes it. */
  static final class CorruptEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptEntryException(String message) {
      super(message);
    }
  }

  /** Passes bytes through while feeding them to a checksum. */
  private static final class ChecksummedStream extends OutputStream {
    private final OutputStream out;
    private final CRC32C digest;

    ChecksummedStream(OutputStream out, CRC32C digest) {
      this.out = out;
      this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
