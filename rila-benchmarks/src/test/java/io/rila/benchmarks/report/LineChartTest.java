package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void write_pngWithTheLines() throws IOException {
    Path file = dir.resolve("chart.png");
    LineChart chart = new LineChart("t", "members", "seconds")
        .line("a", new double[] {100, 1000, 10_000}, new double[] {0.01, 0.1, 1}, false)
        .line("b", new double[] {100, 1000, 10_000}, new double[] {0.3, 3, 30}, true);

    assertThat(chart.hasData()).isTrue();
    chart.write(file, 10);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
    assertThat(colours(image)).as("more than a blank canvas").isGreaterThan(4);
  }

  @Test
  void line_skipsPointsThatCannotBeOnALogAxis() {
    LineChart chart = new LineChart("t", "x", "y")
        .line("missing", new double[] {1, 2}, new double[] {Double.NaN, 0}, false)
        .line("infinite", new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, false);

    assertThat(chart.hasData()).isFalse();
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 5) {
      for (int x = 0; x < image.getWidth(); x += 5) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
