package io.rila.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's reference data: the oracles and the production data in the repository's
 * {@code testdata/} folder ({@code testdata/oracles}, {@code testdata/rila-6y20b}; see
 * {@code testdata/README.md}).
 *
 * <p>Tests that need them call {@link #oracle(String)} or {@link #dataFile(String)}. The data
 * are part of every clone, so a missing folder or file fails the calling test with an
 * {@link AssertionError} that names the path; nothing is skipped. The location comes from the
 * {@code rila.testdata.dir} system property (the parent pom sets it to {@code
 * ${maven.multiModuleProjectDirectory}/testdata}) and otherwise from the first {@code testdata}
 * folder with an {@code oracles} subfolder found walking up from the working directory, so a
 * test run from a module folder or an IDE finds it too.
 */
public final class SharedData {

  /** The system property that names the test-data folder. */
  public static final String PROPERTY = "rila.testdata.dir";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SharedData() {}

  /** The repository's {@code testdata} folder, or {@code null} when it cannot be found. */
  public static Path sharedDirOrNull() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isDirectory(p.resolve("oracles"))) {
        return p;
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("testdata");
      if (Files.isDirectory(p.resolve("oracles"))) {
        return p.normalize();
      }
    }
    return null;
  }

  /**
   * The repository's {@code testdata} folder.
   *
   * @throws AssertionError when it cannot be found (the calling test fails)
   */
  public static Path sharedDir() {
    Path dir = sharedDirOrNull();
    if (dir == null) {
      throw new AssertionError("testdata: not found (expected: the repository's testdata folder,"
          + " from -D" + PROPERTY + "=" + System.getProperty(PROPERTY)
          + " or walking up from " + Path.of("").toAbsolutePath() + ")");
    }
    return dir;
  }

  /**
   * A file of {@code testdata/rila-6y20b}.
   *
   * @throws AssertionError when the file is missing (the calling test fails)
   */
  public static Path dataFile(String name) {
    return existing(sharedDir().resolve("rila-6y20b").resolve(name));
  }

  /**
   * The parsed JSON of {@code testdata/oracles/NAME}.
   *
   * @throws AssertionError when the file is missing (the calling test fails)
   */
  public static JsonNode oracle(String name) {
    Path p = existing(sharedDir().resolve("oracles").resolve(name));
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new AssertionError(p + ": missing (expected: a file of the repository's testdata,"
          + " see testdata/README.md)");
    }
    return p;
  }

  /** A JSON array of numbers as {@code double[]} ({@code null} entries become NaN). */
  public static double[] vector(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      out[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
    return out;
  }

  /** A JSON array of rows as {@code double[][]}. */
  public static double[][] matrix(JsonNode node) {
    double[][] out = new double[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(node.get(i));
    }
    return out;
  }

  /** A JSON array of integers as {@code long[]}. */
  public static long[] longs(JsonNode node) {
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asLong();
    }
    return out;
  }

  /** Relative difference |a - b| / max(|b|, tiny) for tolerance checks against oracles. */
  public static double relativeError(double actual, double expected) {
    double scale = Math.max(Math.abs(expected), 1e-300);
    return Math.abs(actual - expected) / scale;
  }
}
