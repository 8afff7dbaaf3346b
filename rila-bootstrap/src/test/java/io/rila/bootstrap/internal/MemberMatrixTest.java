package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberMatrixTest {

  // more members than one window and features that do not fill the last block
  private static final int MEMBERS = MemberMatrix.MEMBER_WINDOW + 301;
  private static final int FEATURES = 2 * MemberMatrix.FEATURE_BLOCK + 5;

  private static double[][] rows(Random random, int count) {
    double[][] rows = new double[count][FEATURES];
    for (double[] row : rows) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = 3 * random.nextGaussian();
      }
    }
    return rows;
  }

  private static double[] memberMajor(Random random) {
    double[] values = new double[MEMBERS * (FEATURES + 1)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  @Test
  void predict_doubleMatchesDotProducts() {
    Random random = new Random(1);
    double[] values = memberMajor(random);
    MemberMatrix matrix = MemberMatrix.of(MemberBlock.wrap(MEMBERS, FEATURES, values));
    double[][] rows = rows(random, 7);
    double[][] out = new double[7][MEMBERS];
    matrix.predict(rows, 0, 7, out, matrix.newScratch());
    for (int r = 0; r < 7; r++) {
      for (int k = 0; k < MEMBERS; k++) {
        int o = k * (FEATURES + 1);
        double z = values[o + FEATURES];
        double scale = Math.abs(z);
        for (int j = 0; j < FEATURES; j++) {
          z += rows[r][j] * values[o + j];
          scale += Math.abs(rows[r][j] * values[o + j]);
        }
        assertThat(Math.abs(out[r][k] - z)).isLessThanOrEqualTo(1e-14 * scale);
      }
    }
  }

  @Test
  void predict_floatWithinDocumentedError() {
    Random random = new Random(2);
    double[] values = memberMajor(random);
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    MemberMatrix matrix = MemberMatrix.of(MemberBlock.wrap(MEMBERS, FEATURES, floats));
    double[][] rows = rows(random, 6);
    double[][] out = new double[6][MEMBERS];
    matrix.predict(rows, 0, 6, out, matrix.newScratch());
    double worst = 0;
    for (int r = 0; r < 6; r++) {
      for (int k = 0; k < MEMBERS; k++) {
        int o = k * (FEATURES + 1);
        double z = floats[o + FEATURES];
        double scale = Math.abs(z);
        for (int j = 0; j < FEATURES; j++) {
          z += rows[r][j] * floats[o + j];
          scale += Math.abs(rows[r][j] * floats[o + j]);
        }
        worst = Math.max(worst, Math.abs(out[r][k] - z) / scale);
      }
    }
    assertThat(worst).isLessThan(MemberMatrix.FEATURE_BLOCK * 0x1p-24).isGreaterThan(0);
  }

  @Test
  void predict_independentOfRowGrouping() {
    Random random = new Random(3);
    double[] values = memberMajor(random);
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    double[][] rows = rows(random, 9);
    for (MemberMatrix matrix : new MemberMatrix[] {
        MemberMatrix.of(MemberBlock.wrap(MEMBERS, FEATURES, values)),
        MemberMatrix.of(MemberBlock.wrap(MEMBERS, FEATURES, floats))}) {
      double[][] together = new double[9][MEMBERS];
      matrix.predict(rows, 0, 9, together, matrix.newScratch());
      MemberMatrix.Scratch scratch = matrix.newScratch();
      for (int r = 0; r < 9; r++) {
        double[][] alone = new double[1][MEMBERS];
        matrix.predict(rows, r, r + 1, alone, scratch);
        assertThat(alone[0]).isEqualTo(together[r]);
      }
      double[][] middle = new double[3][MEMBERS];
      matrix.predict(rows, 3, 6, middle, scratch);
      assertThat(middle[1]).isEqualTo(together[4]);
    }
  }
}
