package io.rila.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Writes {@code docs/performance.md} and its charts from a JMH JSON run and the scikit-learn
 * reference: one table per table of the performance guide with the guide's figure (8 vCPU), the
 * scikit-learn figure measured on this machine, rila's figure measured here and the speed-up,
 * then the machine, rila's performance budget and how to reproduce it all.
 *
 * <pre>{@code
 * java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.report.ReportGenerator \
 *     --jmh target/jmh-result.json --sklearn target/sklearn-reference.json --out docs
 * }</pre>
 *
 * <p>Options: {@code --jmh FILE} (repeatable, at least one), {@code --sklearn FILE} (optional:
 * without it the scikit-learn columns are dashes), {@code --out DIR} (default {@code docs}),
 * {@code --date YYYY-MM-DD} (default today). A benchmark missing from the run is shown as a dash,
 * so a partial run still gives a report. {@code rila-benchmarks/run-report.sh} runs everything.
 */
public final class ReportGenerator {

  /** The report's file name inside the output folder. */
  public static final String REPORT = "performance.md";
  /** The thread-scaling chart's file name. */
  public static final String THREADS_CHART = "performance-threads.png";
  /** The time-vs-ensemble-size chart's file name. */
  public static final String SIZE_CHART = "performance-ensemble-size.png";

  private static final int[] SIZES = {100, 1000, 10_000};
  private static final String[] GUIDE_FIT = {"0.3 min", "3.5 min", "32 min"};
  private static final double[] GUIDE_MEMORY = {150e6, 1.5e9, 15e9};
  private static final int[] THREADS = {1, 2, 4, 8, 16};
  private static final String[] GUIDE_THREADS = {"320 min", "160 min", "80 min", "32 min",
      "18 min"};
  private static final double[] ALPHAS = {0.1, 1, 10};
  private static final String[] GUIDE_ALPHA = {"0.42 s", "0.19 s", "0.16 s"};
  private static final int[] PREDICT_ROWS = {1, 52};
  private static final String[] GUIDE_PREDICT = {"3.2 s", "28 s"};

  private ReportGenerator() {}

  /**
   * Writes the report and exits: 0 when written, 2 for a usage or input error.
   *
   * @param args {@code --jmh FILE [--jmh FILE ...] [--sklearn FILE] [--out DIR] [--date DATE]}
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Writes the report.
   *
   * @param args {@code --jmh FILE [--jmh FILE ...] [--sklearn FILE] [--out DIR] [--date DATE]}
   * @param out receives the paths written
   * @param err receives usage and input errors
   * @return 0 when written, 2 for a usage or input error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> jmhFiles = new ArrayList<>();
    Path sklearnFile = null;
    Path dir = Path.of("docs");
    LocalDate date = LocalDate.now();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        return usage(err, option + ": no value");
      }
      String value = args[++i];
      switch (option) {
        case "--jmh":
          jmhFiles.add(Path.of(value));
          break;
        case "--sklearn":
          sklearnFile = Path.of(value);
          break;
        case "--out":
          dir = Path.of(value);
          break;
        case "--date":
          try {
            date = LocalDate.parse(value);
          } catch (RuntimeException e) {
            return usage(err, "date: " + value + " (expected: YYYY-MM-DD)");
          }
          break;
        default:
          return usage(err, "unknown option " + option);
      }
    }
    if (jmhFiles.isEmpty()) {
      return usage(err, "no --jmh file");
    }
    try {
      JmhResults jmh = JmhResults.read(jmhFiles.toArray(new Path[0]));
      SklearnReference sklearn =
          sklearnFile == null ? SklearnReference.none() : SklearnReference.read(sklearnFile);
      Files.createDirectories(dir);
      Machine machine = Machine.of(jmh, date);
      List<String> charts = writeCharts(jmh, sklearn, machine, dir);
      String markdown = markdown(jmh, sklearn, machine, charts);
      Path report = dir.resolve(REPORT);
      if (Files.exists(report)) {
        // the grid's section comes from run-grid.sh (GridReport), a run of its own: keep it
        String grid = GridReport.extract(Files.readString(report, StandardCharsets.UTF_8));
        markdown = grid.isEmpty() ? markdown : GridReport.splice(markdown, grid);
      }
      Files.writeString(report, markdown, StandardCharsets.UTF_8);
      out.println("written " + report);
      for (String chart : charts) {
        out.println("written " + dir.resolve(chart));
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("cannot write the report: " + e.getMessage());
      return 2;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println(problem);
    err.println("usage: ReportGenerator --jmh FILE [--jmh FILE ...] [--sklearn FILE] "
        + "[--out DIR] [--date YYYY-MM-DD]");
    return 2;
  }

  /**
   * The Markdown report.
   *
   * @param jmh the JMH run
   * @param sklearn the scikit-learn reference, possibly {@link SklearnReference#none()}
   * @param machine where it ran
   * @param charts the chart files written beside the report, linked from it
   * @return the report
   */
  static String markdown(JmhResults jmh, SklearnReference sklearn, Machine machine,
      List<String> charts) {
    StringBuilder md = new StringBuilder();
    md.append("# Performance\n\n")
        .append("Generated by `rila-benchmarks/run-report.sh` (JMH ")
        .append("`io.rila.benchmarks.*Benchmark`, scikit-learn ")
        .append("`rila-benchmarks/python/sklearn_reference.py`) on ").append(machine.date())
        .append("; do not edit by hand. Every figure in the \"scikit-learn here\" and \"rila\" ")
        .append("columns was measured on the machine below, on the same data (the Java program ")
        .append("`BenchmarkData` writes it to CSV for Python). The \"guide\" column is the ")
        .append("performance guide's claim for the Python system on 8 vCPUs.\n\n");
    int mostCores = machine.cores();
    for (int cores : threadRuns(jmh, machine).keySet()) {
      mostCores = Math.max(mostCores, cores);
    }
    machine(md, machine, sklearn, mostCores);
    headline(md, jmh, sklearn);
    training(md, jmh, sklearn, charts);
    threads(md, jmh, sklearn, machine, charts);
    alpha(md, jmh, sklearn);
    prediction(md, jmh, sklearn);
    memory(md, jmh, sklearn);
    features(md, jmh);
    gate(md, jmh);
    reproduce(md);
    return md.toString();
  }

  private static void machine(StringBuilder md, Machine machine, SklearnReference sklearn,
      int mostCores) {
    md.append("## Machine\n\n");
    MarkdownTable table = new MarkdownTable("what", "value")
        .row("cores (`Runtime.availableProcessors()`)", Integer.toString(machine.cores()))
        .row("CPU", machine.cpu())
        .row("JVM", machine.jvm())
        .row("OS", machine.os())
        .row("date", machine.date().toString());
    if (sklearn.present()) {
      table.row("scikit-learn side", sklearn.describe());
    }
    md.append(table.render()).append('\n');
    if (mostCores >= 8) {
      md.append("The thread-scaling section also has a run on ").append(mostCores)
          .append(" cores; everything else ran on the machine above.\n\n");
    } else if (machine.cores() < 8) {
      md.append("**Only ").append(machine.cores()).append(" cores were measured.** The guide's ")
          .append("figures are for 8 vCPUs; no machine with 8 or more cores was available for ")
          .append("these runs, so thread counts above ").append(machine.cores())
          .append(" show oversubscription, not scaling. Run ")
          .append("`ThreadScalingBenchmark` on a larger machine (a `jlink`ed JDK plus ")
          .append("`benchmarks.jar` is enough) to fill that in.\n\n");
    }
  }

  private static void headline(StringBuilder md, JmhResults jmh, SklearnReference sklearn) {
    md.append("## Headline: the performance budget\n\n");
    MarkdownTable table = new MarkdownTable("work", "guide (8 vCPU)",
        "scikit-learn here", "rila here", "speed-up vs scikit-learn", "budget", "met");
    budget(table, "fit 10,000 members, 598 x 150", "32 min",
        sklearn.fitSeconds("guide", 10_000, -1), fit(jmh, "guide", 10_000), 0.2);
    budget(table, "fit 1,000 members, 598 x 150", "3.5 min",
        sklearn.fitSeconds("guide", 1000, -1), fit(jmh, "guide", 1000), 0.1);
    budget(table, "fit 10,000 members, 4 x 152, weighted", Units.NONE,
        sklearn.fitSeconds("production", 10_000, -1), fit(jmh, "production", 10_000), 0.020);
    for (int r = 0; r < PREDICT_ROWS.length; r++) {
      int rows = PREDICT_ROWS[r];
      budget(table, (rows == 1 ? "one row" : rows + " rows") + ", 10,000 x 598 members, mean + "
              + "95% interval", GUIDE_PREDICT[r], sklearn.predictSeconds(10_000, rows),
          predict(jmh, "batched", 10_000, rows, "FLOAT"), rows == 1 ? 0.005 : 0.030);
    }
    double store = counter(jmh, "MemoryBenchmark.fit",
        Map.of("members", "10000", "precision", "FLOAT"), "storeBytes");
    table.row("memory, 10,000 x 598 members", "15 GB",
        Units.bytes(sklearn.pickledBytes("guide", 10_000)) + " pickled",
        Units.bytes(store) + " store", Units.NONE, "store <= 25 MB", met(store, 25e6));
    double lags = seconds(jmh, "FeatureBenchmark.lagsSequential", Map.of("data", "weekly"));
    table.row("lag features, 13 families x 18 lags + interactions, 252 weeks", "45 s / 8 s",
        Units.NONE, Units.seconds(lags), Units.NONE, "<= 50 ms", met(lags, 0.050));
    md.append(table.render()).append('\n')
        .append("scikit-learn runs `BaggingRegressor(Ridge(alpha=1.0), bootstrap=True, ")
        .append("n_jobs=-1)`; ")
        .append("rila runs `BootstrapRidgeEnsemble` with its defaults (float store, the common ")
        .append("fork-join pool, so every core). Speed-up = scikit-learn time / rila time.\n\n");
  }

  private static void budget(MarkdownTable table, String work, String guide,
      OptionalDouble sklearn, double rila, double limit) {
    table.row(work, guide, Units.seconds(sklearn), Units.seconds(rila),
        Units.ratio(sklearn.orElse(Double.NaN), rila), "<= " + Units.seconds(limit),
        met(rila, limit));
  }

  private static String met(double value, double limit) {
    if (Double.isNaN(value)) {
      return "not run";
    }
    return value <= limit ? "yes" : "**no**";
  }

  private static void training(StringBuilder md, JmhResults jmh, SklearnReference sklearn,
      List<String> charts) {
    md.append("## Training time by ensemble size\n\n")
        .append("`TrainingBenchmark.fit`: alpha 1, LOG1P target, float store, default executor. ")
        .append("The guide shape is 598 lagged random-walk features x 150 weekly rows (the dual ")
        .append("form); the production shape is 4 features x 152 rows with 0.99 decay weights ")
        .append("(the primal form).\n\n");
    for (String shape : new String[] {"guide", "production"}) {
      md.append(shape.equals("guide") ? "Guide shape, 598 x 150:\n\n"
          : "Production shape, 4 x 152, weighted:\n\n");
      MarkdownTable table = new MarkdownTable("members", "guide (8 vCPU)",
          "scikit-learn, n_jobs=1", "scikit-learn, n_jobs=-1", "rila", "rila per member",
          "speed-up vs n_jobs=-1");
      for (int i = 0; i < SIZES.length; i++) {
        int members = SIZES[i];
        double rila = fit(jmh, shape, members);
        OptionalDouble parallel = sklearn.fitSeconds(shape, members, -1);
        table.row(Units.count(members), shape.equals("guide") ? GUIDE_FIT[i] : Units.NONE,
            sklearnFit(sklearn, shape, members, 1), sklearnFit(sklearn, shape, members, -1),
            Units.seconds(rila), Units.seconds(rila / members),
            Units.ratio(parallel.orElse(Double.NaN), rila));
      }
      md.append(table.render()).append('\n');
    }
    if (charts.contains(SIZE_CHART)) {
      md.append("![time vs ensemble size](").append(SIZE_CHART).append(")\n\n");
    }
  }

  private static String sklearnFit(SklearnReference sklearn, String shape, int members,
      int nJobs) {
    OptionalDouble seconds = sklearn.fitSeconds(shape, members, nJobs);
    String text = Units.seconds(seconds);
    return seconds.isPresent() && sklearn.fitRuns(shape, members, nJobs) == 1
        ? text + " (1 run)" : text;
  }

  private static void threads(StringBuilder md, JmhResults jmh, SklearnReference sklearn,
      Machine machine, List<String> charts) {
    Map<Integer, Map<Integer, JmhResults.Result>> runs = threadRuns(jmh, machine);
    int members = 10_000;
    for (JmhResults.Result result : jmh.findAll("ThreadScalingBenchmark.fit", Map.of())) {
      members = (int) result.param("members");
    }
    md.append("## Scaling by threads\n\n")
        .append("`ThreadScalingBenchmark.fit`: guide shape, ").append(Units.count(members))
        .append(" members, on a fixed pool of that many threads (`Executors.newFixedThreadPool`),")
        .append(" one table per machine, by the `Runtime.availableProcessors()` every result ")
        .append("records. scikit-learn ran on the main machine only.\n\n");
    if (runs.isEmpty()) {
      runs.put(machine.cores(), Map.of());
    }
    for (Map.Entry<Integer, Map<Integer, JmhResults.Result>> run : runs.entrySet()) {
      int cores = run.getKey();
      Map<Integer, JmhResults.Result> byThreads = run.getValue();
      md.append("On ").append(cores).append(cores == 1 ? " core" : " cores")
          .append(cores == machine.cores() ? " (the main machine)" : "").append(":\n\n");
      MarkdownTable table = new MarkdownTable("threads", "guide (8 vCPU)",
          "scikit-learn (n_jobs = threads)", "rila", "rila speed-up over 1 thread");
      double one = seconds(byThreads.get(1));
      for (int i = 0; i < THREADS.length; i++) {
        int threads = THREADS[i];
        double rila = seconds(byThreads.get(threads));
        String sk = Units.NONE;
        if (cores == machine.cores() && threads == 1) {
          sk = sklearnFit(sklearn, "guide", members, 1);
        } else if (cores == machine.cores() && threads == machine.cores()) {
          sk = sklearnFit(sklearn, "guide", members, -1);
        }
        table.row(Integer.toString(threads), GUIDE_THREADS[i], sk, Units.seconds(rila),
            Units.ratio(one, rila));
      }
      md.append(table.render()).append('\n');
    }
    if (charts.contains(THREADS_CHART)) {
      md.append("![thread scaling](").append(THREADS_CHART).append(")\n\n");
    }
  }

  /**
   * The thread-scaling results by the core count they recorded (this machine's when none), then
   * by thread count; the first result of each pair wins.
   */
  static Map<Integer, Map<Integer, JmhResults.Result>> threadRuns(JmhResults jmh,
      Machine machine) {
    Map<Integer, Map<Integer, JmhResults.Result>> runs = new TreeMap<>();
    for (JmhResults.Result result : jmh.findAll("ThreadScalingBenchmark.fit", Map.of())) {
      double recorded = result.counter("availableProcessors");
      int cores = Double.isNaN(recorded) ? machine.cores() : (int) recorded;
      runs.computeIfAbsent(cores, c -> new TreeMap<>())
          .putIfAbsent((int) result.param("threads"), result);
    }
    return runs;
  }

  private static double seconds(JmhResults.Result result) {
    return result == null ? Double.NaN : result.secondsPerOp();
  }

  private static void alpha(StringBuilder md, JmhResults jmh, SklearnReference sklearn) {
    List<JmhResults.Result> results = jmh.findAll("AlphaBenchmark.fit", Map.of());
    int members = results.isEmpty() ? 1000 : (int) results.get(0).param("members");
    int skMembers = sklearn.alphaMembers();
    md.append("## Training time by alpha\n\n")
        .append("`AlphaBenchmark.fit`: guide shape, ").append(Units.count(members))
        .append(" members; time per estimator (the guide's unit). scikit-learn: ")
        .append(skMembers == 0 ? "not run" : Units.count(skMembers) + " members, n_jobs=-1")
        .append(".\n\n");
    MarkdownTable table = new MarkdownTable("alpha", "guide (8 vCPU), per estimator",
        "scikit-learn here, per estimator", "rila, per estimator", "speed-up");
    for (int i = 0; i < ALPHAS.length; i++) {
      double rila = seconds(jmh, "AlphaBenchmark.fit", Map.of("alpha", param(ALPHAS[i])))
          / members;
      double sk = sklearn.alphaSeconds(ALPHAS[i]).orElse(Double.NaN) / skMembers;
      table.row(param(ALPHAS[i]), GUIDE_ALPHA[i], Units.seconds(sk), Units.seconds(rila),
          Units.ratio(sk, rila));
    }
    md.append(table.render()).append('\n');
  }

  private static void prediction(StringBuilder md, JmhResults jmh, SklearnReference sklearn) {
    md.append("## Prediction\n\n")
        .append("`PredictionBenchmark`: guide shape, 10,000 members, LOG1P (each member's ")
        .append("prediction back-transformed before the summary), mean and the 2.5 / 50 / 97.5 ")
        .append("percentiles (numpy's linear rule). `batched`: `EnsembleModel.predict(rows)`; ")
        .append("`perRow`: one `predict(row)` call per row; `naive`: per row, a dot product per ")
        .append("member over the copied coefficients, then `Quantiles`.\n\n");
    MarkdownTable table = new MarkdownTable("rows", "guide (8 vCPU)", "scikit-learn here",
        "rila batched, float", "rila batched, double", "rila per-row calls", "naive loop",
        "speed-up vs scikit-learn");
    MarkdownTable memory = new MarkdownTable("rows", "batched, float", "batched, double",
        "per-row calls", "naive loop");
    for (int r = 0; r < PREDICT_ROWS.length; r++) {
      int rows = PREDICT_ROWS[r];
      OptionalDouble sk = sklearn.predictSeconds(10_000, rows);
      double batched = predict(jmh, "batched", 10_000, rows, "FLOAT");
      table.row(Integer.toString(rows), GUIDE_PREDICT[r], Units.seconds(sk),
          Units.seconds(batched),
          Units.seconds(predict(jmh, "batched", 10_000, rows, "DOUBLE")),
          Units.seconds(predict(jmh, "perRow", 10_000, rows, "FLOAT")),
          Units.seconds(predict(jmh, "naive", 10_000, rows, "FLOAT")),
          Units.ratio(sk.orElse(Double.NaN), batched));
      memory.row(Integer.toString(rows),
          Units.bytes(predictAllocation(jmh, "batched", rows, "FLOAT")),
          Units.bytes(predictAllocation(jmh, "batched", rows, "DOUBLE")),
          Units.bytes(predictAllocation(jmh, "perRow", rows, "FLOAT")),
          Units.bytes(predictAllocation(jmh, "naive", rows, "FLOAT")));
    }
    md.append(table.render()).append('\n')
        .append("Bytes allocated per call (JMH `gc.alloc.rate.norm`), batched vs unbatched:\n\n")
        .append(memory.render()).append('\n')
        .append("The interval's quantiles over 10,000 member predictions (`QuantileBenchmark`): ")
        .append(Units.seconds(seconds(jmh, "QuantileBenchmark.selection",
            Map.of("members", "10000"))))
        .append(" by selection, ")
        .append(Units.seconds(seconds(jmh, "QuantileBenchmark.sort", Map.of("members", "10000"))))
        .append(" by a full sort (numpy's way); the numbers are identical.\n\n");
  }

  private static void memory(StringBuilder md, JmhResults jmh, SklearnReference sklearn) {
    md.append("## Memory\n\n")
        .append("`MemoryBenchmark.fit`, guide shape: the coefficient store's exact size ")
        .append("(`CoefficientStore.sizeInBytes()`), the peak heap growth during a fit (sum of ")
        .append("the heap pools' peaks after a full GC, minus the heap in use before: an upper ")
        .append("bound, counted by G1 in whole regions of 1 MB, so small fits read high) and ")
        .append("everything allocated per fit (`gc.alloc.rate.norm`). scikit-learn: ")
        .append("the pickled model and the script's peak RSS so far (joblib workers ")
        .append("excluded).\n\n");
    MarkdownTable table = new MarkdownTable("members", "guide (8 vCPU)",
        "scikit-learn pickled", "scikit-learn peak RSS", "rila store, float",
        "rila store, double", "rila peak heap growth, float", "rila allocated per fit, float");
    for (int i = 0; i < SIZES.length; i++) {
      String members = Integer.toString(SIZES[i]);
      Map<String, String> single = Map.of("members", members, "precision", "FLOAT");
      Map<String, String> dbl = Map.of("members", members, "precision", "DOUBLE");
      table.row(Units.count(SIZES[i]), Units.bytes(GUIDE_MEMORY[i]),
          Units.bytes(sklearn.pickledBytes("guide", SIZES[i])),
          Units.bytes(sklearn.peakRssBytes("guide", SIZES[i])),
          Units.bytes(counter(jmh, "MemoryBenchmark.fit", single, "storeBytes")),
          Units.bytes(counter(jmh, "MemoryBenchmark.fit", dbl, "storeBytes")),
          Units.bytes(counter(jmh, "MemoryBenchmark.fit", single, "heapGrowthBytes")),
          Units.bytes(secondary(jmh, "MemoryBenchmark.fit", single, "gc.alloc.rate.norm")));
    }
    md.append(table.render()).append('\n')
        .append("The guide's \"lightweight\" mode needed 6 GB for 10,000 members.\n\n")
        .append("Model files (`ModelFilesBenchmark`, 10,000 x 598 members; `save` and ")
        .append("`exportNpy` include the fsyncs, `load` checks the CRC-32C and every number):\n\n");
    MarkdownTable files = new MarkdownTable("operation", "float", "double");
    for (String operation : new String[] {"save", "load", "exportNpy"}) {
      String benchmark = "ModelFilesBenchmark." + operation;
      files.row("`" + operation + "`",
          Units.seconds(seconds(jmh, benchmark, Map.of("members", "10000", "precision", "FLOAT"))),
          Units.seconds(seconds(jmh, benchmark,
              Map.of("members", "10000", "precision", "DOUBLE"))));
    }
    md.append(files.render()).append('\n');
  }

  private static void features(StringBuilder md, JmhResults jmh) {
    md.append("## Features and selection\n\n");
    MarkdownTable table = new MarkdownTable("work", "guide (Python, 8 vCPU)", "rila");
    feature(table, jmh, "lags + interactions, 13 families x 18 lags, 252 weeks, sequential",
        "45 s", "FeatureBenchmark.lagsSequential", Map.of("data", "weekly"));
    feature(table, jmh, "the same, parallel", "8 s", "FeatureBenchmark.lagsParallel",
        Map.of("data", "weekly"));
    feature(table, jmh, "598 columns x 18 lags, 150 rows, sequential", "45 s",
        "FeatureBenchmark.lagsSequential", Map.of("data", "guide"));
    feature(table, jmh, "the same, parallel", "8 s", "FeatureBenchmark.lagsParallel",
        Map.of("data", "guide"));
    feature(table, jmh, "feature cache miss (build + store)", "45 s",
        "FeatureBenchmark.cacheMiss", Map.of("data", "weekly"));
    feature(table, jmh, "feature cache hit", "2 s", "FeatureBenchmark.cacheHit",
        Map.of("data", "weekly"));
    Optional<JmhResults.Result> screening = jmh.find("ScreeningBenchmark.fullEnsemble", Map.of());
    String members = screening.isPresent()
        ? Units.count(screening.get().param("members")) : "10,000";
    String keep = screening.isPresent() ? Units.count(screening.get().param("keep")) : "30";
    feature(table, jmh, "full ensemble, 598 features, " + members + " members", "32 min",
        "ScreeningBenchmark.fullEnsemble", Map.of());
    feature(table, jmh, "LassoCV screening (keep " + keep + ") then ensemble, " + members
        + " members", "12 min", "ScreeningBenchmark.screenThenEnsemble", Map.of());
    feature(table, jmh, "LassoCV, 5 folds, 100 alphas, 598 x 150", Units.NONE,
        "SelectionBenchmark.lassoCv", Map.of());
    feature(table, jmh, "AIC subset search, C(50, <= 4) = 251,175 subsets", Units.NONE,
        "SelectionBenchmark.aicSearch", Map.of());
    md.append(table.render()).append('\n');
  }

  private static void feature(MarkdownTable table, JmhResults jmh, String work, String guide,
      String benchmark, Map<String, String> params) {
    table.row(work, guide, Units.seconds(seconds(jmh, benchmark, params)));
  }

  private static void gate(StringBuilder md, JmhResults jmh) {
    md.append("## In-run ratios (what the CI gate checks)\n\n")
        .append("`RatioCheck` fails CI when one of these falls past its bound in the short JMH ")
        .append("pass of `.ci/benchmark-gate`; here they are from the full run.\n\n");
    MarkdownTable table = new MarkdownTable("ratio", "this run", "CI bound");
    table.row("engine fit vs naive refit (copy + `RidgeRegression.fit`), per member, guide",
        ratio(jmh, results -> RatioCheck.fitSpeedup(results, "guide")),
        ">= " + Units.significant(RatioCheck.MIN_FIT_SPEEDUP_GUIDE) + "x");
    table.row("the same, production shape",
        ratio(jmh, results -> RatioCheck.fitSpeedup(results, "production")),
        ">= " + Units.significant(RatioCheck.MIN_FIT_SPEEDUP_PRODUCTION) + "x");
    table.row("batched prediction vs naive per-row loop",
        ratio(jmh, RatioCheck::predictSpeedup),
        ">= " + Units.significant(RatioCheck.MIN_PREDICT_SPEEDUP) + "x");
    table.row("training hot loop, bytes per member beyond the store, guide",
        bytes(jmh, results -> RatioCheck.hotLoopBytesPerMember(results, "guide")),
        "<= " + Units.bytes(RatioCheck.MAX_HOT_LOOP_BYTES_PER_MEMBER));
    table.row("the same, production shape",
        bytes(jmh, results -> RatioCheck.hotLoopBytesPerMember(results, "production")),
        "<= " + Units.bytes(RatioCheck.MAX_HOT_LOOP_BYTES_PER_MEMBER));
    md.append(table.render()).append('\n');
  }

  private static String ratio(JmhResults jmh, RatioCheck.Measure measure) {
    double value = measure(jmh, measure);
    return Double.isNaN(value) ? Units.NONE : Units.significant(value) + "x";
  }

  private static String bytes(JmhResults jmh, RatioCheck.Measure measure) {
    double value = measure(jmh, measure);
    return Double.isNaN(value) ? Units.NONE : Units.significant(value) + " B";
  }

  /** A rule's value, NaN when its benchmarks are not in the run. */
  private static double measure(JmhResults jmh, RatioCheck.Measure measure) {
    try {
      return measure.apply(jmh);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static void reproduce(StringBuilder md) {
    md.append("## Reproduce\n\n")
        .append("```\n")
        .append("rila-benchmarks/run-report.sh               # build, data, scikit-learn, ")
        .append("JMH, this report\n")
        .append("rila-benchmarks/run-report.sh --with-10000  # also 10,000-member ")
        .append("scikit-learn fits\n")
        .append("java -jar rila-benchmarks/target/benchmarks.jar TrainingBenchmark -prof gc\n")
        .append("```\n\n")
        .append("Compare two runs on a dedicated machine with `io.rila.benchmarks.report.")
        .append("RegressionCheck baseline.json current.json` (fails above 15% slower).\n");
  }

  // ---------------------------------------------------------------- lookups

  private static double fit(JmhResults jmh, String shape, int members) {
    return seconds(jmh, "TrainingBenchmark.fit",
        Map.of("shape", shape, "members", Integer.toString(members)));
  }

  private static double predict(JmhResults jmh, String method, int members, int rows,
      String precision) {
    return seconds(jmh, "PredictionBenchmark." + method, Map.of("members",
        Integer.toString(members), "rows", Integer.toString(rows), "precision", precision));
  }

  private static double predictAllocation(JmhResults jmh, String method, int rows,
      String precision) {
    return secondary(jmh, "PredictionBenchmark." + method, Map.of("members", "10000", "rows",
        Integer.toString(rows), "precision", precision), "gc.alloc.rate.norm");
  }

  private static double seconds(JmhResults jmh, String benchmark, Map<String, String> params) {
    Optional<JmhResults.Result> result = jmh.find(benchmark, params);
    return result.isPresent() ? result.get().secondsPerOp() : Double.NaN;
  }

  private static double counter(JmhResults jmh, String benchmark, Map<String, String> params,
      String name) {
    Optional<JmhResults.Result> result = jmh.find(benchmark, params);
    return result.isPresent() ? result.get().counter(name) : Double.NaN;
  }

  private static double secondary(JmhResults jmh, String benchmark, Map<String, String> params,
      String name) {
    Optional<JmhResults.Result> result = jmh.find(benchmark, params);
    return result.isPresent() ? result.get().secondary(name) : Double.NaN;
  }

  /** A parameter value as JMH prints a double {@code @Param}: {@code 0.1}, {@code 1}, ... */
  static String param(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  // ---------------------------------------------------------------- charts

  private static List<String> writeCharts(JmhResults jmh, SklearnReference sklearn,
      Machine machine, Path dir) throws IOException {
    List<String> written = new ArrayList<>();
    double[] threads = new double[THREADS.length];
    for (int i = 0; i < THREADS.length; i++) {
      threads[i] = THREADS[i];
    }
    LineChart scaling = new LineChart("rila fit time by threads (guide shape)", "threads",
        "seconds per fit");
    for (Map.Entry<Integer, Map<Integer, JmhResults.Result>> run
        : threadRuns(jmh, machine).entrySet()) {
      double[] rila = new double[THREADS.length];
      double[] ideal = new double[THREADS.length];
      double one = seconds(run.getValue().get(1));
      for (int i = 0; i < THREADS.length; i++) {
        rila[i] = seconds(run.getValue().get(THREADS[i]));
        ideal[i] = one / Math.min(THREADS[i], run.getKey());
      }
      scaling.line("rila, " + run.getKey() + " cores", threads, rila, false)
          .line("ideal on " + run.getKey() + " cores", threads, ideal, true);
    }
    if (scaling.hasData()) {
      scaling.write(dir.resolve(THREADS_CHART), 2);
      written.add(THREADS_CHART);
    }
    double[] sizes = new double[SIZES.length];
    LineChart size = new LineChart("Fit time by ensemble size", "members", "seconds per fit");
    for (String shape : new String[] {"guide", "production"}) {
      double[] r = new double[SIZES.length];
      double[] s = new double[SIZES.length];
      for (int i = 0; i < SIZES.length; i++) {
        sizes[i] = SIZES[i];
        r[i] = fit(jmh, shape, SIZES[i]);
        s[i] = sklearn.fitSeconds(shape, SIZES[i], -1).orElse(Double.NaN);
      }
      size.line("rila, " + shape, sizes, r, false)
          .line("scikit-learn n_jobs=-1, " + shape, sizes, s, true);
    }
    if (size.hasData()) {
      size.write(dir.resolve(SIZE_CHART), 10);
      written.add(SIZE_CHART);
    }
    return written;
  }
}
