package io.rila.bootstrap;

import io.rila.bootstrap.internal.BlockIo;
import io.rila.bootstrap.internal.MemberBlock;
import io.rila.core.internal.AtomicFiles;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves fitted ensembles to files, loads them back, and exports their coefficients for numpy.
 *
 * <pre>{@code
 * ModelFiles.save(model, Path.of("models/sales-2024w18.rila"));
 * EnsembleModel same = ModelFiles.load(Path.of("models/sales-2024w18.rila"));
 * ModelFiles.exportNpy(model, Path.of("models/sales-2024w18.npy"));   // numpy.load(...)
 * EnsembleModel imported = ModelFiles.importNpy(Path.of("bagging.npy"), settings, names, rows);
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
 * for that. {@link #importNpy} reads such an array back, with settings given by the caller.
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

  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int NPY_ALIGN = 64;
  private static final Pattern NPY_DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern NPY_ORDER =
      Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern NPY_SHAPE =
      Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

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
    AtomicFiles.write(path, out -> {
      BlockIo io = BlockIo.forWriting();
      io.writeBytes(out, header);
      store.block().write(io, out, 0, store.members());
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
    AtomicFiles.write(path, out -> {
      BlockIo io = BlockIo.forWriting();
      io.writeBytes(out, header.array());
      store.block().write(io, out, 0, store.members());
    });
  }

  /**
   * Reads a numpy {@code .npy} array of shape {@code (members, features + 1)} (the layout {@link
   * #exportNpy} writes: each row a member, its coefficients in feature order, then its intercept)
   * into a model with these settings: for members fitted elsewhere, such as the estimators of a
   * scikit-learn {@code BaggingRegressor(Ridge)} ({@code docs/model-files.md} shows the Python
   * side). Accepted: format versions 1.0 to 3.0, dtype {@code <f4} (read as {@link
   * Precision#FLOAT}) or {@code <f8} ({@link Precision#DOUBLE}), C order, every number finite.
   * The settings' estimator count must be the array's rows and their precision its dtype's.
   *
   * <pre>{@code
   * EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(1000).alpha(1.0)
   *     .precision(Precision.DOUBLE).build();
   * EnsembleModel model = ModelFiles.importNpy(Path.of("bagging.npy"), settings,
   *     List.of("rate", "spread"), 152);
   * }</pre>
   *
   * @param path the {@code .npy} file
   * @param settings the settings the members were fitted with
   * @param featureNames the feature names ({@code features} of them), or null for {@code x0,
   *     x1, ...}
   * @param trainingRows the rows the members were fitted on, {@code >= 1}
   * @return the model (batched predictions on {@link ForkJoinPool#commonPool()})
   * @throws NullPointerException if {@code path} or {@code settings} is null
   * @throws IllegalArgumentException if the settings, names or rows do not fit the array (as
   *     {@link EnsembleModel#of})
   * @throws IOException if the file cannot be read, or is not such an array: the message names
   *     the file and what is wrong (not a regular file, larger than half the heap or 2 GiB,
   *     magic, version, dtype, order, shape, length, a number that is not finite)
   */
  public static EnsembleModel importNpy(Path path, EnsembleSettings settings,
      List<String> featureNames, int trainingRows) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(settings, "settings");
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw npyProblem(path, (attributes.isDirectory() ? "a directory" : "not a regular file")
          + " (expected: a regular file)");
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (attributes.size() > Math.min(heap / 2, Integer.MAX_VALUE - 8)) {
      throw npyProblem(path, attributes.size() + " bytes (expected: at most half this JVM's"
          + " maximum heap, " + heap + " bytes, and under 2 GiB)");
    }
    byte[] bytes = Files.readAllBytes(path);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      if (bytes.length <= i || bytes[i] != NPY_MAGIC[i]) {
        throw npyProblem(path, "does not start with \\x93NUMPY: not an .npy file");
      }
    }
    int major = bytes.length > 7 ? bytes[6] : -1;
    int lengthBytes = major == 1 ? 2 : 4;
    if (major < 1 || major > 3 || bytes.length < 8 + lengthBytes) {
      throw npyProblem(path, "format version " + major + " (expected: 1, 2 or 3)");
    }
    long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8))
        : Integer.toUnsignedLong(b.getInt(8));
    long dataStart = 8 + lengthBytes + headerLength;
    if (dataStart > bytes.length) {
      throw npyProblem(path, "header of " + headerLength + " bytes runs past the file's "
          + bytes.length + " bytes: truncated");
    }
    String dict = new String(bytes, 8 + lengthBytes, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = NPY_DESCR.matcher(dict);
    Matcher order = NPY_ORDER.matcher(dict);
    Matcher shape = NPY_SHAPE.matcher(dict);
    if (!descr.find() || !order.find()) {
      throw npyProblem(path, "header " + dict.trim() + " (expected: 'descr' and 'fortran_order')");
    }
    String dtype = descr.group(1);
    if (!dtype.equals("<f4") && !dtype.equals("<f8")) {
      throw npyProblem(path, "dtype '" + dtype + "' (expected: '<f4' or '<f8', little-endian"
          + " float32 or float64)");
    }
    if (!order.group(1).equals("False")) {
      throw npyProblem(path, "fortran_order True (expected: False, C order; save"
          + " np.ascontiguousarray(a))");
    }
    if (!shape.find()) {
      throw npyProblem(path, "header " + dict.trim() + " (expected: a two-dimensional 'shape',"
          + " (members, features + 1))");
    }
    long rows = Long.parseLong(shape.group(1));
    long columns = Long.parseLong(shape.group(2));
    if (rows < 1 || columns < 2 || rows * columns > MAX_NUMBERS) {
      throw npyProblem(path, "shape (" + rows + ", " + columns + ") (expected: at least 1"
          + " member and 2 columns, features then the intercept)");
    }
    int size = dtype.equals("<f4") ? Float.BYTES : Double.BYTES;
    long expected = dataStart + rows * columns * size;
    if (bytes.length != expected) {
      throw npyProblem(path, (bytes.length < expected ? "truncated: " : "wrong length: ")
          + bytes.length + " bytes (expected: " + expected + " for shape (" + rows + ", "
          + columns + "), " + dtype + ")");
    }
    Precision precision = size == Float.BYTES ? Precision.FLOAT : Precision.DOUBLE;
    CoefficientStore store =
        CoefficientStore.allocate((int) rows, (int) columns - 1, precision);
    store.block().read(b.position((int) dataStart).slice().order(ByteOrder.LITTLE_ENDIAN),
        0, (int) rows);
    int bad = store.block().firstNonFinite(0, (int) rows);
    if (bad >= 0) {
      throw npyProblem(path, store.block().describe(bad) + " (expected: finite)");
    }
    return EnsembleModel.of(store, featureNames, trainingRows, settings);
  }

  private static IOException npyProblem(Path path, String what) {
    return new IOException("npy file " + path + ": " + what);
  }

  // ------------------------------------------------------------------------------------ writing

  private static byte[] header(EnsembleModel model) {
    CoefficientStore store = model.coefficients();
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
    model.settings().encode(b, PREFIX);
    b.putInt(PREFIX + 4, store.features()).putInt(PREFIX + 8, model.trainingRows());
    b.put(PREFIX + 18, (byte) (model.hasFeatureNames() ? 1 : 0));
    b.position(PREFIX + FIXED);
    for (byte[] name : names) {
      b.putInt(name.length).put(name);
    }
    return b.array();
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
      at = store.block().read(io, channel, at);
    } catch (EOFException e) {
      throw problem(path, "truncated while reading (" + e.getMessage() + ")");
    }
    checkCrc(path, channel, at, io.crc());
    EnsembleModel model = model(path, header, store);
    checkFinite(path, store);
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
    int hasNames = h.get(18);
    int reserved = h.get(19);
    require(path, trainingRows >= 1, "training rows " + trainingRows + " (expected: >= 1)");
    require(path, hasNames == 0 || hasNames == 1,
        "feature-names flag " + hasNames + " (expected: 0 or 1)");
    require(path, reserved == 0, "reserved byte " + reserved + " (expected: 0)");
    EnsembleSettings settings;
    try {
      settings = EnsembleSettings.decode(h, trainingRows);
    } catch (IllegalArgumentException e) {
      throw problem(path, "inconsistent header: " + e.getMessage());
    }
    List<String> names = hasNames == 1 ? names(path, h, store.features()) : null;
    int namesEnd = h.position();
    for (int i = hasNames == 1 ? namesEnd : FIXED; i < h.limit(); i++) {
      require(path, h.get(i) == 0, "padding byte at offset " + (PREFIX + i) + " is "
          + h.get(i) + " (expected: 0)");
    }
    return EnsembleModel.of(store, names, trainingRows, settings);
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

  private static void checkFinite(Path path, CoefficientStore store) throws IOException {
    MemberBlock block = store.block();
    int bad = block.firstNonFinite(0, store.members());
    if (bad >= 0) {
      throw problem(path, "inconsistent content: " + block.describe(bad) + " (expected: finite)");
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
