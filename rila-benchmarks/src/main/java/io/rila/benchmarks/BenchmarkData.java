package io.rila.benchmarks;

import io.rila.core.frame.Frame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data sets every benchmark uses, generated from a seed so that rila and the scikit-learn
 * reference read identical numbers.
 *
 * <ul>
 *   <li>{@link #guide(int, int, long)}: the performance guide's shape, 598 engineered features x
 *       150 weekly rows: 23 random-walk rate series, each with lags 0..25, and a target
 *       {@code log1p(sales)} driven by a few of them plus noise.
 *   <li>{@link #production(int, long)}: the production model's shape, 4 features x 152 rows,
 *       weights {@code 0.99^(rows-1-i)}, a log1p target.
 * </ul>
 *
 * <p>{@link #main(String[])} writes both as CSV ({@code guide_x.csv}, {@code guide_y.csv},
 * {@code production_x.csv}, {@code production_y.csv}, {@code production_w.csv}) for
 * {@code python/sklearn_reference.py}.
 */
public final class BenchmarkData {

  /** Number of random-walk series in the guide's shape. */
  public static final int GUIDE_SERIES = 23;
  /** Lags per series in the guide's shape (0..25). */
  public static final int GUIDE_LAGS = 26;

  /**
   * The 13 weekly source columns of the production feature table, in the order of its families
   * ({@code prudential_rate} from {@code Prudential}, {@code competitor_mid} from {@code
   * C_weighted_mean}, ...).
   */
  public static final List<String> WEEKLY_SOURCES = List.of("Prudential", "C_weighted_mean",
      "C_core", "C_median", "C_first", "C_second", "C_third", "C_top_3", "C_top_5", "sales",
      "sales_by_contract_date", "DGS5", "VIXCLS");

  /** The family prefixes of {@link #WEEKLY_SOURCES}, in the same order. */
  public static final List<String> WEEKLY_FAMILIES = List.of("prudential_rate", "competitor_mid",
      "competitor_core", "competitor_median", "competitor_1st", "competitor_2nd",
      "competitor_3rd", "competitor_top3", "competitor_top5", "sales_target",
      "sales_target_contract", "econ_treasury_5y", "market_volatility");

  private final double[][] x;
  private final double[] y;
  private final double[] weights;

  private BenchmarkData(double[][] x, double[] y, double[] weights) {
    this.x = x;
    this.y = y;
    this.weights = weights;
  }

  /** Rows x features, shared: benchmarks must not modify it. */
  public double[][] x() {
    return x;
  }

  /** The log1p-space target, shared: benchmarks must not modify it. */
  public double[] y() {
    return y;
  }

  /** Sample weights, or {@code null} for unweighted data. */
  public double[] weights() {
    return weights;
  }

  /** Seed of the guide-shaped data every benchmark and the scikit-learn reference use. */
  public static final long GUIDE_SEED = 1L;
  /** Seed of the production-shaped data every benchmark and the scikit-learn reference use. */
  public static final long PRODUCTION_SEED = 2L;

  /**
   * The data set a benchmark's {@code shape} parameter names, with the seeds {@link #main} writes
   * for the scikit-learn reference.
   *
   * @param name {@code guide} (598 features x 150 rows, unweighted) or {@code production} (4
   *     features x 152 rows, 0.99 decay weights)
   * @return the data
   * @throws IllegalArgumentException for any other name
   */
  public static BenchmarkData shape(String name) {
    switch (name) {
      case "guide":
        return guide(150, 598, GUIDE_SEED);
      case "production":
        return production(152, PRODUCTION_SEED);
      default:
        throw new IllegalArgumentException("shape: " + name + " (expected: guide or production)");
    }
  }

  /**
   * The weekly input of the production feature build: {@code weeks} weekly rows (Sundays from
   * 2021-01-03) of the 13 source columns of {@link #WEEKLY_SOURCES}, random walks around levels
   * like the real ones (rates near 1 to 5 percent, sales in the tens of thousands).
   *
   * @param weeks rows
   * @param seed the random seed
   * @return the frame, indexed by date
   */
  public static Frame weekly(int weeks, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LocalDate> dates = new ArrayList<>(weeks);
    for (int t = 0; t < weeks; t++) {
      dates.add(LocalDate.of(2021, 1, 3).plusWeeks(t));
    }
    Frame.Builder frame = Frame.newBuilder().index(dates);
    for (String column : WEEKLY_SOURCES) {
      boolean sales = column.startsWith("sales");
      double level = sales ? 30_000 : 1.0 + 3.0 * random.nextDouble();
      double[] values = new double[weeks];
      for (int t = 0; t < weeks; t++) {
        level = sales ? Math.max(1000, level + 2000 * random.nextGaussian())
            : Math.max(0.05, level + 0.05 * random.nextGaussian());
        values[t] = level;
      }
      frame.column(column, values);
    }
    return frame.build();
  }

  /**
   * The guide's feature-building case: {@code columns} random-walk columns {@code c0, c1, ...}
   * x {@code rows} weekly rows, to be lagged.
   *
   * @param rows rows
   * @param columns columns
   * @param seed the random seed
   * @return the frame, indexed by date
   */
  public static Frame wide(int rows, int columns, long seed) {
    BenchmarkData data = guide(rows, columns, seed);
    List<LocalDate> dates = new ArrayList<>(rows);
    for (int t = 0; t < rows; t++) {
      dates.add(LocalDate.of(2021, 1, 3).plusWeeks(t));
    }
    Frame.Builder frame = Frame.newBuilder().index(dates);
    double[] column = new double[rows];
    for (int j = 0; j < columns; j++) {
      for (int i = 0; i < rows; i++) {
        column[i] = data.x[i][j];
      }
      frame.column("c" + j, column);
    }
    return frame.build();
  }

  /** Number of rows. */
  public int rows() {
    return x.length;
  }

  /** Number of features. */
  public int features() {
    return x[0].length;
  }

  /** The guide's shape: {@code features} lagged random-walk columns x {@code rows} rows. */
  public static BenchmarkData guide(int rows, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int series = (features + GUIDE_LAGS - 1) / GUIDE_LAGS;
    int length = rows + GUIDE_LAGS;
    double[][] walks = new double[series][length];
    for (int s = 0; s < series; s++) {
      double level = 1.0 + 3.0 * random.nextDouble();
      for (int t = 0; t < length; t++) {
        level += 0.05 * random.nextGaussian();
        walks[s][t] = level;
      }
    }
    double[][] x = new double[rows][features];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < features; j++) {
        int s = j / GUIDE_LAGS;
        int lag = j % GUIDE_LAGS;
        x[i][j] = walks[s][i + GUIDE_LAGS - lag];
      }
    }
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      double own = x[i][0];
      double competitor = x[i][Math.min(features - 1, GUIDE_LAGS + 2)];
      y[i] = 8.0 + 0.6 * own - 0.4 * competitor + 0.1 * random.nextGaussian();
    }
    return new BenchmarkData(x, y, null);
  }

  /** Seed of the benchmark grid's data. */
  public static final long GRID_SEED = 3L;

  /**
   * A cell of the benchmark grid: {@code rows x features} values uniform on {@code [-1, 1)}, and a
   * target driven by the first eight features plus noise, unweighted. Every value comes from a
   * counter hashed by SplitMix64, and the target is summed in a fixed order, so that
   * {@code python/grid_reference.py} computes the same doubles bit for bit: entry {@code (i, j)}
   * is {@code unit(seed, i * features + j)}, the noise of row {@code i} is
   * {@code unit(seed, rows * features + i)}, and {@code y_i = sum_{j < min(8, features)} ((j + 1)
   * / 8) x_ij + 0.5 noise_i}, summed from {@code j = 0}.
   *
   * @param rows rows, {@code >= 1}
   * @param features features, {@code >= 1}
   * @param seed the seed
   * @return the data
   */
  public static BenchmarkData grid(int rows, int features, long seed) {
    double[][] x = new double[rows][features];
    double[] y = new double[rows];
    long base = (long) rows * features;
    for (int i = 0; i < rows; i++) {
      double[] row = x[i];
      long offset = (long) i * features;
      double s = 0;
      for (int j = 0; j < features; j++) {
        row[j] = unit(seed, offset + j);
        if (j < 8) {
          s += (j + 1) / 8.0 * row[j];
        }
      }
      y[i] = s + 0.5 * unit(seed, base + i);
    }
    return new BenchmarkData(x, y, null);
  }

  /**
   * {@code 2 u - 1} for the 53-bit fraction {@code u} of SplitMix64's output at counter
   * {@code index} of stream {@code seed}: exact in double, so numpy reproduces it.
   */
  static double unit(long seed, long index) {
    long z = (seed + index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return 2.0 * ((z >>> 11) * 0x1.0p-53) - 1.0;
  }

  /** The production model's shape: 4 features x {@code rows}, 0.99 decay weights. */
  public static BenchmarkData production(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][4];
    double mid = 1.0;
    double top5 = 1.7;
    double own = 1.5;
    double[] ownHistory = new double[rows + 3];
    for (int t = 0; t < rows + 3; t++) {
      if (random.nextDouble() < 0.1) {
        own = Math.max(0.25, own + 0.25 * (random.nextBoolean() ? 1 : -1));
      }
      ownHistory[t] = own;
    }
    double[] y = new double[rows];
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      mid += 0.02 * random.nextGaussian();
      top5 += 0.02 * random.nextGaussian();
      x[i][0] = mid;
      x[i][1] = top5;
      x[i][2] = ownHistory[i + 3];
      x[i][3] = ownHistory[i];
      y[i] = 9.0 - 0.3 * mid - 0.2 * top5 + 0.25 * x[i][2] + 0.1 * x[i][3]
          + 0.15 * random.nextGaussian();
      w[i] = Math.pow(0.99, rows - 1 - i);
    }
    return new BenchmarkData(x, y, w);
  }


  /**
   * Writes the benchmark data sets as CSV into the folder given as the first argument (default
   * {@code target/benchmark-data}).
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmark-data");
    Files.createDirectories(dir);
    BenchmarkData guide = shape("guide");
    write(dir.resolve("guide_x.csv"), guide.x);
    write(dir.resolve("guide_y.csv"), new double[][] {guide.y});
    BenchmarkData production = shape("production");
    write(dir.resolve("production_x.csv"), production.x);
    write(dir.resolve("production_y.csv"), new double[][] {production.y});
    write(dir.resolve("production_w.csv"), new double[][] {production.weights});
    System.out.println("benchmark data written to " + dir.toAbsolutePath());
  }

  private static void write(Path file, double[][] rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (double[] row : rows) {
        for (int j = 0; j < row.length; j++) {
          if (j > 0) {
            out.write(',');
          }
          out.write(Double.toString(row[j]));
        }
        out.write('\n');
      }
    }
  }
}
