package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridReportTest {

  private static final String FIT = "io.rila.benchmarks.GridBenchmark.fit";

  @TempDir
  Path dir;

  /** rila's side: 2 s / 100 ms / 20 ms / 1.5 s per fit; the primal form where rows > features. */
  private Path gridJmh() {
    Path file = dir.resolve("grid.json");
    new SyntheticRun()
        .add(FIT, "avgt", 2000, "ms/op", "cell", "1500x598x100", "form", "AUTO")
        .secondary("primal", 1, "#").secondary("gc.alloc.rate.norm", 30e6, "B/op")
        .secondary("storeBytes", 239_600, "#")
        .add(FIT, "avgt", 100, "ms/op", "cell", "150x598x1000", "form", "AUTO")
        .secondary("primal", 0, "#").secondary("gc.alloc.rate.norm", 5e6, "B/op")
        .secondary("storeBytes", 2_396_000, "#")
        .add(FIT, "avgt", 20, "ms/op", "cell", "50x4x1000", "form", "AUTO")
        .secondary("primal", 1, "#").secondary("gc.alloc.rate.norm", 1e5, "B/op")
        .secondary("storeBytes", 20_000, "#")
        .add(FIT, "avgt", 1500, "ms/op", "cell", "5000x100x200", "form", "AUTO")
        .secondary("primal", 1, "#").secondary("gc.alloc.rate.norm", 1e7, "B/op")
        .secondary("storeBytes", 80_800, "#")
        .add(FIT, "avgt", 999, "ms/op", "cell", "5000x100x200", "form", "DUAL")
        .write(file);
    return file;
  }

  /** scikit-learn's side: 4 s, 2 s, 1 s, 2 s: speed-ups 2x, 20x, 50x and 1.33x. */
  private Path gridSklearn() throws IOException {
    Path file = dir.resolve("sklearn.json");
    Files.writeString(file, "{\"machine\": {\"cpus\": 2, \"cpu\": \"Test CPU\", \"platform\":"
        + " \"Linux\", \"date\": \"2026-12-05T21:00:00+0000\"}, \"versions\": {\"sklearn\":"
        + " \"1.2.1\"}, \"cells\": ["
        + "{\"cell\": \"1500x598x100\", \"seconds\": 4.0, \"peak_heap_bytes\": 8e8},"
        + "{\"cell\": \"150x598x1000\", \"seconds\": 2.0, \"peak_heap_bytes\": 3e8},"
        + "{\"cell\": \"50x4x1000\", \"seconds\": 1.0, \"peak_heap_bytes\": 2e7},"
        + "{\"cell\": \"5000x100x200\", \"seconds\": 2.0, \"peak_heap_bytes\": 9e8}]}");
    return file;
  }

  @Test
  void run_writesTheSectionAndTheHeatMap() throws IOException {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("performance.md"), "# Performance\n\nkept\n");
    int code = GridReport.run(new String[] {"--grid-jmh", gridJmh().toString(),
        "--grid-sklearn", gridSklearn().toString(), "--out", docs.toString(), "--note",
        "Load was 1.0."}, new PrintStream(new ByteArrayOutputStream()), System.err);

    assertThat(code).isZero();
    String report = Files.readString(docs.resolve("performance.md"), StandardCharsets.UTF_8);
    assertThat(report).contains("out of reach). Load was 1.0.\n\n").startsWith("# Performance\n\nkept\n\n" + GridReport.BEGIN);
    assertThat(report).contains("| 1,500 x 598 | 100 | primal | 4.00 s | 2.00 s \u00b1 ")
        .contains("| 2.00x | 800 MB | 30.0 MB | 240 kB |")
        .contains("| 150 | not run | not run | 20.0x D |")
        .contains("| 1,500 | not run | not run | 2.00x P |")
        .contains("| 5,000 | not run | 1.33x P | not run |")
        .contains("Test CPU (2 CPUs, Linux), 2026-12-05T21:00:00+0000")
        .contains("scikit-learn 1.2.1's")
        .contains("Dual here: 150 x 598; primal everywhere else.")
        .contains("Primal cells with at least 700 features solve in mixed precision")
        .contains("to the direct solve's accuracy): none.")
        .contains("none is slower than scikit-learn")
        .contains("below the 3x target: 1,500 x 598 (2.00x), 5,000 x 100 (1.33x).")
        .doesNotContain("999");
    BufferedImage png = ImageIO.read(docs.resolve(GridReport.CHART).toFile());
    assertThat(png.getWidth()).isGreaterThan(400);
    // the 50 x 4 cell (top left, 50x) is green, 1,500 x 598 (2x) paler
    assertThat(HeatMap.colour(50).getGreen()).isGreaterThan(HeatMap.colour(50).getRed());
    assertThat(HeatMap.colour(0.5).getRed()).isGreaterThan(HeatMap.colour(0.5).getGreen());
    assertThat(HeatMap.colour(1).getRGB()).isEqualTo(java.awt.Color.WHITE.getRGB());
  }

  @Test
  void run_replacesTheSectionInPlace() throws IOException {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("performance.md"), "# P\n\n" + GridReport.BEGIN
        + "\nOLD-SECTION\n" + GridReport.END + "\n\n## Reproduce\n");
    String[] args = {"--grid-jmh", gridJmh().toString(), "--grid-sklearn",
        gridSklearn().toString(), "--out", docs.toString()};
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    assertThat(GridReport.run(args, quiet, System.err)).isZero();
    String once = Files.readString(docs.resolve("performance.md"), StandardCharsets.UTF_8);
    assertThat(GridReport.run(args, quiet, System.err)).isZero();
    String twice = Files.readString(docs.resolve("performance.md"), StandardCharsets.UTF_8);

    assertThat(once).doesNotContain("OLD-SECTION").endsWith(GridReport.END + "\n\n## Reproduce\n");
    assertThat(twice).isEqualTo(once);
    assertThat(GridReport.extract(once)).startsWith(GridReport.BEGIN)
        .endsWith(GridReport.END + "\n");
  }

  @Test
  void run_membersAxis() throws IOException {
    Path members = dir.resolve("members.json");
    new SyntheticRun()
        .add(FIT, "avgt", 10, "ms/op", "cell", "150x598x100", "form", "AUTO")
        .secondary("primal", 0, "#").secondary("gc.alloc.rate.norm", 2e6, "B/op")
        .secondary("storeBytes", 239_600, "#")
        .add(FIT, "avgt", 100, "ms/op", "cell", "150x598x1000", "form", "AUTO")
        .secondary("primal", 0, "#").secondary("gc.alloc.rate.norm", 4e6, "B/op")
        .secondary("storeBytes", 2_396_000, "#")
        .write(members);
    Path docs = dir.resolve("docs");
    int code = GridReport.run(new String[] {"--grid-jmh", gridJmh().toString(),
        "--grid-sklearn", gridSklearn().toString(), "--members-jmh", members.toString(),
        "--members-sklearn", gridSklearn().toString(), "--out", docs.toString()},
        new PrintStream(new ByteArrayOutputStream()), System.err);

    assertThat(code).isZero();
    String report = Files.readString(docs.resolve("performance.md"), StandardCharsets.UTF_8);
    assertThat(report).contains("### Members axis at 150 rows x 598 features")
        .contains("| 100 | 10.0 ms | 100 \u00b5s | 2.00 MB | 240 kB | \u2014 |")
        .contains("| 1,000 | 100 ms | 100 \u00b5s | 4.00 MB | 2.40 MB | 2.00 s | 2.00 ms |"
            + " 300 MB | 20.0x |");
  }

  @Test
  void run_badInput() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    assertThat(GridReport.run(new String[] {"--grid-jmh"}, quiet, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: GridReport");
    Path empty = dir.resolve("empty.json");
    new SyntheticRun().add("io.rila.benchmarks.TrainingBenchmark.fit", "avgt", 1, "ms/op",
        "members", "100").write(empty);
    err.reset();
    assertThat(GridReport.run(new String[] {"--grid-jmh", empty.toString(), "--grid-sklearn",
        gridSklearn().toString(), "--out", dir.toString()}, quiet, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no GridBenchmark.fit {form=AUTO} in the JMH results");
  }
}
