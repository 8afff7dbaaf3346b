package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoefficientStoreTest {

  // 3 members x 2 features: member k = {10k + 1, 10k + 2, intercept 10k + 0.5}
  private static final double[] VALUES = {1, 2, 0.5, 11, 12, 10.5, 21, 22, 20.5};

  private static CoefficientStore doubles() {
    return CoefficientStore.ofDoubles(3, 2, VALUES);
  }

  private static CoefficientStore floats() {
    float[] f = new float[VALUES.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) VALUES[i];
    }
    return CoefficientStore.ofFloats(3, 2, f);
  }

  @Test
  void accessors_readMemberMajorLayout() {
    for (CoefficientStore store : new CoefficientStore[] {doubles(), floats()}) {
      assertThat(store.members()).isEqualTo(3);
      assertThat(store.features()).isEqualTo(2);
      assertThat(store.coefficient(1, 0)).isEqualTo(11);
      assertThat(store.coefficient(2, 1)).isEqualTo(22);
      assertThat(store.intercept(2)).isEqualTo(20.5);
      double[] member = new double[4];
      store.copyMember(1, member);
      assertThat(member).containsExactly(11, 12, 10.5, 0);
      double[] coefficients = new double[2];
      store.copyCoefficients(2, coefficients);
      assertThat(coefficients).containsExactly(21, 22);
      double[] column = new double[3];
      store.copyFeature(1, column);
      assertThat(column).containsExactly(2, 12, 22);
      store.copyIntercepts(column);
      assertThat(column).containsExactly(0.5, 10.5, 20.5);
      double[] range = new double[7];
      store.copyMembers(1, 3, range, 1);
      assertThat(range).containsExactly(0, 11, 12, 10.5, 21, 22, 20.5);
      float[] fr = new float[3];
      store.copyMembers(0, 1, fr, 0);
      assertThat(fr).containsExactly(1f, 2f, 0.5f);
    }
  }

  @Test
  void sizeInBytes_followsPrecision() {
    assertThat(doubles().sizeInBytes()).isEqualTo(9 * 8);
    assertThat(floats().sizeInBytes()).isEqualTo(9 * 4);
    assertThat(doubles().precision()).isEqualTo(Precision.DOUBLE);
    assertThat(floats().precision()).isEqualTo(Precision.FLOAT);
    CoefficientStore big = CoefficientStore.allocate(10_000, 598, Precision.FLOAT);
    assertThat(big.sizeInBytes()).isEqualTo(10_000L * 599 * 4).isLessThanOrEqualTo(25_000_000);
  }

  @Test
  void factories_copyTheirInput() {
    double[] values = VALUES.clone();
    CoefficientStore store = CoefficientStore.ofDoubles(3, 2, values);
    values[0] = 99;
    assertThat(store.coefficient(0, 0)).isEqualTo(1);
  }

  @Test
  void equals_byPrecisionShapeAndBits() {
    assertThat(doubles()).isEqualTo(doubles()).hasSameHashCodeAs(doubles());
    assertThat(floats()).isEqualTo(floats());
    assertThat(doubles()).isNotEqualTo(floats());
    assertThat(CoefficientStore.ofDoubles(1, 8, VALUES)).isNotEqualTo(doubles());
    double[] other = VALUES.clone();
    other[8] = Math.nextUp(other[8]);
    assertThat(CoefficientStore.ofDoubles(3, 2, other)).isNotEqualTo(doubles());
    assertThat(doubles().toString()).contains("3 members x 2 features").contains("DOUBLE");
  }

  @Test
  void factories_badInput() {
    assertThatThrownBy(() -> CoefficientStore.ofDoubles(3, 2, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("values");
    assertThatThrownBy(() -> CoefficientStore.ofFloats(3, 2, new float[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values: length 8 (expected: 9 = 3 members x (2 features + 1))");
    assertThatThrownBy(() -> CoefficientStore.ofDoubles(0, 2, new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members: 0");
    assertThatThrownBy(() -> CoefficientStore.ofDoubles(1, 0, new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features: 0");
    double[] nan = VALUES.clone();
    nan[5] = Double.NaN;
    assertThatThrownBy(() -> CoefficientStore.ofDoubles(3, 2, nan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values[5] (member 1, position 2): NaN");
    float[] inf = new float[9];
    inf[0] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> CoefficientStore.ofFloats(3, 2, inf))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[0]");
    assertThatThrownBy(() -> CoefficientStore.allocate(100_000, 30_000, Precision.FLOAT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members x (features + 1)");
  }

  @Test
  void accessors_badInput() {
    CoefficientStore store = doubles();
    assertThatThrownBy(() -> store.coefficient(3, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member: 3");
    assertThatThrownBy(() -> store.coefficient(0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature: 2");
    assertThatThrownBy(() -> store.intercept(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member: -1");
    assertThatThrownBy(() -> store.copyMember(0, new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dst: length 2 (expected: >= 3)");
    assertThatThrownBy(() -> store.copyCoefficients(0, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("dst");
    assertThatThrownBy(() -> store.copyFeature(5, new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature: 5");
    assertThatThrownBy(() -> store.copyIntercepts(new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dst: length 2");
    assertThatThrownBy(() -> store.copyMembers(2, 1, new double[9], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members: [2, 1)");
    assertThatThrownBy(() -> store.copyMembers(0, 3, new double[9], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dst: length 9 from offset 1 (expected: room for 9 numbers)");
    assertThatThrownBy(() -> store.copyMembers(0, 1, (float[]) null, 0))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("dst");
  }
}
