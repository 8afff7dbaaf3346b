package io.rila.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The results of one or more JMH runs, read from the JSON that {@code -rf json} writes.
 *
 * <pre>{@code
 * JmhResults results = JmhResults.read(Path.of("jmh-result.json"));
 * JmhResults.Result fit = results.find("TrainingBenchmark.fit", Map.of("members", "1000")).get();
 * double seconds = fit.secondsPerOp();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JmhResults {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<Result> results;
  private final String jdkVersion;
  private final String vmName;
  private final String vmVersion;

  private JmhResults(List<Result> results, String jdkVersion, String vmName, String vmVersion) {
    this.results = List.copyOf(results);
    this.jdkVersion = jdkVersion;
    this.vmName = vmName;
    this.vmVersion = vmVersion;
  }

  /**
   * Reads and merges JMH JSON result files; a benchmark present in several files keeps every
   * entry, in file order.
   *
   * @param files the files, at least one
   * @return the results
   * @throws IOException if a file cannot be read or is not a JMH JSON array
   * @throws IllegalArgumentException if {@code files} is empty
   */
  public static JmhResults read(Path... files) throws IOException {
    if (files.length == 0) {
      throw new IllegalArgumentException("files: none (expected: at least one JMH JSON file)");
    }
    List<Result> all = new ArrayList<>();
    String jdk = "";
    String vm = "";
    String vmVersion = "";
    for (Path file : files) {
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null || !root.isArray()) {
        throw new IOException(file + ": not a JMH JSON result (expected: a JSON array)");
      }
      for (JsonNode node : root) {
        all.add(parse(node, file));
        jdk = node.path("jdkVersion").asText(jdk);
        vm = node.path("vmName").asText(vm);
        vmVersion = node.path("vmVersion").asText(vmVersion);
      }
    }
    return new JmhResults(all, jdk, vm, vmVersion);
  }

  private static Result parse(JsonNode node, Path file) throws IOException {
    String benchmark = node.path("benchmark").asText("");
    JsonNode primary = node.path("primaryMetric");
    if (benchmark.isEmpty() || !primary.has("score")) {
      throw new IOException(file + ": an entry without benchmark name or primary score");
    }
    Map<String, String> params = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : node.path("params").properties()) {
      params.put(field.getKey(), field.getValue().asText());
    }
    Map<String, Metric> secondary = new TreeMap<>();
    for (Map.Entry<String, JsonNode> metric : node.path("secondaryMetrics").properties()) {
      secondary.put(metric.getKey(), metric(metric.getValue()));
    }
    return new Result(benchmark, node.path("mode").asText(""), node.path("threads").asInt(1),
        params, metric(primary), secondary);
  }

  private static Metric metric(JsonNode node) {
    double error = node.path("scoreError").asDouble(Double.NaN);
    double sum = 0;
    int count = 0;
    for (JsonNode fork : node.path("rawData")) {
      for (JsonNode value : fork) {
        sum += value.asDouble(Double.NaN);
        count++;
      }
    }
    return new Metric(node.path("score").asDouble(Double.NaN), error,
        node.path("scoreUnit").asText(""), count == 0 ? Double.NaN : sum / count);
  }

  /** Every result, in file order. */
  public List<Result> all() {
    return results;
  }

  /** The JDK version JMH recorded (empty when unknown). */
  public String jdkVersion() {
    return jdkVersion;
  }

  /** The VM name and version JMH recorded (empty when unknown). */
  public String vm() {
    return (vmName + " " + vmVersion).trim();
  }

  /**
   * The first result whose benchmark name ends with {@code suffix} (matched at a {@code .}
   * boundary, so {@code "TrainingBenchmark.fit"} finds {@code io.rila.benchmarks.TrainingBenchmark
   * .fit}) and whose parameters include every entry of {@code params}.
   *
   * @param suffix the benchmark's simple name, e.g. {@code "TrainingBenchmark.fit"}
   * @param params parameters the result must have (others may differ)
   * @return the result, or empty
   */
  public Optional<Result> find(String suffix, Map<String, String> params) {
    for (Result result : results) {
      if (result.matches(suffix, params)) {
        return Optional.of(result);
      }
    }
    return Optional.empty();
  }

  /**
   * Every result matching as in {@link #find(String, Map)}, in file order.
   *
   * @param suffix the benchmark's simple name
   * @param params parameters the results must have
   * @return the matching results, possibly empty
   */
  public List<Result> findAll(String suffix, Map<String, String> params) {
    List<Result> found = new ArrayList<>();
    for (Result result : results) {
      if (result.matches(suffix, params)) {
        found.add(result);
      }
    }
    return Collections.unmodifiableList(found);
  }

  /**
   * A score with its error (JMH's 99.9% half-width, NaN when it could not be computed), unit and
   * the mean of its per-iteration values. JMH sums event counters ({@code @AuxCounters(EVENTS)})
   * over iterations in {@code score}; {@code iterationMean} is then the value one iteration saw.
   *
   * @param score the score
   * @param error the error half-width
   * @param unit the unit, e.g. {@code ms/op}, {@code ops/s}, {@code B/op}
   * @param iterationMean the mean of the raw per-iteration values, NaN when JMH wrote none
   */
  public record Metric(double score, double error, String unit, double iterationMean) {}

  /**
   * One benchmark with one set of parameters.
   *
   * @param benchmark the fully qualified benchmark method
   * @param mode JMH's mode ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss})
   * @param threads the JMH worker threads
   * @param params the parameters, sorted by name
   * @param primary the primary metric
   * @param secondary the secondary metrics by name ({@code gc.alloc.rate.norm}, aux counters)
   */
  public record Result(String benchmark, String mode, int threads, Map<String, String> params,
      Metric primary, Map<String, Metric> secondary) {

    /** Copies the maps. */
    public Result {
      Objects.requireNonNull(benchmark, "benchmark");
      params = Collections.unmodifiableMap(new TreeMap<>(params));
      secondary = Collections.unmodifiableMap(new TreeMap<>(secondary));
    }

    /** The benchmark name with its parameters, e.g. {@code Training.fit {members=100}}. */
    public String key() {
      return params.isEmpty() ? benchmark + " [" + mode + "]"
          : benchmark + " " + params + " [" + mode + "]";
    }

    /** The benchmark name without its package, e.g. {@code TrainingBenchmark.fit}. */
    public String simpleName() {
      int method = benchmark.lastIndexOf('.');
      int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
      return benchmark.substring(type + 1);
    }

    /**
     * A parameter's value as a number.
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if the result has no such numeric parameter
     */
    public double param(String name) {
      String value = params.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "param: " + name + " (expected: one of " + params.keySet() + " of " + benchmark + ")");
      }
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "param: " + name + " = " + value + " (expected: a number)", e);
      }
    }

    /**
     * The primary score as seconds per operation, whatever the mode and unit.
     *
     * @return seconds per operation
     * @throws IllegalArgumentException if the unit is not a time per operation or operations per
     *     time
     */
    public double secondsPerOp() {
      return secondsPerOp(primary);
    }

    /**
     * A secondary metric's score, or NaN when the result has none of that name.
     *
     * @param name e.g. {@code gc.alloc.rate.norm}
     * @return the score or NaN
     */
    public double secondary(String name) {
      Metric metric = secondary.get(name);
      return metric == null ? Double.NaN : metric.score();
    }

    /**
     * An event counter's value per iteration (see {@link Metric#iterationMean()}), or NaN when the
     * result has no metric of that name.
     *
     * @param name e.g. {@code availableProcessors}
     * @return the per-iteration mean or NaN
     */
    public double counter(String name) {
      Metric metric = secondary.get(name);
      return metric == null ? Double.NaN : metric.iterationMean();
    }

    boolean matches(String suffix, Map<String, String> wanted) {
      if (!(benchmark.equals(suffix) || benchmark.endsWith("." + suffix))) {
        return false;
      }
      for (Map.Entry<String, String> entry : wanted.entrySet()) {
        if (!entry.getValue().equals(params.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Converts a time-per-operation or operations-per-time metric into seconds per operation.
     *
     * @param metric the metric
     * @return seconds per operation
     * @throws IllegalArgumentException if the unit is neither form
     */
    static double secondsPerOp(Metric metric) {
      String unit = metric.unit();
      int slash = unit.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("unit: " + unit + " (expected: time/op or ops/time)");
      }
      String top = unit.substring(0, slash);
      String bottom = unit.substring(slash + 1);
      if (bottom.equals("op")) {
        return metric.score() * seconds(top, unit);
      }
      if (top.equals("ops")) {
        return seconds(bottom, unit) / metric.score();
      }
      throw new IllegalArgumentException("unit: " + unit + " (expected: time/op or ops/time)");
    }

    private static double seconds(String timeUnit, String unit) {
      switch (timeUnit) {
        case "ns":
          return 1e-9;
        case "us":
        case "\u00b5s":
          return 1e-6;
        case "ms":
          return 1e-3;
        case "s":
          return 1;
        case "min":
          return 60;
        case "hr":
          return 3600;
        default:
          throw new IllegalArgumentException(
              "unit: " + unit + " (expected: a time in ns, us, ms, s, min or hr)");
      }
    }
  }
}
