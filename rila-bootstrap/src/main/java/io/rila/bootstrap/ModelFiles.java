package io.rila.bootstrap;

import io.rila.bootstrap.internal.BlockIo;
import io.rila.core.internal.AtomicFiles;
import io.rila.core.regression.SolveForm;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Saves fitted ensembles to files, loads them back, and exports their coefficients for numpy.
 *
 * <pre>{@code
 * ModelFiles.save(model, Path.of("models/sales-2024w18.rila"));
 * EnsembleModel same = ModelFiles.load(Path.of("models/sales-2024w18.rila"));
 * ModelFiles.exportNpy(model, Path.of("models/sales-2024w18.npy"));   // numpy.load(...)
 * }</pre>
 *
 * <p><b>The model file</b> ({@code docs/model-files.md} gives it byte by byte) is little-endian:
 * the 8-byte magic {@code RILA\r\n\x1A\n}, the format version ({@value #FORMAT_VERSION}), a header
 * (shape, precision, training rows, alpha, seed, resampling, target transform, non-negativity,
 * solve form, feature names), the coefficient block exactly as the {@link CoefficientStore} holds
 * it (member-major, coefficients then intercept, 4 or 8 bytes per number, starting at a multiple
 * of 64 bytes) and a CRC-32C of every byte before it. A loaded model predicts bit for bit as the
 * saved one; its executor for batched predictions is {@link ForkJoinPool#commonPool()} ({@link
 * EnsembleModel#withExecutor} changes it).
 *
 * <p><b>Writing</b> goes to a temporary file in the target's folder, which is forced to disk and
 * renamed over the target: a crash leaves the previous file intact; a file replaced keeps its
 * POSIX permissions. <b>Loading</b> reads the file in bulk (1 MiB steps, straight into the
 * store's array) and checks everything before it returns a model: that it is a regular file,
 * magic, version, lengths, checksum, every header field and every number. A truncated, extended,
 * bit-flipped, foreign or newer file fails with an {@link IOException} whose message names the
 * file and the problem; no partial model is ever returned. A load never allocates more than the
 * file's length, nor more than the JVM's maximum heap, and a coefficient block over 64 MiB is
 * checksummed before its store is allocated. There is no signature: a file whose bytes were
 * changed and whose checksum was recomputed is read as what it now says (see {@code
 * docs/model-files.md}).
 *
 * <p><b>The NPY export</b> is a numpy {@code .npy} file, format version 1.0, dtype {@code <f4}
 * ({@link Precision#FLOAT}) or {@code <f8} ({@link Precision#DOUBLE}), shape {@code (members,
 * features + 1)}, C order: row {@code k} is member {@code k}'s coefficients in feature order,
 * then its intercept in the last column. It carries no settings or names; keep the model file
 * for that.
 *
 * <p>Thread safety: stateless; concurrent calls are safe (concurrent saves to one path each
 * succeed, the last rename wins). Allocation: saving and exporting use a 1 MiB buffer and the
 * header; loading allocates the store, a 1 MiB direct buffer and the header.
 */
public final class ModelFiles {

  /** The version of the model file format this library writes; it reads this version only. */
  public static final int FORMAT_VERSION = 1;

  /** {@code RILA}, then CR LF, SUB (Ctrl-Z) and LF: catches text-mode transfers, as PNG's does. */
  private static final byte[] MAGIC = {'R', 'I', 'L', 'A', 0x0D, 0x0A, 0x1A, 0x0A};
  /** The magic of a checkpoint part, recognised to give a better message. */
  private static final byte[] CHECKPOINT_MAGIC = {'R', 'I', 'L', 'A', 'C', 'K', 0x1A, 0x0A};

  /** Magic, version and header length. */
  private static final int PREFIX = 16;
  /** The fixed fields of the header, before the feature names. */
  private static final int FIXED = 56;
  /** The coefficient block starts at a multiple of this. */
  private static final int ALIGN = 64;
  private static final int CRC_BYTES = 4;
  private static final long MAX_NUMBERS = Integer.MAX_VALUE - 8;
  /**
   * Coefficient blocks larger than this are checksummed in a first pass before the store is
   * allocated, so that a forged or sparse file cannot make a load allocate what its header claims;
   * smaller ones are read once, straight into the store.
   */
  private static final long VERIFY_FIRST_BYTES = 64L << 20;
  private static final long MAX_RANDOM_STATE = 0xFFFF_FFFFL;

  /** Codes of the header's enumerations: the index in these arrays, fixed by the format. */
  private static final TargetTransform[] TRANSFORMS = {
    TargetTransform.IDENTITY, TargetTransform.LOG, TargetTransform.LOG1P
  };
  private static final SolveForm[] FORMS = {SolveForm.AUTO, SolveForm.PRIMAL, SolveForm.DUAL};
  private static final Resampling.Kind[] KINDS = {
    Resampling.Kind.IID, Resampling.Kind.POISSON, Resampling.Kind.MOVING_BLOCK,
    Resampling.Kind.CIRCULAR_BLOCK, Resampling.Kind.STATIONARY_BLOCK, Resampling.Kind.SKLEARN
  };
  /** Code 0 is "not scikit-learn". */
  private static final SklearnWeighting[] WEIGHTINGS = {
    null, SklearnWeighting.LEGACY, SklearnWeighting.PROBABILITY
  };

  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int NPY_ALIGN = 64;

  private ModelFiles() {}

  /**
   * Writes {@code model} to {@code path} atomically, replacing any existing file.
   *
   * @param model the model
   * @param path the file; its folder must exist
   * @throws NullPointerException if an argument is null
   * @throws IOException if the file cannot be written (a previous file at {@code path} is then
   *     left as it was)
   */
  public static void save(EnsembleModel model, Path path) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(path, "path");
    byte[] header = header(model);
    CoefficientStore store = model.coefficients();
    int numbers = store.members() * (store.features() + 1);
    AtomicFiles.write(path, out -> {
      BlockIo io = BlockIo.forWriting();
      io.writeBytes(out, header);
      if (store.precision() == Precision.FLOAT) {
        io.writeFloats(out, store.floatArray(), 0, numbers);
      } else {
        io.writeDoubles(out, store.doubleArray(), 0, numbers);
      }
      out.write(ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(io.crc()).array());
    });
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @param path the file
   * @return the model, equal in every setting and coefficient bit to the one saved
   * @throws NullPointerException if {@code path} is null
   * @throws IOException if the file cannot be read, or is not an intact model file of this
   *     format version: the message names the file and says what is wrong (a directory or not a
   *     regular file, not a rila model file, a newer format version, truncated or of the wrong
   *     length, larger than this JVM's maximum heap, a checksum mismatch, an inconsistent header,
   *     a number that is not finite); a missing file is a {@link
   *     java.nio.file.NoSuchFileException}
   */
  public static EnsembleModel load(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      // a pipe would block the open, a device (such as /dev/zero) would never end
      throw problem(path, (attributes.isDirectory() ? "a directory" : "not a regular file")
          + " (expected: a regular file)");
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return read(path, channel);
    }
  }

  /**
   * Writes the coefficients of {@code model} as a numpy {@code .npy} array of shape {@code
   * (members, features + 1)}: each row a member, its coefficients in feature order and then its
   * intercept; {@code <f4} for {@link Precision#FLOAT}, {@code <f8} for {@link Precision#DOUBLE}.
   * Written atomically.
   *
   * @param model the model
   * @param path the file; its folder must exist
   * @throws NullPointerException if an argument is null
   * @throws IOException if the file cannot be written
   */
  public static void exportNpy(EnsembleModel model, Path path) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(path, "path");
    CoefficientStore store = model.coefficients();
    boolean floats = store.precision() == Precision.FLOAT;
    String dict = "{'descr': '" + (floats ? "<f4" : "<f8") + "', 'fortran_order': False, "
        + "'shape': (" + store.members() + ", " + (store.features() + 1) + "), }";
    int unpadded = NPY_MAGIC.length + 2 + dict.length() + 1;
    int total = roundUp(unpadded, NPY_ALIGN);
    ByteBuffer header = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    header.put(NPY_MAGIC).putShort((short) (total - NPY_MAGIC.length - 2))
        .put(dict.getBytes(StandardCharsets.US_ASCII));
    while (header.position() < total - 1) {
      header.put((byte) ' ');
    }
    header.put((byte) '\n');
    int numbers = store.members() * (store.features() + 1);
    AtomicFiles.write(path, out -> {
      BlockIo io = BlockIo.forWriting();
      io.writeBytes(out, header.array());
      if (floats) {
        io.writeFloats(out, store.floatArray(), 0, numbers);
      } else {
        io.writeDoubles(out, store.doubleArray(), 0, numbers);
      }
    });
  }

  // ------------------------------------------------------------------------------------ writing

  private static byte[] header(EnsembleModel model) {
    CoefficientStore store = model.coefficients();
    Resampling resampling = model.resampling();
    Resampling.Kind kind = resampling.kind();
    List<byte[]> names = new ArrayList<>();
    long namesBytes = 0;
    if (model.hasFeatureNames()) {
      for (String name : model.featureNames()) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        names.add(bytes);
        namesBytes += Integer.BYTES + bytes.length;
      }
    }
    long dataOffset = roundUp(PREFIX + FIXED + namesBytes, ALIGN);
    if (dataOffset > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "model: feature names take " + namesBytes + " bytes (expected: under 2 GiB)");
    }
    ByteBuffer b = ByteBuffer.allocate((int) dataOffset).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(FORMAT_VERSION).putInt((int) dataOffset - PREFIX);
    b.putInt(store.members()).putInt(store.features()).putInt(model.trainingRows());
    b.put((byte) store.precision().bytes());
    b.put((byte) indexOf(TRANSFORMS, model.targetTransform()));
    b.put((byte) (model.nonNegative() ? 1 : 0));
    b.put((byte) indexOf(FORMS, model.solveForm()));
    b.put((byte) indexOf(KINDS, kind));
    b.put((byte) (kind == Resampling.Kind.SKLEARN
        ? indexOf(WEIGHTINGS, resampling.sklearnWeighting()) : 0));
    b.put((byte) (model.hasFeatureNames() ? 1 : 0));
    b.put((byte) 0);
    boolean blocks = kind == Resampling.Kind.MOVING_BLOCK || kind == Resampling.Kind.CIRCULAR_BLOCK;
    b.putInt(blocks ? resampling.blockLength() : 0);
    b.putDouble(model.alpha());
    b.putLong(model.seed());
    b.putDouble(kind == Resampling.Kind.STATIONARY_BLOCK ? resampling.meanBlockLength() : 0.0);
    b.putLong(kind == Resampling.Kind.SKLEARN ? resampling.randomState() : 0L);
    for (byte[] name : names) {
      b.putInt(name.length).put(name);
    }
    return b.array();
  }

  private static <T> int indexOf(T[] codes, T value) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == value) {
        return i;
      }
    }
    throw new IllegalStateException("no format code for " + value);
  }

  private static int roundUp(long value, int multiple) {
    long rounded = (value + multiple - 1) / multiple * multiple;
    return rounded > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) rounded;
  }

  // ------------------------------------------------------------------------------------ reading

  private static EnsembleModel read(Path path, FileChannel channel) throws IOException {
    long size = channel.size();
    BlockIo io = BlockIo.forReading(size);
    ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(size, PREFIX))
        .order(ByteOrder.LITTLE_ENDIAN);
    io.readBytes(channel, 0, prefix);
    checkMagic(path, prefix, size);
    if (size < PREFIX + CRC_BYTES) {
      throw problem(path, "truncated: " + size + " bytes (expected: at least "
          + (PREFIX + CRC_BYTES) + ")");
    }
    int version = prefix.getInt(8);
    if (version != FORMAT_VERSION) {
      throw problem(path, "format version " + Integer.toUnsignedString(version) + " (expected: "
          + FORMAT_VERSION + (Integer.compareUnsigned(version, FORMAT_VERSION) > 0
              ? "; written by a newer rila: upgrade to read it)" : ")"));
    }
    long headerLength = Integer.toUnsignedLong(prefix.getInt(12));
    if (headerLength < FIXED || (PREFIX + headerLength) % ALIGN != 0
        || PREFIX + headerLength + CRC_BYTES > size) {
      throw problem(path, "header length " + headerLength + " (expected: >= " + FIXED
          + ", ending at a multiple of " + ALIGN + " bytes, within the file's " + size
          + " bytes): truncated or corrupt");
    }
    ByteBuffer header = ByteBuffer.allocate((int) headerLength).order(ByteOrder.LITTLE_ENDIAN);
    io.readBytes(channel, PREFIX, header);
    int members = header.getInt(0);
    int features = header.getInt(4);
    int bytes = header.get(12);
    if (members < 1 || features < 1 || (bytes != Float.BYTES && bytes != Double.BYTES)) {
      throw problem(path, "shape " + members + " members x " + features + " features, "
          + bytes + " bytes per number (expected: >= 1, >= 1, 4 or 8): corrupt");
    }
    Precision precision = bytes == Float.BYTES ? Precision.FLOAT : Precision.DOUBLE;
    long numbers = members * (features + 1L);
    long expected = PREFIX + headerLength + numbers * bytes + CRC_BYTES;
    if (numbers > MAX_NUMBERS || size != expected) {
      throw problem(path, (size < expected ? "truncated: " : "wrong length: ") + size
          + " bytes (expected: " + expected + " for " + members + " members x " + features
          + " features, " + precision + ")");
    }
    long blockBytes = numbers * bytes;
    long heap = Runtime.getRuntime().maxMemory();
    if (blockBytes > heap) {
      throw problem(path, members + " members x " + features + " features, " + precision
          + " need " + blockBytes + " bytes (expected: at most this JVM's maximum heap, " + heap
          + " bytes)");
    }
    long at = PREFIX + headerLength;
    if (blockBytes > VERIFY_FIRST_BYTES) {
      BlockIo first = BlockIo.forReading(size);
      try {
        first.checksumOnly(channel, 0, at + blockBytes);
      } catch (EOFException e) {
        throw problem(path, "truncated while reading (" + e.getMessage() + ")");
      }
      checkCrc(path, channel, at + blockBytes, first.crc());
    }
    CoefficientStore store = CoefficientStore.allocate(members, features, precision);
    try {
      at = precision == Precision.FLOAT
          ? io.readFloats(channel, at, store.floatArray(), 0, (int) numbers)
          : io.readDoubles(channel, at, store.doubleArray(), 0, (int) numbers);
    } catch (EOFException e) {
      throw problem(path, "truncated while reading (" + e.getMessage() + ")");
    }
    checkCrc(path, channel, at, io.crc());
    EnsembleModel model = model(path, header, store);
    checkFinite(path, store, numbers);
    return model;
  }

  private static void checkCrc(Path path, FileChannel channel, long at, int crc)
      throws IOException {
    ByteBuffer stored = ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try {
      BlockIo.readFully(channel, at, stored);
    } catch (EOFException e) {
      throw problem(path, "truncated while reading (" + e.getMessage() + ")");
    }
    int storedCrc = stored.getInt(0);
    if (storedCrc != crc) {
      throw problem(path, String.format(Locale.ROOT, "checksum mismatch: CRC-32C of the content"
          + " is %08x, the file stores %08x: corrupt", crc, storedCrc));
    }
  }

  private static void checkMagic(Path path, ByteBuffer prefix, long size) throws IOException {
    int n = (int) Math.min(size, MAGIC.length);
    boolean magic = true;
    boolean checkpoint = n == MAGIC.length;
    for (int i = 0; i < n; i++) {
      magic &= prefix.get(i) == MAGIC[i];
      checkpoint &= prefix.get(i) == CHECKPOINT_MAGIC[i];
    }
    if (checkpoint) {
      throw problem(path, "a rila checkpoint part, not a model file");
    }
    if (!magic) {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < n; i++) {
        hex.append(String.format(Locale.ROOT, "%02X ", prefix.get(i)));
      }
      throw problem(path, "starts with " + hex + "(expected: 52 49 4C 41 0D 0A 1A 0A,"
          + " \"RILA\\r\\n\\x1A\\n\"): not a rila model file");
    }
  }

  /** Decodes and checks the header's settings and names; the checksum has already matched. */
  private static EnsembleModel model(Path path, ByteBuffer h, CoefficientStore store)
      throws IOException {
    int trainingRows = h.getInt(8);
    TargetTransform transform = code(path, TRANSFORMS, h.get(13), "target transform");
    int nonNegative = h.get(14);
    SolveForm form = code(path, FORMS, h.get(15), "solve form");
    Resampling.Kind kind = code(path, KINDS, h.get(16), "resampling kind");
    int weightingCode = h.get(17);
    int hasNames = h.get(18);
    int reserved = h.get(19);
    int blockLength = h.getInt(20);
    double alpha = h.getDouble(24);
    long seed = h.getLong(32);
    double meanBlockLength = h.getDouble(40);
    long randomState = h.getLong(48);
    require(path, trainingRows >= 1, "training rows " + trainingRows + " (expected: >= 1)");
    require(path, nonNegative == 0 || nonNegative == 1,
        "non-negative flag " + nonNegative + " (expected: 0 or 1)");
    require(path, hasNames == 0 || hasNames == 1,
        "feature-names flag " + hasNames + " (expected: 0 or 1)");
    require(path, reserved == 0, "reserved byte " + reserved + " (expected: 0)");
    require(path, alpha >= 0 && alpha < Double.POSITIVE_INFINITY,
        "alpha " + alpha + " (expected: finite and >= 0)");
    require(path, !(form == SolveForm.DUAL && (alpha == 0 || nonNegative == 1)),
        "solve form DUAL with alpha " + alpha + " and non-negative " + (nonNegative == 1)
            + " (expected: alpha > 0 and unconstrained)");
    Resampling resampling = resampling(path, kind, weightingCode, blockLength, meanBlockLength,
        randomState, seed, trainingRows);
    List<String> names = hasNames == 1 ? names(path, h, store.features()) : null;
    int namesEnd = h.position();
    for (int i = hasNames == 1 ? namesEnd : FIXED; i < h.limit(); i++) {
      require(path, h.get(i) == 0, "padding byte at offset " + (PREFIX + i) + " is "
          + h.get(i) + " (expected: 0)");
    }
    return new EnsembleModel(store, names, trainingRows, alpha, seed, resampling, transform,
        nonNegative == 1, form, ForkJoinPool.commonPool());
  }

  private static Resampling resampling(
      Path path, Resampling.Kind kind, int weightingCode, int blockLength,
      double meanBlockLength, long randomState, long seed, int trainingRows) throws IOException {
    boolean blocks = kind == Resampling.Kind.MOVING_BLOCK || kind == Resampling.Kind.CIRCULAR_BLOCK;
    boolean stationary = kind == Resampling.Kind.STATIONARY_BLOCK;
    boolean sklearn = kind == Resampling.Kind.SKLEARN;
    require(path, blocks ? blockLength >= 1 && blockLength <= trainingRows : blockLength == 0,
        "block length " + blockLength + " for " + kind + " (expected: " + (blocks
            ? "1 .. training rows " + trainingRows : "0") + ")");
    require(path, stationary ? meanBlockLength >= 1 && meanBlockLength <= trainingRows
            : Double.doubleToRawLongBits(meanBlockLength) == 0,
        "mean block length " + meanBlockLength + " for " + kind + " (expected: " + (stationary
            ? "1 .. training rows " + trainingRows : "0") + ")");
    require(path, sklearn ? weightingCode == 1 || weightingCode == 2 : weightingCode == 0,
        "scikit-learn weighting code " + weightingCode + " for " + kind + " (expected: "
            + (sklearn ? "1 or 2" : "0") + ")");
    require(path, sklearn ? randomState >= 0 && randomState <= MAX_RANDOM_STATE
            && seed == randomState : randomState == 0,
        "random state " + randomState + " with seed " + seed + " for " + kind + " (expected: "
            + (sklearn ? "0 .. 4294967295, equal to the seed" : "0") + ")");
    switch (kind) {
      case IID:
        return Resampling.iid();
      case POISSON:
        return Resampling.poisson();
      case MOVING_BLOCK:
        return Resampling.movingBlock(blockLength);
      case CIRCULAR_BLOCK:
        return Resampling.circularBlock(blockLength);
      case STATIONARY_BLOCK:
        return Resampling.stationary(meanBlockLength);
      default:
        return Resampling.sklearnCompatible(randomState, WEIGHTINGS[weightingCode]);
    }
  }

  private static List<String> names(Path path, ByteBuffer h, int features) throws IOException {
    h.position(FIXED);
    List<String> names = new ArrayList<>(features);
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < features; j++) {
      require(path, h.remaining() >= Integer.BYTES, "feature names end after " + j + " of "
          + features + " names (expected: one per feature)");
      int length = h.getInt();
      require(path, length >= 0 && length <= h.remaining(), "feature name " + j + " has length "
          + length + " (expected: 0 .. " + h.remaining() + ", within the header)");
      ByteBuffer slice = h.slice();
      slice.limit(length);
      h.position(h.position() + length);
      String name;
      try {
        name = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(slice).toString();
      } catch (CharacterCodingException e) {
        throw problem(path, "inconsistent header: feature name " + j + " is not valid UTF-8");
      }
      require(path, seen.add(name), "feature name " + j + " '" + name + "' repeats an earlier"
          + " name (expected: distinct names)");
      names.add(name);
    }
    return names;
  }

  private static <T> T code(Path path, T[] codes, int code, String what) throws IOException {
    require(path, code >= 0 && code < codes.length && codes[code] != null,
        what + " code " + code + " (expected: 0 .. " + (codes.length - 1) + ")");
    return codes[code];
  }

  private static void checkFinite(Path path, CoefficientStore store, long numbers)
      throws IOException {
    float[] floats = store.floatArray();
    double[] doubles = store.doubleArray();
    for (int i = 0; i < numbers; i++) {
      if (floats != null ? !Float.isFinite(floats[i]) : !Double.isFinite(doubles[i])) {
        int stride = store.features() + 1;
        throw problem(path, "inconsistent content: member " + i / stride + ", position "
            + i % stride + " is " + (floats != null ? floats[i] : doubles[i])
            + " (expected: finite)");
      }
    }
  }

  private static void require(Path path, boolean ok, String what) throws IOException {
    if (!ok) {
      throw problem(path, "inconsistent header: " + what);
    }
  }

  private static IOException problem(Path path, String what) {
    return new IOException("model file " + path + ": " + what);
  }
}
