package io.rila.benchmarks;

import io.rila.features.selection.LassoCv;
import io.rila.features.selection.LassoCvResult;
import io.rila.features.selection.SignRule;
import io.rila.features.selection.SubsetSearch;
import io.rila.features.selection.SubsetSearchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature selection on the guide shape:
 *
 * <ul>
 *   <li>{@code lassoCv}: scikit-learn's {@code LassoCV} defaults (5 folds, 100 penalties, eps
 *       1e-3) on all 598 features x 150 rows;
 *   <li>{@code aicSearch}: every subset of 1 to 4 of 50 candidates, C(50, {@literal <=} 4) =
 *       251,175 OLS models ranked by AIC, under two sign rules (the candidates are the 26 lags of
 *       the first series, named {@code prudential_rate_*}, and 24 lags of the second, {@code
 *       competitor_mid_*}).
 * </ul>
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar SelectionBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SelectionBenchmark {

  private static final int CANDIDATES = 50;

  private BenchmarkData data;
  private LassoCv lasso;
  private SubsetSearch search;
  private List<String> names;
  private double[][] pool;

  /** Generates the data and configures both tools. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    lasso = LassoCv.newBuilder().build();
    names = new ArrayList<>(CANDIDATES);
    for (int j = 0; j < CANDIDATES; j++) {
      int lag = j % BenchmarkData.GUIDE_LAGS;
      names.add((j < BenchmarkData.GUIDE_LAGS ? "prudential_rate_t" : "competitor_mid_t") + lag);
    }
    pool = new double[data.rows()][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = Arrays.copyOf(data.x()[i], CANDIDATES);
    }
    search = SubsetSearch.newBuilder()
        .candidates(names)
        .maxSize(4)
        .rules(SignRule.negative("competitor_*"), SignRule.positive("prudential_rate_*"))
        .keep(20)
        .build();
  }

  /** LassoCV on 598 x 150. */
  @Benchmark
  public LassoCvResult lassoCv() {
    return lasso.fit(data.x(), data.y());
  }

  /** The AIC search over 251,175 subsets. */
  @Benchmark
  public SubsetSearchResult aicSearch() {
    return search.run(names, pool, data.y());
  }
}
