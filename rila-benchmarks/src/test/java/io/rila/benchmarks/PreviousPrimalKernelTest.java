package io.rila.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;
import io.rila.core.regression.SolveForm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreviousPrimalKernelTest {

  /** The gate's baseline solves the same problem as rila's primal form: it is a fair baseline. */
  @Test
  void solve_agreesWithTheCurrentPrimalForm() {
    for (int[] shape : new int[][] {{300, 20}, {150, 37}}) {
      BenchmarkData data = BenchmarkData.grid(shape[0], shape[1], BenchmarkData.GRID_SEED);
      RidgeWorkspace ws = RidgeKernel.of(data.x(), data.y()).newWorkspace();
      PreviousPrimalKernel previous = new PreviousPrimalKernel(data.x(), data.y());
      SplittableRandom random = new SplittableRandom(1);
      double[] v = new double[shape[0]];
      for (int t = 0; t < shape[0]; t++) {
        v[random.nextInt(shape[0])] += 1;
      }
      double[] expected = new double[shape[1]];
      double[] actual = new double[shape[1]];
      ws.solve(v, 1.0, SolveForm.PRIMAL, expected);
      previous.solve(v, 1.0, actual);
      double scale = 0;
      for (double b : expected) {
        scale = Math.max(scale, Math.abs(b));
      }
      for (int j = 0; j < shape[1]; j++) {
        assertThat(Math.abs(actual[j] - expected[j])).as("coef %d", j)
            .isLessThanOrEqualTo(1e-10 * scale);
      }
    }
  }
}
