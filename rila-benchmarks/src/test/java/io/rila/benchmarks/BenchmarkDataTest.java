package io.rila.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkDataTest {

  @TempDir
  Path dir;

  @Test
  void shape_guide() {
    BenchmarkData guide = BenchmarkData.shape("guide");

    assertThat(guide.rows()).isEqualTo(150);
    assertThat(guide.features()).isEqualTo(598);
    assertThat(guide.y()).hasSize(150);
    assertThat(guide.weights()).isNull();
    // column j is series j / 26 at lag j % 26: lag 1 of row i is lag 0 of row i - 1
    double[][] x = guide.x();
    for (int i = 1; i < 150; i++) {
      assertThat(x[i][1]).isEqualTo(x[i - 1][0]);
      assertThat(x[i][27]).isEqualTo(x[i - 1][26]);
    }
  }

  /**
   * The values {@code python/grid_reference.py}'s numpy generator gives for the same cells
   * ({@code grid_data(7, 10)} and the sums of {@code grid_data(300, 11)} in row order): both
   * sides of the grid fit identical doubles.
   */
  @Test
  void grid_equalsTheNumpyGenerator() {
    BenchmarkData small = BenchmarkData.grid(7, 10, BenchmarkData.GRID_SEED);
    assertThat(small.x()[0][0]).isEqualTo(0x1.e22ee2a1c932p-1);
    assertThat(small.x()[6][9]).isEqualTo(-0x1.1990c3efe1e5p-2);
    assertThat(small.y()[0]).isEqualTo(0x1.ce559b8a46bf4p-2);
    assertThat(small.y()[6]).isEqualTo(0x1.d6829ec649948p-4);
    assertThat(small.weights()).isNull();
    BenchmarkData larger = BenchmarkData.grid(300, 11, BenchmarkData.GRID_SEED);
    double sx = 0;
    for (double[] row : larger.x()) {
      for (double v : row) {
        sx += v;
        assertThat(v).isBetween(-1.0, 1.0);
      }
    }
    double sy = 0;
    for (double v : larger.y()) {
      sy += v;
    }
    assertThat(sx).isEqualTo(-35.2246057124864);
    assertThat(sy).isEqualTo(-30.800053648183535);
  }

  @Test
  void shape_production() {
    BenchmarkData production = BenchmarkData.shape("production");

    assertThat(production.rows()).isEqualTo(152);
    assertThat(production.features()).isEqualTo(4);
    double[] w = production.weights();
    assertThat(w[151]).isEqualTo(1.0);
    assertThat(w[150]).isEqualTo(0.99);
    assertThat(w[0]).isEqualTo(Math.pow(0.99, 151));
    // feature 3 is the own rate three weeks before feature 2
    for (int i = 3; i < 152; i++) {
      assertThat(production.x()[i][3]).isEqualTo(production.x()[i - 3][2]);
    }
  }

  @Test
  void shape_sameSeedSameNumbers() {
    assertThat(BenchmarkData.shape("guide").x()).isDeepEqualTo(BenchmarkData.shape("guide").x());
    assertThat(BenchmarkData.shape("production").y())
        .containsExactly(BenchmarkData.shape("production").y());
  }

  @Test
  void shape_unknown() {
    assertThatThrownBy(() -> BenchmarkData.shape("huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape: huge (expected: guide or production)");
  }

  @Test
  void main_writesTheCsvFilesExactly() throws IOException {
    BenchmarkData.main(new String[] {dir.toString()});

    List<String> x = Files.readAllLines(dir.resolve("guide_x.csv"));
    assertThat(x).hasSize(150);
    String[] cells = x.get(7).split(",");
    assertThat(cells).hasSize(598);
    assertThat(Double.parseDouble(cells[42])).isEqualTo(BenchmarkData.shape("guide").x()[7][42]);
    String[] weights = Files.readAllLines(dir.resolve("production_w.csv")).get(0).split(",");
    assertThat(weights).hasSize(152);
    assertThat(Double.parseDouble(weights[151])).isEqualTo(1.0);
    assertThat(dir.resolve("production_x.csv")).exists();
    assertThat(dir.resolve("production_y.csv")).exists();
    assertThat(dir.resolve("guide_y.csv")).exists();
  }
}
