package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.random.MemberRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The sums against a hand loop over members whose counts are drawn directly from {@link
 * MemberRandom} (the i.i.d. scheme's documented stream: {@code rows} uniform draws), with the
 * redraw rule written out: a draw whose rows all have weight zero is replaced by the next draw of
 * the same stream.
 */
class OutOfBagTest {

  @Test
  void sums_matchAHandLoopWithRedraws() {
    int rows = 5;
    int members = 40;
    int p = 2;
    double[] weights = {0, 0, 0, 0, 1};     // only row 4 counts: many draws are redrawn
    double[] coefficients = new double[members * (p + 1)];
    for (int i = 0; i < coefficients.length; i++) {
      coefficients[i] = Math.sin(i + 1.0);
    }
    double[] sums = new double[rows * (p + 1)];
    int[] outOfBag = new int[rows];
    OutOfBag.sums(Samplers.iid(7), weights, rows, MemberBlock.wrap(members, p, coefficients), sums,
        outOfBag);

    double[] expected = new double[rows * (p + 1)];
    int[] expectedCount = new int[rows];
    int redrawn = 0;
    for (int k = 0; k < members; k++) {
      MemberRandom random = new MemberRandom(7, k);
      int[] counts;
      while (true) {
        counts = new int[rows];
        for (int d = 0; d < rows; d++) {
          counts[random.nextInt(rows)]++;
        }
        if (counts[4] > 0) {
          break;
        }
        redrawn++;
      }
      for (int i = 0; i < rows; i++) {
        if (counts[i] == 0) {
          expectedCount[i]++;
          for (int j = 0; j <= p; j++) {
            expected[i * (p + 1) + j] += coefficients[k * (p + 1) + j];
          }
        }
      }
    }
    assertThat(redrawn).as("the weights force redraws").isPositive();
    assertThat(outOfBag).containsExactly(expectedCount);
    assertThat(outOfBag[4]).isZero();
    for (int i = 0; i < sums.length; i++) {
      assertThat(sums[i]).isCloseTo(expected[i], Offset.offset(1e-12));
    }
  }

  /** Float coefficients give the sums of the same values widened to double. */
  @Test
  void sums_floatCoefficientsAreWidened() {
    float[] floats = new float[30 * 3];
    double[] doubles = new double[floats.length];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) Math.cos(i + 0.5);
      doubles[i] = floats[i];
    }
    double[] fromFloats = new double[8 * 3];
    double[] fromDoubles = new double[8 * 3];
    int[] a = new int[8];
    int[] b = new int[8];
    OutOfBag.sums(Samplers.poisson(4), null, 8, MemberBlock.wrap(30, 2, floats), fromFloats, a);
    OutOfBag.sums(Samplers.poisson(4), null, 8, MemberBlock.wrap(30, 2, doubles), fromDoubles, b);
    assertThat(a).containsExactly(b);
    assertThat(fromFloats).containsExactly(fromDoubles);
    assertThat(a[0] + a[7]).isPositive();
  }

  @Test
  void sums_allWeightsZeroFailsAfterTheFitsLimit() {
    assertThatThrownBy(() -> OutOfBag.sums(Samplers.iid(3), new double[3], 3,
        MemberBlock.wrap(1, 1, new double[2]), new double[6], new int[3]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("member 0: " + TrainingJob.MAX_DRAWS);
  }
}
