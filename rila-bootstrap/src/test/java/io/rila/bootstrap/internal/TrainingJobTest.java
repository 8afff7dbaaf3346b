package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.TextbookRidge;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.regression.SolveForm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainingJobTest {

  private static final double[][] X = {{1, 0}, {2, 1}, {3, 1}, {4, 3}, {5, 2}, {6, 5}};
  private static final double[] Y = {1.0, 2.5, 2.9, 4.8, 5.1, 7.2};

  /** A sampler that returns scripted counts, then repeats the last. */
  private static final class Scripted implements CountSampler {
    private final int[][] script;
    private int next;
    int draws;

    Scripted(int[]... script) {
      this.script = script;
    }

    @Override
    public void draw(int member, int[] counts) {
      next = 0;
      redraw(counts);
    }

    @Override
    public void redraw(int[] counts) {
      draws++;
      System.arraycopy(script[Math.min(next, script.length - 1)], 0, counts, 0, counts.length);
      next++;
    }
  }

  /**
   * The textbook Ridge fit of the materialised resample: row {@code i} repeated {@code counts[i]}
   * times with its weight {@code w[i]}.
   */
  private static double[] refit(int[] counts, double[] w, double alpha) {
    int m = 0;
    for (int c : counts) {
      m += c;
    }
    double[][] x = new double[m][];
    double[] y = new double[m];
    double[] v = new double[m];
    int r = 0;
    for (int i = 0; i < counts.length; i++) {
      for (int t = 0; t < counts[i]; t++, r++) {
        x[r] = X[i];
        y[r] = Y[i];
        v[r] = w[i];
      }
    }
    return TextbookRidge.fit(x, y, v, alpha);
  }

  @Test
  void run_fitsWeightTimesCount() {
    double[] w = {1, 0.5, 2, 1, 0, 1};
    int[] counts = {2, 0, 1, 3, 1, 1};
    double[] out = new double[3];
    TrainingJob job = new TrainingJob(RidgeKernel.of(X, Y), w, 0.4, SolveForm.PRIMAL, false,
        () -> new Scripted(counts), MemberBlock.wrap(1, 2, out));
    job.get().run(0);
    double[] expected = refit(counts, w, 0.4);
    for (int j = 0; j < 3; j++) {
      assertThat(Math.abs(out[j] - expected[j])).as("output %d", j).isLessThan(1e-12);
    }
  }

  @Test
  void run_redrawsWhenOnlyZeroWeightRowsWereDrawn() {
    double[] w = {1, 0, 0, 0, 0, 1};
    Scripted sampler = new Scripted(new int[] {0, 3, 3, 0, 0, 0}, new int[] {1, 1, 0, 0, 0, 4});
    float[] out = new float[3];
    new TrainingJob(RidgeKernel.of(X, Y), w, 1.0, SolveForm.AUTO, false, () -> sampler,
        MemberBlock.wrap(1, 2, out)).get().run(0);
    assertThat(sampler.draws).isEqualTo(2);
    double[] expected = refit(new int[] {1, 1, 0, 0, 0, 4}, w, 1.0);
    for (int j = 0; j < 3; j++) {
      assertThat(out[j]).as("output %d", j).isEqualTo((float) expected[j]);
    }
  }

  @Test
  void run_givesUpAfterMaxDraws() {
    double[] w = {1, 0, 0, 0, 0, 0};
    Scripted sampler = new Scripted(new int[] {0, 6, 0, 0, 0, 0});
    TrainingJob job = new TrainingJob(RidgeKernel.of(X, Y), w, 1.0, SolveForm.AUTO, false,
        () -> sampler, MemberBlock.wrap(1, 2, new float[3]));
    assertThatThrownBy(() -> job.get().run(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TrainingJob.MAX_DRAWS + " resamples in a row");
    assertThat(sampler.draws).isEqualTo(TrainingJob.MAX_DRAWS);
  }

  @Test
  void run_writesTheMembersRowOnly() {
    double[] out = new double[4 * 3];
    Arrays.fill(out, -7);
    new TrainingJob(RidgeKernel.of(X, Y), null, 1.0, SolveForm.DUAL, false,
        () -> new Scripted(new int[] {1, 1, 1, 1, 1, 1}), MemberBlock.wrap(4, 2, out)).get()
        .run(2);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i] == -7).as("index %d", i).isEqualTo(i < 6 || i >= 9);
    }
  }

  @Test
  void run_floatOverflowAsksForDoublePrecision() {
    double[][] x = {{1e-30}, {2e-30}, {3e-30}};
    double[] y = {1e10, 2e10, 3e10};
    TrainingJob job = new TrainingJob(RidgeKernel.of(x, y), null, 0, SolveForm.PRIMAL, false,
        () -> new Scripted(new int[] {1, 1, 1}), MemberBlock.wrap(1, 1, new float[2]));
    assertThatThrownBy(() -> job.get().run(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Precision.DOUBLE");
  }
}
