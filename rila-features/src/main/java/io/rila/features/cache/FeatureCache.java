package io.rila.features.cache;

import io.rila.core.frame.Frame;
import io.rila.core.internal.AtomicFiles;
import io.rila.core.internal.Checks;
import io.rila.features.FeatureStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-disk cache of feature-step results, keyed by the SHA-256 of the input frame's content and
 * the step's {@link FeatureStep#spec() spec}.
 *
 * <pre>{@code
 * FeatureCache cache = FeatureCache.open(Path.of("feature-cache"));
 * Frame features = cache.apply(pipeline, weekly);   // computed and stored
 * Frame again = cache.apply(pipeline, weekly);      // read back, equal bit for bit
 * FeaturePipeline cachedLags = FeaturePipeline.of(cache.cached(lags), filter);
 * System.out.println(cache.stats());                // hits, misses, entries, bytes
 * }</pre>
 *
 * <p>Each entry is one file, {@code <key>.frame}, in the cache folder: a versioned binary form of
 * the result frame (index, names, raw {@code double} bits) that ends with a CRC-32C of its
 * content. Entries are written to a temporary file in the same folder, forced to disk and renamed
 * into place, so a reader sees a whole entry or none. An entry that fails its checksum, is
 * truncated, holds another key, or is not a regular file (a pipe, a folder, a link to a device) is
 * logged (SLF4J, WARN), deleted and recomputed; an entry is never read into more memory than its
 * length, and one over 64 MiB is checksummed before it is read in. Results that an entry could
 * not give back exactly (rows without columns or index, entries over 2 GiB) are computed every
 * time, not stored. Step specs must be well-formed Unicode (no unpaired surrogate). The key covers
 * the frame's content (index, column names in order, values with {@code NaN}s canonicalised), not
 * its history, so equal frames share entries. Executors do not enter the key: steps give
 * bitwise-identical output on any executor. The cache never evicts; {@link #clear()} empties it.
 *
 * <p><b>Thread safety:</b> instances are thread-safe and several processes may share a folder:
 * concurrent misses on one key compute it twice and the last complete rename wins, with identical
 * content. Hashing and reading allocate buffers proportional to the frame.
 */
public final class FeatureCache {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
  private static final String SUFFIX = ".frame";
  /** The longest entry that fits in one array. */
  private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;
  /** Entries longer than this are checksummed before their bytes are allocated. */
  private static final long VERIFY_FIRST_BYTES = 64L << 20;
  private static final byte[] KEY_DOMAIN =
      ("rila-feature-cache/" + FrameCodec.VERSION + "\n").getBytes(StandardCharsets.UTF_8);

  private final Path folder;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong corrupt = new AtomicLong();

  private FeatureCache(Path folder) {
    this.folder = folder;
  }

  /**
   * A cache in {@code folder}, created (with its parents) when absent.
   *
   * @param folder the cache folder
   * @return a cache over {@code folder}; its counters start at zero
   * @throws NullPointerException if {@code folder} is null
   * @throws IOException if the folder cannot be created
   * @throws IllegalArgumentException if {@code folder} exists and is not a directory
   */
  public static FeatureCache open(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("folder: " + folder + " is not a directory");
    }
    Files.createDirectories(folder);
    return new FeatureCache(folder.toAbsolutePath());
  }

  /**
   * The cache folder.
   *
   * @return the absolute cache folder
   */
  public Path folder() {
    return folder;
  }

  /**
   * The cache key of {@code step} applied to {@code input}: 64 lowercase hex digits of
   * SHA-256(format tag, spec, frame content).
   *
   * @param step the step
   * @param input its input
   * @return the key, 64 lowercase hex digits
   * @throws NullPointerException if {@code step} or {@code input} is null
   * @throws IllegalArgumentException if the step's spec has an unpaired surrogate
   */
  public static String key(FeatureStep step, Frame input) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(input, "input");
    return HexFormat.of().formatHex(keyBytes(step, input));
  }

  private static byte[] keyBytes(FeatureStep step, Frame input) {
    MessageDigest digest = FrameCodec.sha256();
    digest.update(KEY_DOMAIN);
    // a lone surrogate has no UTF-8 form: two such specs would share one key
    byte[] spec = Checks.wellFormed(step.spec(), "step spec").getBytes(StandardCharsets.UTF_8);
    digest.update(new byte[] {
      (byte) (spec.length >>> 24), (byte) (spec.length >>> 16), (byte) (spec.length >>> 8),
      (byte) spec.length
    });
    digest.update(spec);
    FrameCodec.digest(digest, input);
    return digest.digest();
  }

  /**
   * {@code step.apply(input)}, from the cache when an intact entry exists, else computed and
   * stored.
   *
   * @param step the step
   * @param input its input
   * @return the step's output
   * @throws NullPointerException if {@code step} or {@code input} is null
   * @throws UncheckedIOException if the entry cannot be written or an existing entry cannot be
   *     read for reasons other than corruption
   * @throws IllegalArgumentException if the step's spec has an unpaired surrogate
   * @throws RuntimeException whatever {@code step.apply} throws (nothing is stored then)
   */
  public Frame apply(FeatureStep step, Frame input) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(input, "input");
    byte[] key = keyBytes(step, input);
    Path entry = folder.resolve(HexFormat.of().formatHex(key) + SUFFIX);
    Frame cached = readEntry(entry, key);
    if (cached != null) {
      hits.incrementAndGet();
      return cached;
    }
    misses.incrementAndGet();
    Frame result = step.apply(input);
    writeEntry(entry, key, result);
    return result;
  }

  /**
   * A step that runs {@code step} through this cache; its spec is {@code step}'s, so it can stand
   * in for it in a {@link io.rila.features.FeaturePipeline}.
   *
   * @param step the step
   * @return a step that reads and writes this cache
   * @throws NullPointerException if {@code step} is null
   */
  public FeatureStep cached(FeatureStep step) {
    Objects.requireNonNull(step, "step");
    return new FeatureStep() {
      @Override
      public Frame apply(Frame input) {
        return FeatureCache.this.apply(step, input);
      }

      @Override
      public String spec() {
        return step.spec();
      }

      @Override
      public String toString() {
        return "cached " + step;
      }
    };
  }

  private Frame readEntry(Path entry, byte[] key) {
    try {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(entry, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return null;
      }
      if (!attributes.isRegularFile()) {
        // a pipe would block, a link to a device would never end
        throw new FrameCodec.CorruptEntryException("not a regular file");
      }
      byte[] bytes;
      try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
        bytes = FrameCodec.readBytes(channel, channel.size(), MAX_ENTRY_BYTES,
            VERIFY_FIRST_BYTES);
      } catch (NoSuchFileException e) {
        return null;
      }
      return FrameCodec.read(bytes, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read feature-cache entry " + entry, e);
    } catch (FrameCodec.CorruptEntryException e) {
      corrupt.incrementAndGet();
      LOG.warn("corrupt feature-cache entry {} ({}): deleted, recomputing", entry, e.getMessage());
      try {
        Files.deleteIfExists(entry);
      } catch (IOException deleteFailure) {
        LOG.warn("cannot delete corrupt feature-cache entry {}", entry, deleteFailure);
      }
      return null;
    }
  }

  private static void writeEntry(Path entry, byte[] key, Frame frame) {
    if (!FrameCodec.storable(frame, MAX_ENTRY_BYTES)) {
      LOG.debug("feature-cache result {} is not stored: it could not be read back as it is"
          + " (rows without columns or index, or over {} bytes)", entry, MAX_ENTRY_BYTES);
      return;
    }
    try {
      AtomicFiles.write(entry, out -> FrameCodec.write(out, key, frame));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write feature-cache entry " + entry, e);
    }
  }

  /**
   * Counters since this instance was opened, and the entries now in the folder.
   *
   * @return a new snapshot
   * @throws UncheckedIOException if the folder cannot be listed
   */
  public Stats stats() {
    long entries = 0;
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          bytes += Files.size(file);
          entries++;
        } catch (NoSuchFileException e) {
          continue;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list feature cache " + folder, e);
    }
    return new Stats(hits.get(), misses.get(), corrupt.get(), entries, bytes);
  }

  /**
   * Deletes every entry in the folder (other files are left alone).
   *
   * @throws UncheckedIOException if an entry cannot be deleted
   */
  public void clear() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear feature cache " + folder, e);
    }
  }

  @Override
  public String toString() {
    return "FeatureCache[" + folder + "]";
  }

  /** A snapshot of a cache's counters and size. Immutable. */
  public static final class Stats {
    private final long hits;
    private final long misses;
    private final long corruptEntries;
    private final long entries;
    private final long bytes;

    Stats(long hits, long misses, long corruptEntries, long entries, long bytes) {
      this.hits = hits;
      this.misses = misses;
      this.corruptEntries = corruptEntries;
      this.entries = entries;
      this.bytes = bytes;
    }

    /**
     * Lookups answered from an intact entry.
     *
     * @return the count
     */
    public long hits() {
      return hits;
    }

    /**
     * Lookups that computed the result (corrupt entries included).
     *
     * @return the count
     */
    public long misses() {
      return misses;
    }

    /**
     * Entries found corrupt, deleted and recomputed.
     *
     * @return the count
     */
    public long corruptEntries() {
      return corruptEntries;
    }

    /**
     * Entry files now in the folder.
     *
     * @return the count
     */
    public long entries() {
      return entries;
    }

    /**
     * Total size of those files in bytes.
     *
     * @return the size in bytes
     */
    public long bytes() {
      return bytes;
    }

    @Override
    public String toString() {
      return "FeatureCache.Stats[hits=" + hits + ", misses=" + misses + ", corruptEntries="
          + corruptEntries + ", entries=" + entries + ", bytes=" + bytes + "]";
    }
  }
}
