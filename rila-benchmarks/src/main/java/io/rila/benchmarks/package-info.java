/**
 * JMH benchmarks that reproduce the performance guide's tables, the data they run on, and the
 * tools that turn their results into {@code docs/performance.md} and gate regressions.
 */
package io.rila.benchmarks;
