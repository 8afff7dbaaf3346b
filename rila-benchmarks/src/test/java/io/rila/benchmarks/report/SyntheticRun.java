package io.rila.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes JMH JSON in the layout JMH 1.37 writes with {@code -rf json}, for tests of the tools that
 * read it: benchmark, mode, threads, forks, jdk and VM fields, params, a primary metric with raw
 * data, and secondary metrics (GC profiler and aux counters).
 */
final class SyntheticRun {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ArrayNode root = MAPPER.createArrayNode();
  private ObjectNode last;

  /**
   * Adds a result whose raw data holds {@code score} in each of three iterations.
   *
   * @param benchmark the fully qualified benchmark method
   * @param mode JMH's mode, e.g. {@code avgt}
   * @param score the primary score
   * @param unit the primary unit, e.g. {@code ms/op}
   * @param params alternating names and values
   * @return this
   */
  SyntheticRun add(String benchmark, String mode, double score, String unit, String... params) {
    ObjectNode node = root.addObject();
    node.put("jmhVersion", "1.37");
    node.put("benchmark", benchmark);
    node.put("mode", mode);
    node.put("threads", 1);
    node.put("forks", 1);
    node.put("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    node.putArray("jvmArgs");
    node.put("jdkVersion", "17.0.15");
    node.put("vmName", "OpenJDK 64-Bit Server VM");
    node.put("vmVersion", "17.0.15+6-Debian-1deb12u1");
    node.put("warmupIterations", 2);
    node.put("measurementIterations", 3);
    if (params.length > 0) {
      ObjectNode p = node.putObject("params");
      for (int i = 0; i < params.length; i += 2) {
        p.put(params[i], params[i + 1]);
      }
    }
    metric(node.putObject("primaryMetric"), score, unit, 3);
    node.putObject("secondaryMetrics");
    last = node;
    return this;
  }

  /**
   * Adds a secondary metric to the last result; raw data holds {@code perIteration} in each of
   * three iterations and the score is their sum for unit {@code #} (as JMH sums event counters) or
   * {@code perIteration} otherwise.
   *
   * @param name e.g. {@code gc.alloc.rate.norm}
   * @param perIteration the value each iteration saw
   * @param unit e.g. {@code B/op} or {@code #}
   * @return this
   */
  SyntheticRun secondary(String name, double perIteration, String unit) {
    ObjectNode metric = ((ObjectNode) last.get("secondaryMetrics")).putObject(name);
    metric(metric, perIteration, unit, 3);
    if (unit.equals("#")) {
      metric.put("score", 3 * perIteration);
    }
    return this;
  }

  private static void metric(ObjectNode metric, double score, String unit, int iterations) {
    metric.put("score", score);
    metric.put("scoreError", score / 100);
    metric.putArray("scoreConfidence").add(0.99 * score).add(1.01 * score);
    metric.putObject("scorePercentiles").put("50.0", score);
    metric.put("scoreUnit", unit);
    ArrayNode fork = metric.putArray("rawData").addArray();
    for (int i = 0; i < iterations; i++) {
      fork.add(score);
    }
  }

  /** Writes the run to {@code file} and returns it. */
  Path write(Path file) {
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
