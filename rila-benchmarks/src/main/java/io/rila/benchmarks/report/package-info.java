/**
 * Tools that read JMH's JSON results: {@link io.rila.benchmarks.report.ReportGenerator} writes
 * {@code docs/performance.md} beside the scikit-learn reference, {@link
 * io.rila.benchmarks.report.RatioCheck} is the CI gate on in-run ratios, and {@link
 * io.rila.benchmarks.report.RegressionCheck} compares two runs on a dedicated machine.
 */
package io.rila.benchmarks.report;
