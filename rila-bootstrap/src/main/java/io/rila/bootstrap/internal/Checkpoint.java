package io.rila.bootstrap.internal;

import io.rila.core.internal.AtomicFiles;
import io.rila.core.internal.ChunkedTasks;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint of one fit in a folder: members already fitted by an earlier, interrupted run
 * of the same fit are restored into the store, and members completed by this run are saved in
 * parts as they finish.
 *
 * <p>A part, {@code members-<first member, 9 digits>.ckpt}, holds one or more ranges of members
 * (the runner's chunks, coalesced) with their coefficients, written atomically through {@link
 * AtomicFiles}. Little-endian layout: the magic {@code RILACK\x1A\n}, the format version, the
 * length of the settings text, the SHA-256 of the data, the range count, the member count, the
 * settings text (UTF-8), the ranges ({@code from}, {@code to} as int32 pairs), the coefficients
 * of those members in range order ({@code features + 1} numbers per member, 4 or 8 bytes each as
 * the settings' precision says) and a CRC-32C of everything before it.
 *
 * <p>{@link #open} refuses (with {@link IllegalStateException}) a folder whose parts were written
 * by another format version, for other settings or for other data, or that holds a corrupt
 * part; nothing is ever mixed in. A part that is not a regular file (a pipe, a link to a device)
 * or is longer than a part of this fit can be is corrupt, and is not read. A folder is used by
 * one fit at a time ({@code checkpoint.lock} is locked while it runs). Temporary files of
 * interrupted writes are deleted on open.
 *
 * <p>Thread safety: {@link #chunkDone} is called one call at a time by the runner; the worker
 * wrapper of {@link #skipRestored} only reads what {@link #open} wrote. Internal API: not covered
 * by compatibility guarantees.
 */
public final class Checkpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

  /** The version of the part format. */
  public static final int FORMAT_VERSION = 1;

  /** The start of every part's name. */
  public static final String PART_PREFIX = "members-";
  /** The end of every part's name. */
  public static final String PART_SUFFIX = ".ckpt";
  /** The file locked while a fit uses the folder; it stays in the folder. */
  public static final String LOCK_FILE = "checkpoint.lock";

  private static final byte[] MAGIC = {'R', 'I', 'L', 'A', 'C', 'K', 0x1A, 0x0A};
  private static final int HASH_BYTES = 32;
  /** Magic, version, settings length, data hash, range count, member count. */
  private static final int FIXED = MAGIC.length + 4 + 4 + HASH_BYTES + 4 + 4;
  private static final int CRC_BYTES = 4;
  /** The longest part that can be read into one array. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
  private static final byte[] DATA_DOMAIN =
      ("rila checkpoint data " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.UTF_8);

  private final Path folder;
  private final int everyMembers;
  private final String settings;
  private final byte[] settingsBytes;
  private final byte[] dataHash;
  private final int members;
  private final int features;
  private final MemberBlock block;
  private final UnaryOperator<OutputStream> streams;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean[] restored;
  private int restoredCount;
  private final List<int[]> pending = new ArrayList<>();
  private int pendingMembers;
  private boolean writeFailed;

  private Checkpoint(
      Path folder, int everyMembers, String settings, byte[] dataHash, MemberBlock block,
      UnaryOperator<OutputStream> streams, FileChannel lockChannel, FileLock lock) {
    this.folder = folder;
    this.everyMembers = everyMembers;
    this.settings = settings;
    this.settingsBytes = settings.getBytes(StandardCharsets.UTF_8);
    this.dataHash = dataHash.clone();
    this.members = block.members();
    this.features = block.features();
    this.block = block;
    this.streams = streams;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.restored = new boolean[members];
  }

  /**
   * Opens (creating it if needed) and locks the folder, deletes leftover temporary files, and
   * restores every member its parts hold into {@code block}.
   *
   * @param folder the checkpoint folder
   * @param everyMembers completed members that trigger a new part, {@code >= 1}
   * @param settings everything besides the data that decides the members, as text
   *     ({@code key=value} entries separated by {@code "; "})
   * @param dataHash {@link #dataHash} of the fit's data
   * @param block the fit's store: all its members, written by the fit and restored here
   * @param streams wraps the stream each part is written to (identity outside tests)
   * @return the open checkpoint
   * @throws IllegalStateException if the folder is in use by another fit, or holds a part of
   *     another format version, other settings or other data, or a corrupt part
   * @throws UncheckedIOException if the folder cannot be created, locked, listed or read
   */
  public static Checkpoint open(
      Path folder, int everyMembers, String settings, byte[] dataHash, MemberBlock block,
      UnaryOperator<OutputStream> streams) {
    FileChannel channel;
    try {
      Files.createDirectories(folder);
      channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use checkpoint folder " + folder + ": " + e, e);
    }
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeAfter(channel, e);
      throw new UncheckedIOException("cannot lock checkpoint folder " + folder + ": " + e, e);
    }
    if (lock == null) {
      IllegalStateException busy = new IllegalStateException("checkpoint folder " + folder
          + " is in use by another fit (" + LOCK_FILE + " is locked)");
      closeAfter(channel, busy);
      throw busy;
    }
    Checkpoint checkpoint = new Checkpoint(folder, everyMembers, settings, dataHash, block,
        streams, channel, lock);
    try {
      AtomicFiles.deleteTemporaryFiles(folder, PART_PREFIX);
      checkpoint.restoreAll();
      return checkpoint;
    } catch (IOException e) {
      closeAfter(channel, e);
      throw new UncheckedIOException("cannot read checkpoint folder " + folder + ": " + e, e);
    } catch (RuntimeException | Error e) {
      closeAfter(channel, e);
      throw e;
    }
  }

  /** Closes the lock channel (releasing any lock) after {@code failure}. */
  private static void closeAfter(FileChannel channel, Throwable failure) {
    try {
      channel.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The SHA-256 of a fit's data: the shape, the features row by row, the target on the model's
   * scale and the weights (or their absence), as little-endian IEEE bits.
   *
   * @param x the features
   * @param z the target on the model's scale
   * @param weights the weights, or null
   * @return 32 bytes
   */
  public static byte[] dataHash(double[][] x, double[] z, double[] weights) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    digest.update(DATA_DOMAIN);
    int p = x[0].length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(p, 1024) * Double.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(x.length).putInt(p).putInt(weights == null ? 0 : 1);
    digest.update(b.array(), 0, b.position());
    for (double[] row : x) {
      update(digest, b, row);
    }
    update(digest, b, z);
    if (weights != null) {
      update(digest, b, weights);
    }
    return digest.digest();
  }

  private static void update(MessageDigest digest, ByteBuffer b, double[] values) {
    int step = b.capacity() / Double.BYTES;
    for (int from = 0; from < values.length; from += step) {
      int n = Math.min(step, values.length - from);
      b.clear();
      b.asDoubleBuffer().put(values, from, n);
      digest.update(b.array(), 0, n * Double.BYTES);
    }
  }

  /**
   * The number of members restored from the folder.
   *
   * @return the count
   */
  public int restored() {
    return restoredCount;
  }

  /**
   * Workers that skip the restored members and run the others with {@code job}'s workers
   * (created on the first member they run).
   *
   * @param job the training job
   * @return the wrapped worker source
   */
  public Supplier<ChunkedTasks.Worker> skipRestored(Supplier<? extends ChunkedTasks.Worker> job) {
    boolean[] skip = restored;
    return () -> new ChunkedTasks.Worker() {
      private ChunkedTasks.Worker inner;

      @Override
      public void run(int member) {
        if (!skip[member]) {
          if (inner == null) {
            inner = job.get();
          }
          inner.run(member);
        }
      }
    };
  }

  /**
   * Records that the members {@code from .. to - 1} are in the store, and writes a part once
   * {@code everyMembers} or more members wait to be saved.
   *
   * @param from the first member of the chunk
   * @param to one past its last member
   * @throws UncheckedIOException if the part cannot be written
   */
  public void chunkDone(int from, int to) {
    int start = -1;
    for (int k = from; k <= to; k++) {
      boolean fresh = k < to && !restored[k];
      if (fresh && start < 0) {
        start = k;
      } else if (!fresh && start >= 0) {
        pending.add(new int[] {start, k});
        pendingMembers += k - start;
        start = -1;
      }
    }
    if (pendingMembers >= everyMembers) {
      writePending();
    }
  }

  /**
   * Saves the members completed but not yet saved, after a fit stopped early (cancelled or
   * failed), unless writing a part is what failed.
   *
   * @param stop the exception that stopped the fit; a failure to save is added to it as
   *     suppressed
   */
  public void saveCompleted(RuntimeException stop) {
    if (writeFailed || pendingMembers == 0) {
      return;
    }
    try {
      writePending();
    } catch (UncheckedIOException e) {
      stop.addSuppressed(e);
    }
  }

  /**
   * Deletes the parts after a successful fit: the model holds every member now. The folder and
   * its lock file stay. A part that cannot be deleted is logged, not thrown: the fit has
   * succeeded and its model must not be lost; a later fit of the same data and settings would
   * restore the leftover parts, which hold exactly its members.
   *
   * @return whether every part was deleted
   */
  public boolean complete() {
    boolean all = true;
    try (DirectoryStream<Path> parts = parts()) {
      for (Path part : parts) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException e) {
          all = false;
          LOG.warn("the fit is complete, but its checkpoint part {} could not be deleted: {}",
              part, e.toString());
        }
      }
      AtomicFiles.deleteTemporaryFiles(folder, PART_PREFIX);
    } catch (IOException | UncheckedIOException e) {
      all = false;
      LOG.warn("the fit is complete, but its checkpoint folder {} could not be cleaned: {}",
          folder, e.toString());
    }
    return all;
  }

  /** Releases the folder's lock. */
  @Override
  public void close() {
    try (FileChannel channel = lockChannel) {
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unlock checkpoint folder " + folder + ": " + e, e);
    }
  }

  // ------------------------------------------------------------------------------------ writing

  private void writePending() {
    pending.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> ranges = new ArrayList<>();
    for (int[] r : pending) {
      int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[1] == r[0]) {
        last[1] = r[1];
      } else {
        ranges.add(r.clone());
      }
    }
    Path part = folder.resolve(String.format(Locale.ROOT, "%s%09d%s", PART_PREFIX,
        ranges.get(0)[0], PART_SUFFIX));
    // A file channel closes itself when its thread is interrupted: a fit stopped by an interrupt
    // still saves its members, and the flag is set again afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      AtomicFiles.write(part, out -> writePart(streams.apply(out), ranges));
    } catch (IOException | RuntimeException e) {
      writeFailed = true;
      throw new UncheckedIOException("cannot write checkpoint part " + part + ": " + e,
          e instanceof IOException ? (IOException) e : new IOException(e));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    pending.clear();
    pendingMembers = 0;
  }

  private void writePart(OutputStream out, List<int[]> ranges) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(FIXED + settingsBytes.length + 8 * ranges.size())
        .order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).putInt(FORMAT_VERSION).putInt(settingsBytes.length).put(dataHash)
        .putInt(ranges.size()).putInt(pendingMembers).put(settingsBytes);
    for (int[] r : ranges) {
      head.putInt(r[0]).putInt(r[1]);
    }
    BlockIo io = BlockIo.forWriting();
    io.writeBytes(out, head.array());
    for (int[] r : ranges) {
      block.write(io, out, r[0], r[1]);
    }
    out.write(ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(io.crc())
        .array());
    out.flush();
  }

  // ------------------------------------------------------------------------------------ reading

  private DirectoryStream<Path> parts() throws IOException {
    return Files.newDirectoryStream(folder, PART_PREFIX + "*" + PART_SUFFIX);
  }

  private void restoreAll() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> parts = parts()) {
      for (Path part : parts) {
        files.add(part);
      }
    }
    files.sort(null);
    for (Path part : files) {
      restore(part, readPart(part));
    }
  }

  /**
   * The bytes of a part, read only when it is a regular file no longer than a part of this fit can
   * be: a pipe would block the fit, a link to a device or a sparse giant would exhaust the heap.
   */
  private byte[] readPart(Path part) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(part, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw corrupt(part, "not a regular file (a directory, pipe, device or a link to one)");
    }
    long most = FIXED + (long) settingsBytes.length + 8L * members
        + (long) members * (features + 1) * block.bytesPerNumber()
        + CRC_BYTES;
    long limit = Math.min(most, MAX_ARRAY);
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > limit) {
        throw corrupt(part, "length " + size + " bytes (expected: at most " + limit
            + ", the most a part of this fit can hold)");
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      try {
        BlockIo.readFully(channel, 0, bytes);
      } catch (EOFException e) {
        throw corrupt(part, "truncated while reading (" + e.getMessage() + ")");
      }
      return bytes.array();
    }
  }

  private void restore(Path part, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < FIXED + CRC_BYTES) {
      throw corrupt(part, "truncated: " + bytes.length + " bytes (expected: at least "
          + (FIXED + CRC_BYTES) + ")");
    }
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw corrupt(part, "not a rila checkpoint part (wrong magic)");
    }
    int version = b.getInt(8);
    if (version != FORMAT_VERSION) {
      throw refused("part " + part + " has checkpoint format version "
          + Integer.toUnsignedString(version) + " (expected: " + FORMAT_VERSION + ")");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - CRC_BYTES);
    int stored = b.getInt(bytes.length - CRC_BYTES);
    if (stored != (int) crc.getValue()) {
      throw corrupt(part, String.format(Locale.ROOT, "checksum mismatch (CRC-32C of the content"
          + " is %08x, the file stores %08x)", (int) crc.getValue(), stored));
    }
    int settingsLength = b.getInt(12);
    int rangeCount = b.getInt(48);
    int count = b.getInt(52);
    if (settingsLength < 0 || rangeCount < 1
        || FIXED + (long) settingsLength + 8L * rangeCount + CRC_BYTES > bytes.length) {
      throw corrupt(part, "inconsistent header (settings length " + settingsLength
          + ", ranges " + rangeCount + ", in a part of " + bytes.length + " bytes)");
    }
    int body = FIXED + settingsLength;
    String theirs = new String(bytes, FIXED, settingsLength, StandardCharsets.UTF_8);
    if (!theirs.equals(settings)) {
      throw refused("it holds members of a fit with other settings (" + part.getFileName() + ": "
          + difference(theirs, settings) + ")");
    }
    if (!Arrays.equals(bytes, 16, 16 + HASH_BYTES, dataHash, 0, HASH_BYTES)) {
      throw refused("it holds members of a fit of other data (" + part.getFileName()
          + ": SHA-256 of x, y and weights " + hex(bytes, 16) + "; this fit: "
          + hex(dataHash, 0) + ")");
    }
    int stride = block.stride();
    int size = block.bytesPerNumber();
    long expected = body + 8L * rangeCount + (long) count * stride * size + CRC_BYTES;
    if (count < 1 || expected != bytes.length) {
      throw corrupt(part, "length " + bytes.length + " bytes (expected: " + expected + " for "
          + count + " members)");
    }
    int[][] ranges = new int[rangeCount][];
    long sum = 0;
    for (int r = 0; r < rangeCount; r++) {
      int from = b.getInt(body + 8 * r);
      int to = b.getInt(body + 8 * r + 4);
      if (from < 0 || to > members || from >= to || (r > 0 && from < ranges[r - 1][1])) {
        throw corrupt(part, "member range [" + from + ", " + to + ") (expected: ascending,"
            + " disjoint ranges within [0, " + members + "))");
      }
      for (int k = from; k < to; k++) {
        if (restored[k]) {
          throw corrupt(part, "member " + k + " is also in another part");
        }
      }
      ranges[r] = new int[] {from, to};
      sum += to - from;
    }
    if (sum != count) {
      throw corrupt(part, "ranges hold " + sum + " members (expected: " + count + ")");
    }
    ByteBuffer values = b.position(body + 8 * rangeCount).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int[] r : ranges) {
      block.read(values, r[0], r[1]);
      values.position(values.position() + (r[1] - r[0]) * stride * size);
      int bad = block.firstNonFinite(r[0], r[1]);
      if (bad >= 0) {
        throw corrupt(part, block.describe(bad) + " (expected: finite)");
      }
    }
    for (int[] r : ranges) {
      Arrays.fill(restored, r[0], r[1], true);
      restoredCount += r[1] - r[0];
    }
  }

  /** The settings entries that differ, such as {@code alpha=0.5 (this fit: alpha=1.0)}. */
  private static String difference(String theirs, String ours) {
    String[] a = theirs.split("; ");
    String[] b = ours.split("; ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "";
      String y = i < b.length ? b[i] : "";
      if (!x.equals(y)) {
        out.append(out.length() == 0 ? "" : ", ").append(x).append(" (this fit: ").append(y)
            .append(')');
      }
    }
    return out.toString();
  }

  private static String hex(byte[] bytes, int from) {
    return HexFormat.of().formatHex(bytes, from, from + 8) + "...";
  }

  private IllegalStateException refused(String why) {
    return new IllegalStateException("checkpoint folder " + folder + " cannot be resumed: "
        + why + "; use another folder, or delete this one to start over");
  }

  private static IllegalStateException corrupt(Path part, String why) {
    return new IllegalStateException("checkpoint part " + part + " is corrupt: " + why
        + "; delete it (its members are then fitted again)");
  }
}
