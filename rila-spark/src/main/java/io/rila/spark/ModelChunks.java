package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import io.rila.core.internal.AtomicFiles;
import io.rila.core.internal.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * An ensemble written to a folder range by range by {@link SparkEnsembleTrainer#fitToFolder}:
 * one model file ({@link ModelFiles}) per range of consecutive members, and a manifest listing
 * the ranges. Opening reads the manifest only; each range is read when asked for, so a driver
 * can go through a 100,000-member ensemble one range at a time.
 *
 * <pre>{@code
 * ModelChunks chunks = ModelChunks.open(Path.of("/mnt/shared/refit-2024w18"));
 * for (int c = 0; c < chunks.chunkCount(); c++) {
 *   EnsembleModel range = chunks.load(c);          // members [chunks.from(c), chunks.to(c))
 *   ModelFiles.exportNpy(range, Path.of("npy", c + ".npy"));
 * }
 * EnsembleModel all = chunks.loadAll();            // == the local fit, bit for bit
 * }</pre>
 *
 * <p><b>The folder.</b> {@value #MANIFEST} is UTF-8 text: the line {@code rila-chunks 1}, then
 * {@code estimators N}, {@code features P}, {@code fingerprint H} (the SHA-256, in hex, of the
 * fit's settings, feature names and data, which lets a resumed fit refuse a folder of another
 * fit) and one {@code range FROM TO} line per chunk, in member order. Chunk {@code c} is the
 * file {@code members-FROM-TO.rila} (numbers zero-padded to the digits of {@code N}): a model
 * of {@code TO - FROM} members, the members {@code FROM .. TO - 1} of the ensemble, with the
 * ensemble's settings. Every file is written atomically, so a file that exists is complete.
 *
 * <p>Thread safety: immutable; loads may run concurrently. Allocation: {@link #load} allocates
 * one range's model, {@link #loadAll} the whole store and one range at a time.
 */
public final class ModelChunks {

  /** The manifest's file name. */
  public static final String MANIFEST = "rila-chunks.txt";

  /** The start of every chunk file's name. */
  static final String PREFIX = "members-";

  private static final String HEADER = "rila-chunks 1";

  private final Path folder;
  private final int estimators;
  private final int features;
  private final String fingerprint;
  private final int[] from;
  private final int[] to;

  private ModelChunks(
      Path folder, int estimators, int features, String fingerprint, int[] from, int[] to) {
    this.folder = folder;
    this.estimators = estimators;
    this.features = features;
    this.fingerprint = fingerprint;
    this.from = from;
    this.to = to;
  }

  /**
   * Reads and checks the manifest of a folder written by {@link SparkEnsembleTrainer#fitToFolder}
   * (the chunk files are not read).
   *
   * @param folder the folder
   * @return the chunks
   * @throws NullPointerException if {@code folder} is null
   * @throws IOException if the manifest cannot be read or is not a valid manifest (the message
   *     names the file and the line)
   */
  public static ModelChunks open(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Path manifest = folder.resolve(MANIFEST);
    List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    Parser p = new Parser(manifest, lines);
    p.expect(0, HEADER);
    int estimators = p.number(1, "estimators", 1, Integer.MAX_VALUE);
    int features = p.number(2, "features", 1, Integer.MAX_VALUE);
    String fingerprint = p.word(3, "fingerprint");
    int count = lines.size() - 4;
    if (count < 1) {
      throw p.problem(lines.size(), "no range lines (expected: at least one)");
    }
    int[] from = new int[count];
    int[] to = new int[count];
    int next = 0;
    for (int c = 0; c < count; c++) {
      int[] range = p.range(4 + c, next, estimators);
      from[c] = range[0];
      to[c] = range[1];
      next = range[1];
    }
    if (next != estimators) {
      throw p.problem(lines.size(), "the ranges end at " + next + " (expected: " + estimators
          + ", the estimators)");
    }
    return new ModelChunks(folder, estimators, features, fingerprint, from, to);
  }

  /** Writes a new manifest for these ranges and returns the chunks. */
  static ModelChunks create(Path folder, int estimators, int features, String fingerprint,
      List<int[]> ranges) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n')
        .append("estimators ").append(estimators).append('\n')
        .append("features ").append(features).append('\n')
        .append("fingerprint ").append(fingerprint).append('\n');
    int[] from = new int[ranges.size()];
    int[] to = new int[ranges.size()];
    for (int c = 0; c < ranges.size(); c++) {
      from[c] = ranges.get(c)[0];
      to[c] = ranges.get(c)[1];
      text.append("range ").append(from[c]).append(' ').append(to[c]).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(folder.resolve(MANIFEST), out -> out.write(bytes));
    return new ModelChunks(folder, estimators, features, fingerprint, from, to);
  }

  /**
   * The folder.
   *
   * @return the folder
   */
  public Path folder() {
    return folder;
  }

  /**
   * The members of the whole ensemble.
   *
   * @return the estimator count
   */
  public int estimators() {
    return estimators;
  }

  /**
   * The number of features.
   *
   * @return the feature count
   */
  public int features() {
    return features;
  }

  /**
   * The number of chunks (member ranges).
   *
   * @return at least 1
   */
  public int chunkCount() {
    return from.length;
  }

  /**
   * The first member of a chunk.
   *
   * @param chunk the chunk, {@code 0 <= chunk < chunkCount()}
   * @return its first member
   * @throws IllegalArgumentException if {@code chunk} is out of range
   */
  public int from(int chunk) {
    return from[check(chunk)];
  }

  /**
   * One past the last member of a chunk.
   *
   * @param chunk the chunk, {@code 0 <= chunk < chunkCount()}
   * @return one past its last member
   * @throws IllegalArgumentException if {@code chunk} is out of range
   */
  public int to(int chunk) {
    return to[check(chunk)];
  }

  /**
   * The model file of a chunk (which may not have been written yet).
   *
   * @param chunk the chunk, {@code 0 <= chunk < chunkCount()}
   * @return its path in the folder
   * @throws IllegalArgumentException if {@code chunk} is out of range
   */
  public Path file(int chunk) {
    check(chunk);
    return folder.resolve(fileName(from[chunk], to[chunk], estimators));
  }

  /**
   * Whether a chunk's model file exists (files are written atomically: an existing file is
   * complete).
   *
   * @param chunk the chunk, {@code 0 <= chunk < chunkCount()}
   * @return true when written
   * @throws IllegalArgumentException if {@code chunk} is out of range
   */
  public boolean isWritten(int chunk) {
    return Files.isRegularFile(file(chunk));
  }

  /**
   * Whether every chunk's model file exists.
   *
   * @return true when the fit has completed
   */
  public boolean isComplete() {
    for (int c = 0; c < from.length; c++) {
      if (!isWritten(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads one chunk: a model of the members {@code from(chunk) .. to(chunk) - 1}, with the
   * ensemble's settings (batched predictions on {@link ForkJoinPool#commonPool()}).
   *
   * @param chunk the chunk, {@code 0 <= chunk < chunkCount()}
   * @return the chunk's model
   * @throws IllegalArgumentException if {@code chunk} is out of range
   * @throws IOException if the file is missing, not an intact model file, or of another shape
   */
  public EnsembleModel load(int chunk) throws IOException {
    Path file = file(chunk);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": missing (expected: chunk " + chunk + ", members ["
          + from[chunk] + ", " + to[chunk] + "); run fitToFolder again to fit missing chunks)");
    }
    EnsembleModel model = ModelFiles.load(file);
    if (model.estimators() != to[chunk] - from[chunk] || model.features() != features) {
      throw new IOException(file + ": " + model.estimators() + " members x "
          + model.features() + " features (expected: " + (to[chunk] - from[chunk]) + " x "
          + features + ", as the manifest)");
    }
    return model;
  }

  /**
   * Reads every chunk, one at a time, into one model of all members: the model the fit would
   * have returned in memory (batched predictions on {@link ForkJoinPool#commonPool()}).
   *
   * @return the whole ensemble
   * @throws IOException if a chunk is missing, not an intact model file, of another shape, or
   *     fitted with other settings than the first
   */
  public EnsembleModel loadAll() throws IOException {
    EnsembleModel first = load(0);
    int stride = features + 1;
    boolean single = first.precision() == Precision.FLOAT;
    float[] floats = single ? new float[Math.multiplyExact(estimators, stride)] : null;
    double[] doubles = single ? null : new double[Math.multiplyExact(estimators, stride)];
    for (int c = 0; c < from.length; c++) {
      EnsembleModel chunk = c == 0 ? first : load(c);
      if (!sameSettings(chunk, first)) {
        throw new IOException(file(c) + ": " + chunk + " (expected: the settings of chunk 0, "
            + first + ")");
      }
      CoefficientStore store = chunk.coefficients();
      if (single) {
        store.copyMembers(0, store.members(), floats, from[c] * stride);
      } else {
        store.copyMembers(0, store.members(), doubles, from[c] * stride);
      }
    }
    CoefficientStore all = single ? CoefficientStore.ofFloats(estimators, features, floats)
        : CoefficientStore.ofDoubles(estimators, features, doubles);
    return EnsembleModel.of(all, first.hasFeatureNames() ? first.featureNames() : null,
        first.trainingRows(), first.settings().withEstimators(estimators));
  }

  private static boolean sameSettings(EnsembleModel a, EnsembleModel b) {
    return a.features() == b.features()
        && a.settings().withEstimators(1).equals(b.settings().withEstimators(1))
        && a.trainingRows() == b.trainingRows()
        && a.hasFeatureNames() == b.hasFeatureNames()
        && a.featureNames().equals(b.featureNames());
  }

  /**
   * The SHA-256, in hex, of everything that determines a fit's members: the settings, the feature
   * names and every bit of the data.
   */
  static String fingerprint(BootstrapRidgeEnsemble e, List<String> names, double[][] x,
      double[] y, double[] weights) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
    }
    String settings = e.settings() + "; featureNames=" + names
        + "; rows=" + x.length + "; features=" + x[0].length + "; weights=" + (weights != null)
        + "\n";
    digest.update(settings.getBytes(StandardCharsets.UTF_8));
    ByteBuffer buffer = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] row : x) {
      put(digest, buffer, row);
    }
    put(digest, buffer, y);
    if (weights != null) {
      put(digest, buffer, weights);
    }
    buffer.flip();
    digest.update(buffer);
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private static void put(MessageDigest digest, ByteBuffer buffer, double[] values) {
    for (double v : values) {
      if (buffer.remaining() < Double.BYTES) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
      buffer.putDouble(v);
    }
  }

  /** The fingerprint of the fit that wrote the folder. */
  String fingerprint() {
    return fingerprint;
  }

  /** Such as {@code members-0250-0500.rila} for 1,000 members. */
  static String fileName(int from, int to, int estimators) {
    int digits = Integer.toString(estimators).length();
    String format = "%0" + digits + "d";
    return PREFIX + String.format(Locale.ROOT, format, from) + "-"
        + String.format(Locale.ROOT, format, to) + ".rila";
  }

  private int check(int chunk) {
    return Checks.inRange(chunk, 0, from.length - 1, "chunk");
  }

  @Override
  public String toString() {
    return "ModelChunks[" + folder + ", " + estimators + " members x " + features
        + " features in " + from.length + " chunks]";
  }

  /** Reads the manifest's lines, with messages that name the file and the line. */
  private static final class Parser {
    private final Path file;
    private final List<String> lines;

    Parser(Path file, List<String> lines) {
      this.file = file;
      this.lines = new ArrayList<>(lines);
    }

    void expect(int index, String text) throws IOException {
      if (index >= lines.size() || !lines.get(index).equals(text)) {
        throw problem(index + 1, "'" + line(index) + "' (expected: '" + text
            + "': not a rila chunk manifest, or a newer version)");
      }
    }

    String word(int index, String key) throws IOException {
      String[] parts = line(index).split(" ", -1);
      if (parts.length != 2 || !parts[0].equals(key) || parts[1].isEmpty()) {
        throw problem(index + 1, "'" + line(index) + "' (expected: '" + key + " VALUE')");
      }
      return parts[1];
    }

    int number(int index, String key, int min, int max) throws IOException {
      return parse(index, word(index, key), min, max);
    }

    int[] range(int index, int expectedFrom, int estimators) throws IOException {
      String[] parts = line(index).split(" ", -1);
      if (parts.length != 3 || !parts[0].equals("range")) {
        throw problem(index + 1, "'" + line(index) + "' (expected: 'range FROM TO')");
      }
      int start = parse(index, parts[1], expectedFrom, expectedFrom);
      int end = parse(index, parts[2], start + 1, estimators);
      return new int[] {start, end};
    }

    private int parse(int index, String text, int min, int max) throws IOException {
      try {
        int value = Integer.parseInt(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below with the line
      }
      throw problem(index + 1, "'" + line(index) + "' (expected: a number in [" + min + ", "
          + max + "] where '" + text + "' is)");
    }

    private String line(int index) {
      return index < lines.size() ? lines.get(index) : "";
    }

    IOException problem(int lineNumber, String what) {
      return new IOException(file + ": line " + lineNumber + ": " + what);
    }
  }
}
