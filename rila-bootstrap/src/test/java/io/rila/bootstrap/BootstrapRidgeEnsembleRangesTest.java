package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.regression.SolveForm;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public range API: {@code fitMembers}, {@code modelScaleTarget}, {@code assemble}. */
class BootstrapRidgeEnsembleRangesTest {

  private static final int MEMBERS = 50;
  private static final int[] CUTS = {0, 7, 8, 31, MEMBERS};

  @Test
  void fitMembers_rangesConcatenateToTheWholeFit() {
    Random random = new Random(3);
    double[][] tall = matrix(random, 40, 3);
    double[][] wide = matrix(random, 12, 30);
    List<Resampling> schemes = List.of(Resampling.iid(), Resampling.poisson(),
        Resampling.stationary(3), Resampling.sklearnCompatible(7, SklearnWeighting.LEGACY),
        Resampling.sklearnCompatible(7, SklearnWeighting.PROBABILITY));
    for (double[][] x : new double[][][] {tall, wide}) {
      double[] y = target(random, x);
      double[] w = weights(random, x.length);
      for (Resampling scheme : schemes) {
        for (Precision precision : Precision.values()) {
          BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS)
              .resampling(scheme).precision(precision).alpha(0.5).build();
          CoefficientStore whole = e.fit(x, y, w).coefficients();
          assertThat(concatenate(e, x, y, w, true)).as("%s %s", scheme, precision)
              .isEqualTo(whole);
        }
      }
    }
  }

  /**
   * A tall fit wide enough for the primal form's mixed-precision solve (720 features): bit for
   * bit the same on the calling thread, on a pool of three, and as two ranges joined.
   */
  @Test
  void fitMembers_mixedPrecisionIsBitIdenticalAcrossExecutorsAndRanges() {
    Random random = new Random(11);
    double[][] x = matrix(random, 1500, 720);
    double[] y = target(random, x);
    double[] w = weights(random, x.length);
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(3);
    try {
      BootstrapRidgeEnsemble inline = BootstrapRidgeEnsemble.newBuilder().estimators(4)
          .precision(Precision.DOUBLE).seed(5).executor(Runnable::run).build();
      EnsembleModel model = inline.fit(x, y, w);
      assertThat(model.solveForm()).isEqualTo(SolveForm.PRIMAL);
      CoefficientStore whole = model.coefficients();
      BootstrapRidgeEnsemble pooled = BootstrapRidgeEnsemble.newBuilder().estimators(4)
          .precision(Precision.DOUBLE).seed(5).executor(pool).build();
      assertThat(pooled.fit(x, y, w).coefficients()).isEqualTo(whole);
      CoefficientStore joined = CoefficientStore.concat(List.of(
          pooled.fitMembers(x, y, w, 0, 1), pooled.fitMembers(x, y, w, 1, 4)));
      assertThat(joined).isEqualTo(whole);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fitMembersTransformed_matchesFitTransformed() {
    Random random = new Random(4);
    double[][] x = matrix(random, 30, 2);
    double[] z = target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(9)
        .targetTransform(TargetTransform.LOG1P).precision(Precision.DOUBLE).build();
    assertThat(concatenate(e, x, z, null, false))
        .isEqualTo(e.fitTransformed(x, z).coefficients());
  }

  @Test
  void assemble_equalsTheLocalModel() {
    Random random = new Random(5);
    double[][] x = matrix(random, 9, 20);
    double[] y = target(random, x);
    double[] w = weights(random, x.length);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(2)
        .alpha(3).build();
    EnsembleModel local = e.fit(x, y, w);
    EnsembleModel assembled = e.assemble(concatenate(e, x, y, w, true), null, x.length, w);
    assertThat(assembled.coefficients()).isEqualTo(local.coefficients());
    assertThat(assembled.solveForm()).isEqualTo(local.solveForm()).isEqualTo(SolveForm.DUAL);
    assertThat(assembled.toString()).isEqualTo(local.toString());
    assertThat(assembled.settings()).isEqualTo(local.settings());
    assertThat(assembled.trainingRows()).isEqualTo(9);
    assertThat(assembled.featureNames()).isEqualTo(local.featureNames());
    assertThat(assembled.hasFeatureNames()).isFalse();
    assertThat(assembled.predict(x[0])).isEqualTo(local.predict(x[0]));
  }

  @Test
  void assemble_ofARange_isAModelOfItsMembers() {
    Random random = new Random(7);
    double[][] x = matrix(random, 30, 2);
    double[] y = target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(3)
        .build();
    CoefficientStore part = e.fitMembers(x, y, null, 8, 31);
    EnsembleModel chunk = e.assemble(part, List.of("a", "b"), x.length, null);
    assertThat(chunk.estimators()).isEqualTo(23);
    assertThat(chunk.settings()).isEqualTo(e.settings().withEstimators(23)
        .withSolveForm(SolveForm.PRIMAL));
    EnsembleModel whole = e.fit(x, y);
    double[] all = whole.memberPredictions(x[0]);
    assertThat(chunk.memberPredictions(x[0]))
        .containsExactly(java.util.Arrays.copyOfRange(all, 8, 31));
  }

  @Test
  void assemble_badInput() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(2).build();
    CoefficientStore store = CoefficientStore.ofFloats(2, 1, new float[] {1, 2, 3, 4});
    assertThatThrownBy(() -> e.assemble(null, null, 3, null))
        .isInstanceOf(NullPointerException.class).hasMessage("members");
    assertThatThrownBy(() -> e.assemble(store, null, 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 0");
    assertThatThrownBy(() -> e.assemble(store, null, 3, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 2");
    assertThatThrownBy(() -> e.assemble(store, List.of("a", "b"), 3, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("featureNames: 2");
    CoefficientStore doubles = CoefficientStore.ofDoubles(2, 1, new double[] {1, 2, 3, 4});
    assertThatThrownBy(() -> e.assemble(doubles, null, 3, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOUBLE");
  }

  @Test
  void model_keepsEverySetting() {
    CoefficientStore store = CoefficientStore.ofDoubles(2, 1, new double[] {1, 2, 3, 4});
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(2).alpha(0.25).seed(11)
        .resampling(Resampling.movingBlock(4)).targetTransform(TargetTransform.LOG)
        .nonNegative(true).solveForm(SolveForm.PRIMAL).precision(Precision.DOUBLE).build();
    EnsembleModel m = EnsembleModel.of(store, List.of("rate"), 17, settings);
    assertThat(m.settings()).isSameAs(settings);
    assertThat(m.coefficients()).isSameAs(store);
    assertThat(m.featureNames()).containsExactly("rate");
    assertThat(m.hasFeatureNames()).isTrue();
    assertThat(m.trainingRows()).isEqualTo(17);
    assertThat(m.alpha()).isEqualTo(0.25);
    assertThat(m.seed()).isEqualTo(11);
    assertThat(m.resampling()).isEqualTo(Resampling.movingBlock(4));
    assertThat(m.targetTransform()).isEqualTo(TargetTransform.LOG);
    assertThat(m.nonNegative()).isTrue();
    assertThat(m.solveForm()).isEqualTo(SolveForm.PRIMAL);
    assertThat(m.memberPredictions(new double[] {1})).containsExactly(Math.exp(3), Math.exp(7));
  }

  @Test
  void fitMembers_rangeOutOfBounds() {
    Random random = new Random(6);
    double[][] x = matrix(random, 10, 2);
    double[] y = target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(5).build();
    for (int[] range : new int[][] {{-1, 2}, {0, 6}, {3, 3}, {4, 2}}) {
      assertThatThrownBy(() -> e.fitMembers(x, y, null, range[0], range[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("members: [" + range[0] + ", " + range[1] + ")")
          .hasMessageContaining("<= 5");
    }
  }

  @Test
  void fitMembers_failureNamesTheMemberOfTheWholeFit() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
    double[] y = {1, 2, 3, 4, 6};
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(40).alpha(0)
        .executor(Runnable::run).build();
    assertThatThrownBy(() -> e.fitMembers(x, y, null, 23, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("member 23 (of 40): ");
  }

  @Test
  void fitMembers_checksTheData() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(5).build();
    double[][] x = {{1}, {Double.NaN}};
    assertThatThrownBy(() -> e.fitMembers(x, new double[] {1, 2}, null, 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1, column 0");
  }

  @Test
  void modelScaleTarget_rejectsAsTheFit() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder()
        .targetTransform(TargetTransform.LOG).resampling(Resampling.movingBlock(3)).build();
    double[][] x = {{1}, {2}};
    assertThatThrownBy(() -> e.modelScaleTarget(x, new double[] {1, -1}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]: -1.0");
    double[] one = {1};
    assertThatThrownBy(() -> e.modelScaleTarget(x, new double[] {1, 2}, one))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 1");
    assertThatThrownBy(() -> e.modelScaleTarget(x, new double[] {1, 2}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block length <= rows");
    assertThat(e.modelScaleTarget(new double[][] {{1}, {2}, {3}}, new double[] {1, 2, 4},
        null)).containsExactly(Math.log(1), Math.log(2), Math.log(4));
  }

  private static CoefficientStore concatenate(
      BootstrapRidgeEnsemble e, double[][] x, double[] y, double[] w, boolean transform) {
    List<CoefficientStore> parts = new java.util.ArrayList<>();
    for (int c = 0; c + 1 < CUTS.length; c++) {
      CoefficientStore part = transform ? e.fitMembers(x, y, w, CUTS[c], CUTS[c + 1])
          : e.fitMembersTransformed(x, y, w, CUTS[c], CUTS[c + 1]);
      assertThat(part.members()).isEqualTo(CUTS[c + 1] - CUTS[c]);
      parts.add(part);
    }
    return CoefficientStore.concat(parts);
  }

  private static double[][] matrix(Random random, int rows, int cols) {
    double[][] x = new double[rows][cols];
    for (double[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  private static double[] target(Random random, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 1.0;
      for (int j = 0; j < x[i].length; j++) {
        s += (j + 1) * 0.3 * x[i][j];
      }
      y[i] = s + 0.1 * random.nextGaussian();
    }
    return y;
  }

  private static double[] weights(Random random, int rows) {
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = i % 5 == 0 ? 0 : 0.5 + random.nextDouble();
    }
    return w;
  }
}
