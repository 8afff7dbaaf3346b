package io.rila.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run happened: the core count most JMH results recorded (else this JVM's), the CPU
 * model, the JVM JMH ran on, the OS and the date.
 *
 * @param cores {@code Runtime.availableProcessors()} of the benchmark JVMs
 * @param cpu the CPU model
 * @param jvm the JDK version and VM
 * @param os the operating system
 * @param date the day of the report
 */
record Machine(int cores, String cpu, String jvm, String os, LocalDate date) {

  /** Describes the machine of {@code jmh}, assuming it is the one this JVM runs on. */
  static Machine of(JmhResults jmh, LocalDate date) {
    Map<Integer, Integer> votes = new TreeMap<>();
    for (JmhResults.Result result : jmh.all()) {
      double recorded = result.counter("availableProcessors");
      if (!Double.isNaN(recorded)) {
        votes.merge((int) recorded, 1, Integer::sum);
      }
    }
    int count = Runtime.getRuntime().availableProcessors();
    int best = 0;
    for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
      if (vote.getValue() > best) {
        best = vote.getValue();
        count = vote.getKey();
      }
    }
    String jvm = jmh.jdkVersion().isEmpty()
        ? System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        : jmh.jdkVersion() + ", " + jmh.vm();
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    return new Machine(count, cpuModel(), jvm, os, date);
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    try {
      List<String> lines = Files.readAllLines(info, StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | SecurityException e) {
      return System.getProperty("os.arch");
    }
    return System.getProperty("os.arch");
  }
}
