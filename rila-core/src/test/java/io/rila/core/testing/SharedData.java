package io.rila.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's shared oracles and reference data ({@code ../shared} beside the checkout).
 *
 * <p>Tests that need them call {@link #oracle(String)} or {@link #dataFile(String)}; both skip the
 * test through a JUnit assumption when the folder is absent, so a user's clone without it still
 * passes. The location comes from the {@code rila.shared.dir} system property (set by the build)
 * and falls back to {@code ../shared} and {@code ../../shared} relative to the working directory.
 */
public final class SharedData {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SharedData() {}

  /** The shared folder, or {@code null} when it is absent. */
  public static Path sharedDirOrNull() {
    String configured = System.getProperty("rila.shared.dir");
    if (configured != null && Files.isDirectory(Path.of(configured, "oracles"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (String candidate : new String[] {"../shared", "../../shared"}) {
      Path p = Path.of(candidate);
      if (Files.isDirectory(p.resolve("oracles"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  /** The shared folder; skips the calling test when it is absent. */
  public static Path sharedDir() {
    Path dir = sharedDirOrNull();
    assumeTrue(dir != null, "../shared is absent: test skipped");
    return dir;
  }

  /** A file of {@code shared/data/rila-6y20b}; skips the calling test when it is absent. */
  public static Path dataFile(String name) {
    Path p = sharedDir().resolve("data").resolve("rila-6y20b").resolve(name);
    assumeTrue(Files.isRegularFile(p), p + " is absent: test skipped");
    return p;
  }

  /** The parsed JSON of {@code shared/oracles/NAME}; skips the calling test when it is absent. */
  public static JsonNode oracle(String name) {
    Path p = sharedDir().resolve("oracles").resolve(name);
    assumeTrue(Files.isRegularFile(p), p + " is absent: test skipped");
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
