package io.rila.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Facts recorded with every training result, as JMH secondary metrics: the cores the JVM saw and
 * the fitted store's size. JMH sums event counters over iterations in the score; each
 * iteration's raw value is the fact itself ({@code JmhResults.Metric#iterationMean}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class FitCounters {

  /** {@code Runtime.availableProcessors()} in the benchmark JVM. */
  public double availableProcessors;

  /** {@code CoefficientStore.sizeInBytes()} of the last fitted model. */
  public double storeBytes;

  /** Records both facts (JMH resets counters before each iteration). */
  void record(long store) {
    availableProcessors = Runtime.getRuntime().availableProcessors();
    storeBytes = store;
  }
}
