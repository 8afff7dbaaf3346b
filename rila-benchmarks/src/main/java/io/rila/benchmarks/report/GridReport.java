package io.rila.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rila.core.internal.RidgeWorkspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the benchmark grid's section of {@code docs/performance.md} and its heat map from one run
 * of {@code run-grid.sh}: {@code GridBenchmark} (JMH JSON) and {@code python/grid_reference.py}
 * (scikit-learn JSON), for the grid of rows x features and for the members axis.
 *
 * <pre>{@code
 * java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.report.GridReport \
 *     --grid-jmh g.json --grid-sklearn gs.json --members-jmh m.json --members-sklearn ms.json \
 *     --out docs [--note "a sentence on the run"]
 * }</pre>
 *
 * <p>The section goes between {@value #BEGIN} and {@value #END} in {@code performance.md},
 * replacing what was there, or at the end of the file when the markers are absent;
 * {@link ReportGenerator} carries it over when it rewrites the rest of the file. Exit codes: 0 on
 * success, 2 for a usage or input error.
 */
public final class GridReport {

  /** Opens the grid's section of the report. */
  static final String BEGIN = "<!-- grid:begin (written by GridReport; run-grid.sh) -->";
  /** Closes the grid's section of the report. */
  static final String END = "<!-- grid:end -->";
  /** The heat map's file name, next to the report. */
  static final String CHART = "grid-speedup.png";
  /** A member draws about this share of distinct rows: where the forms take over. */
  static final double EXPECTED_DISTINCT = 1 - Math.exp(-1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private GridReport() {}

  /**
   * Writes the section and exits with its code.
   *
   * @param args see the class documentation
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Writes the section.
   *
   * @param args see the class documentation
   * @param out receives a line per file written
   * @param err receives usage and input errors
   * @return 0 on success, 2 for a usage or input error
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    for (String required : new String[] {"--grid-jmh", "--grid-sklearn", "--out"}) {
      if (!options.containsKey(required) || args.length % 2 != 0) {
        err.println("usage: GridReport --grid-jmh g.json --grid-sklearn gs.json"
            + " [--members-jmh m.json --members-sklearn ms.json] --out docs");
        return 2;
      }
    }
    try {
      List<Cell> grid = cells(JmhResults.read(Path.of(options.get("--grid-jmh"))),
          JSON.readTree(Path.of(options.get("--grid-sklearn")).toFile()));
      List<Cell> members = List.of();
      if (options.containsKey("--members-jmh")) {
        JsonNode sklearn = options.containsKey("--members-sklearn")
            ? JSON.readTree(Path.of(options.get("--members-sklearn")).toFile()) : null;
        members = cells(JmhResults.read(Path.of(options.get("--members-jmh"))), sklearn);
      }
      JsonNode machine = JSON.readTree(Path.of(options.get("--grid-sklearn")).toFile());
      Path dir = Path.of(options.get("--out"));
      Files.createDirectories(dir);
      writeHeatMap(dir.resolve(CHART), grid);
      Path report = dir.resolve(ReportGenerator.REPORT);
      String existing = Files.exists(report)
          ? Files.readString(report, StandardCharsets.UTF_8) : "";
      Files.writeString(report, splice(existing,
          section(grid, members, machine, options.getOrDefault("--note", ""))),
          StandardCharsets.UTF_8);
      out.println("wrote " + report + " and " + dir.resolve(CHART));
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("grid report: " + e.getMessage());
      return 2;
    }
  }

  /**
   * One cell of a run: rila's mean time per fit with its JMH error, bytes allocated, store size and
   * form, and scikit-learn's median time and traced peak heap (NaN where it did not run).
   */
  record Cell(int rows, int features, int members, double rila, double rilaError,
      double rilaHeap, double store, boolean primal, double sklearn, double sklearnHeap) {

    double speedup() {
      return sklearn / rila;
    }

    boolean tall() {
      return rows > features;
    }
  }

  /** Joins the JMH results of {@code GridBenchmark.fit} with the scikit-learn cells. */
  static List<Cell> cells(JmhResults jmh, JsonNode sklearn) {
    Map<String, JsonNode> reference = new HashMap<>();
    if (sklearn != null) {
      for (JsonNode c : sklearn.path("cells")) {
        reference.put(c.path("cell").asText(), c);
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (JmhResults.Result r : jmh.findAll("GridBenchmark.fit", Map.of("form", "AUTO"))) {
      String name = r.params().get("cell");
      String[] parts = name.split("x");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "cell: " + name + " (expected: ROWSxFEATURESxMEMBERS)");
      }
      JsonNode ref = reference.get(name);
      cells.add(new Cell(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          Integer.parseInt(parts[2]), r.secondsPerOp(),
          r.primary().error() * r.secondsPerOp() / r.primary().score(),
          r.secondary("gc.alloc.rate.norm"), r.counter("storeBytes"), r.counter("primal") == 1,
          ref == null ? Double.NaN : ref.path("seconds").asDouble(Double.NaN),
          ref == null ? Double.NaN : ref.path("peak_heap_bytes").asDouble(Double.NaN)));
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("no GridBenchmark.fit {form=AUTO} in the JMH results");
    }
    cells.sort(Comparator.comparingInt(Cell::rows).thenComparingInt(Cell::features)
        .thenComparingInt(Cell::members));
    return cells;
  }

  /**
   * The Markdown section, markers included.
   *
   * @param grid the grid's cells
   * @param members the members axis's cells, possibly empty
   * @param sklearn the scikit-learn JSON (its {@code machine} and {@code versions})
   * @param note a sentence on the run (e.g. the machine's load), empty for none
   */
  static String section(List<Cell> grid, List<Cell> members, JsonNode sklearn, String note) {
    JsonNode machine = sklearn.path("machine");
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n## Training across shapes: the benchmark grid\n\n");
    md.append(String.format(Locale.ROOT, "Measured by `rila-benchmarks/run-grid.sh` on %s"
            + " (%s CPUs, %s), %s: rila's `GridBenchmark` (JMH, mean of the measured iterations"
            + " after a warm-up fit, the common fork-join pool) and scikit-learn %s's"
            + " `BaggingRegressor(Ridge(alpha=1), n_jobs=-1)` (`python/grid_reference.py`, median"
            + " of up to 3 fits, fewer where a cell's fits took over 6 s) on identical data (`BenchmarkData.grid`: uniform features, a target"
            + " from the first eight), the same members on both sides, in the same run. Fewer"
            + " members for the larger cells keep each scikit-learn fit to seconds. Memory: every"
            + " byte one rila fit allocates on any thread (JMH's `gc.alloc.rate.norm`: per-thread"
            + " workspaces, the dual form's centred copies of the data and row Gram matrix (the"
            + " primal form reads the data in place), the store; an upper bound on what it holds"
            + " at once) against scikit-learn's peak traced by"
            + " `tracemalloc` during one fit with `n_jobs=1` (every numpy buffer of the fit; with"
            + " `n_jobs=-1` it runs in joblib's worker processes, out of reach).%s\n\n",
        machine.path("cpu").asText("?"), machine.path("cpus").asText("?"),
        machine.path("platform").asText("?"), machine.path("date").asText("?"),
        sklearn.path("versions").path("sklearn").asText("?"),
        note.isEmpty() ? "" : " " + note));
    md.append("![rila speed-up over scikit-learn by rows x features](").append(CHART)
        .append(")\n\n");
    TreeSet<Integer> rows = new TreeSet<>();
    TreeSet<Integer> features = new TreeSet<>();
    for (Cell c : grid) {
      rows.add(c.rows());
      features.add(c.features());
    }
    List<String> header = new ArrayList<>();
    header.add("rows \\ features");
    for (int p : features) {
      header.add(Units.count(p));
    }
    MarkdownTable matrix = new MarkdownTable(header.toArray(new String[0]));
    for (int n : rows) {
      List<String> line = new ArrayList<>();
      line.add(Units.count(n));
      for (int p : features) {
        Cell c = find(grid, n, p);
        line.add(c == null ? "not run" : Units.ratio(c.sklearn(), c.rila())
            + (c.primal() ? " P" : " D"));
      }
      matrix.row(line.toArray(new String[0]));
    }
    md.append("Speed-up (scikit-learn time / rila time; P: primal form, D: dual form):\n\n")
        .append(matrix.render()).append('\n');
    MarkdownTable table = new MarkdownTable("rows x features", "members", "form",
        "scikit-learn", "rila", "speed-up", "scikit-learn peak heap", "rila allocated",
        "rila store");
    for (Cell c : grid) {
      table.row(Units.count(c.rows()) + " x " + Units.count(c.features()),
          Units.count(c.members()), c.primal() ? "primal" : "dual", Units.seconds(c.sklearn()),
          Units.seconds(c.rila()) + " \u00b1 " + Units.seconds(c.rilaError()),
          Units.ratio(c.sklearn(), c.rila()), Units.bytes(c.sklearnHeap()),
          Units.bytes(c.rilaHeap()), Units.bytes(c.store()));
    }
    md.append(table.render()).append('\n');
    md.append(verdict(grid)).append("\n\n");
    if (!members.isEmpty()) {
      md.append(membersAxis(members));
    }
    md.append(END).append('\n');
    return md.toString();
  }

  /** The penalty every cell is fitted with, on both sides (GridBenchmark, grid_reference.py). */
  private static final double GRID_ALPHA = 1.0;

  /** Where the forms take over, and which cells miss the targets. */
  static String verdict(List<Cell> grid) {
    List<String> dual = new ArrayList<>();
    List<String> mixed = new ArrayList<>();
    List<String> slower = new ArrayList<>();
    List<String> tallShort = new ArrayList<>();
    int measured = 0;
    for (Cell c : grid) {
      String name = Units.count(c.rows()) + " x " + Units.count(c.features());
      if (!c.primal()) {
        dual.add(name);
      } else if (RidgeWorkspace.mixed(c.features(), GRID_ALPHA)) {
        mixed.add(name);
      }
      if (Double.isNaN(c.speedup())) {
        continue;
      }
      measured++;
      if (c.speedup() < 1) {
        slower.add(name + " (" + Units.ratio(c.sklearn(), c.rila()) + ")");
      }
      if (c.tall() && c.features() >= 100 && c.speedup() < 3) {
        tallShort.add(name + " (" + Units.ratio(c.sklearn(), c.rila()) + ")");
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "The forms: rila solves a fit in the dual form when its"
        + " features outnumber the distinct rows a member is expected to draw (%.3f x rows), in"
        + " the primal form otherwise. Dual here: %s; primal everywhere else.",
        EXPECTED_DISTINCT, dual.isEmpty() ? "none" : String.join(", ", dual)));
    s.append(" Primal cells with at least ")
        .append(Units.count(RidgeWorkspace.MIXED_MIN_FEATURES)).append(" features"
        + " solve in mixed precision (a single-precision Gram matrix and factor, refined in"
        + " double to the direct solve's accuracy): ")
        .append(mixed.isEmpty() ? "none" : String.join(", ", mixed)).append('.');
    s.append(String.format(Locale.ROOT, " Of %d measured cells, ", measured));
    s.append(slower.isEmpty() ? "none is slower than scikit-learn"
        : "rila is slower than scikit-learn on " + String.join(", ", slower));
    s.append("; tall cells (rows > features) with at least 100 features ");
    s.append(tallShort.isEmpty() ? "are all at least 3x faster."
        : "below the 3x target: " + String.join(", ", tallShort) + ".");
    return s.toString();
  }

  private static String membersAxis(List<Cell> members) {
    Cell first = members.get(0);
    StringBuilder md = new StringBuilder();
    md.append("### Members axis at ").append(Units.count(first.rows())).append(" rows x ")
        .append(Units.count(first.features())).append(" features\n\n");
    md.append("Time and memory by ensemble size, same run and method as the grid (scikit-learn"
        + " only up to the sizes it fits in reasonable time):\n\n");
    MarkdownTable table = new MarkdownTable("members", "rila", "rila per member",
        "rila allocated", "rila store", "scikit-learn", "scikit-learn per member",
        "scikit-learn peak heap", "speed-up");
    for (Cell c : members) {
      table.row(Units.count(c.members()), Units.seconds(c.rila()),
          Units.seconds(c.rila() / c.members()), Units.bytes(c.rilaHeap()),
          Units.bytes(c.store()), Units.seconds(c.sklearn()),
          Units.seconds(c.sklearn() / c.members()), Units.bytes(c.sklearnHeap()),
          Units.ratio(c.sklearn(), c.rila()));
    }
    md.append(table.render()).append('\n');
    return md.toString();
  }

  private static Cell find(List<Cell> grid, int rows, int features) {
    for (Cell c : grid) {
      if (c.rows() == rows && c.features() == features) {
        return c;
      }
    }
    return null;
  }

  private static void writeHeatMap(Path file, List<Cell> grid) throws IOException {
    TreeSet<Integer> rows = new TreeSet<>();
    TreeSet<Integer> features = new TreeSet<>();
    for (Cell c : grid) {
      rows.add(c.rows());
      features.add(c.features());
    }
    String[] rowLabels = rows.stream().map(Units::count).toArray(String[]::new);
    String[] columnLabels = features.stream().map(Units::count).toArray(String[]::new);
    double[][] speedups = new double[rows.size()][features.size()];
    String[][] notes = new String[rows.size()][features.size()];
    int r = 0;
    for (int n : rows) {
      int c = 0;
      for (int p : features) {
        Cell cell = find(grid, n, p);
        speedups[r][c] = cell == null ? Double.NaN : cell.speedup();
        notes[r][c] = cell == null ? "" : (cell.primal() ? "primal, " : "dual, ")
            + Units.count(cell.members()) + " members";
        c++;
      }
      r++;
    }
    HeatMap.write(file, "rila vs scikit-learn 1.2.1, bootstrap Ridge fit", rowLabels,
        columnLabels, speedups, notes);
  }

  /**
   * {@code existing} with its grid section replaced by {@code section}, or with {@code section}
   * appended when it has none.
   */
  static String splice(String existing, String section) {
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END);
    if (begin >= 0 && end > begin) {
      int after = end + END.length();
      if (after < existing.length() && existing.charAt(after) == '\n') {
        after++;
      }
      return existing.substring(0, begin) + section + existing.substring(after);
    }
    String base = existing.isEmpty() || existing.endsWith("\n\n") ? existing
        : existing.endsWith("\n") ? existing + "\n" : existing + "\n\n";
    return base + section;
  }

  /** The grid section of {@code report}, markers included, or empty when it has none. */
  static String extract(String report) {
    int begin = report.indexOf(BEGIN);
    int end = report.indexOf(END);
    if (begin < 0 || end < begin) {
      return "";
    }
    return report.substring(begin, end + END.length()) + "\n";
  }
}
