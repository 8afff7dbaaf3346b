package io.rila.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The scikit-learn timings that {@code rila-benchmarks/python/sklearn_reference.py} writes: fits
 * by shape, members, {@code n_jobs} and alpha, predictions by rows, pickled sizes and peak RSS.
 * An absent reference ({@link #none()}) answers every question with empty, so the report can be
 * written from the JMH results alone.
 *
 * <pre>{@code
 * SklearnReference sklearn = SklearnReference.read(Path.of("target/sklearn-reference.json"));
 * OptionalDouble seconds = sklearn.fitSeconds("guide", 1000, -1);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SklearnReference {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonNode root;

  private SklearnReference(JsonNode root) {
    this.root = root;
  }

  /**
   * Reads the JSON file.
   *
   * @param file the file the script wrote
   * @return the reference
   * @throws IOException if the file cannot be read or is not a JSON object with a {@code fit}
   *     array
   */
  public static SklearnReference read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    if (root == null || !root.isObject() || !root.path("fit").isArray()) {
      throw new IOException(file + ": not a scikit-learn reference (expected: an object with a "
          + "\"fit\" array, as python/sklearn_reference.py writes)");
    }
    return new SklearnReference(root);
  }

  /** A reference with no measurements. */
  public static SklearnReference none() {
    return new SklearnReference(MAPPER.createObjectNode());
  }

  /** Whether any measurement is present. */
  public boolean present() {
    return root.has("fit");
  }

  /** A one-line description: versions, CPU count and date, or empty when absent. */
  public String describe() {
    if (!present()) {
      return "";
    }
    JsonNode machine = root.path("machine");
    JsonNode versions = root.path("versions");
    return "scikit-learn " + versions.path("sklearn").asText("?") + ", numpy "
        + versions.path("numpy").asText("?") + ", Python " + machine.path("python").asText("?")
        + ", " + machine.path("cpus").asText("?") + " CPUs, measured "
        + machine.path("date").asText("?");
  }

  /** The repeats each median is taken over (1 for 10,000-member fits), or 0 when unknown. */
  public int repeats() {
    return root.path("settings").path("repeats").asInt(0);
  }

  /**
   * The median fit time with alpha 1.
   *
   * @param shape {@code guide} or {@code production}
   * @param members the ensemble size
   * @param nJobs scikit-learn's {@code n_jobs} ({@code 1} or {@code -1})
   * @return seconds, or empty when not measured
   */
  public OptionalDouble fitSeconds(String shape, int members, int nJobs) {
    JsonNode fit = fit(shape, members, nJobs);
    return fit == null ? OptionalDouble.empty() : OptionalDouble.of(fit.path("seconds").asDouble());
  }

  /**
   * How many runs the fit time is the median of.
   *
   * @param shape {@code guide} or {@code production}
   * @param members the ensemble size
   * @param nJobs scikit-learn's {@code n_jobs}
   * @return the runs, 0 when not measured
   */
  public int fitRuns(String shape, int members, int nJobs) {
    JsonNode fit = fit(shape, members, nJobs);
    return fit == null ? 0 : fit.path("all").size();
  }

  /**
   * The pickled size of a fitted model ({@code n_jobs=-1} preferred, else {@code 1}).
   *
   * @param shape {@code guide} or {@code production}
   * @param members the ensemble size
   * @return bytes, or empty when not measured
   */
  public OptionalDouble pickledBytes(String shape, int members) {
    return fitField(shape, members, "pickled_bytes");
  }

  /**
   * The script's peak RSS right after fitting this model ({@code n_jobs=-1} preferred).
   *
   * @param shape {@code guide} or {@code production}
   * @param members the ensemble size
   * @return bytes, or empty when not measured
   */
  public OptionalDouble peakRssBytes(String shape, int members) {
    return fitField(shape, members, "peak_rss_bytes");
  }

  /**
   * The median fit time of the alpha series (guide shape, {@code n_jobs=-1}).
   *
   * @param alpha the penalty
   * @return seconds per fit, or empty when not measured
   */
  public OptionalDouble alphaSeconds(double alpha) {
    for (JsonNode entry : root.path("alpha")) {
      if (entry.path("alpha").asDouble() == alpha) {
        return OptionalDouble.of(entry.path("seconds").asDouble());
      }
    }
    return OptionalDouble.empty();
  }

  /** The ensemble size of the alpha series, or 0 when it was not run. */
  public int alphaMembers() {
    for (JsonNode entry : root.path("alpha")) {
      return entry.path("members").asInt();
    }
    return 0;
  }

  /**
   * The median time to predict mean and 2.5/50/97.5 percentiles.
   *
   * @param members the ensemble size of the model
   * @param rows rows predicted at once
   * @return seconds, or empty when not measured
   */
  public OptionalDouble predictSeconds(int members, int rows) {
    for (JsonNode entry : root.path("predict")) {
      if (entry.path("members").asInt() == members && entry.path("rows").asInt() == rows) {
        return OptionalDouble.of(entry.path("seconds").asDouble());
      }
    }
    return OptionalDouble.empty();
  }

  private OptionalDouble fitField(String shape, int members, String field) {
    JsonNode fit = fit(shape, members, -1);
    if (fit == null) {
      fit = fit(shape, members, 1);
    }
    return fit == null || !fit.has(field) ? OptionalDouble.empty()
        : OptionalDouble.of(fit.path(field).asDouble());
  }

  private JsonNode fit(String shape, int members, int nJobs) {
    for (JsonNode entry : root.path("fit")) {
      if (entry.path("shape").asText().equals(shape) && entry.path("members").asInt() == members
          && entry.path("n_jobs").asInt() == nJobs && entry.path("alpha").asDouble(1.0) == 1.0) {
        return entry;
      }
    }
    return null;
  }
}
