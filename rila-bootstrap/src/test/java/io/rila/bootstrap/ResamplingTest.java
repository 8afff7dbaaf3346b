package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResamplingTest {

  @Test
  void factories_describeTheirScheme() {
    assertThat(Resampling.iid().kind()).isEqualTo(Resampling.Kind.IID);
    assertThat(Resampling.poisson().kind()).isEqualTo(Resampling.Kind.POISSON);
    assertThat(Resampling.movingBlock(4).blockLength()).isEqualTo(4);
    assertThat(Resampling.circularBlock(6).kind()).isEqualTo(Resampling.Kind.CIRCULAR_BLOCK);
    assertThat(Resampling.stationary(2.5).meanBlockLength()).isEqualTo(2.5);
    Resampling sk = Resampling.sklearnCompatible(4_294_967_295L, SklearnWeighting.PROBABILITY);
    assertThat(sk.randomState()).isEqualTo(4_294_967_295L);
    assertThat(sk.sklearnWeighting()).isEqualTo(SklearnWeighting.PROBABILITY);
    assertThat(sk.toString()).isEqualTo("sklearnCompatible(4294967295, PROBABILITY)");
    assertThat(Resampling.movingBlock(4).toString()).isEqualTo("movingBlock(4)");
    assertThat(Resampling.stationary(3).toString()).isEqualTo("stationary(3.0)");
  }

  @Test
  void equals_byValue() {
    assertThat(Resampling.movingBlock(3)).isEqualTo(Resampling.movingBlock(3))
        .hasSameHashCodeAs(Resampling.movingBlock(3))
        .isNotEqualTo(Resampling.circularBlock(3))
        .isNotEqualTo(Resampling.movingBlock(4));
    assertThat(Resampling.sklearnCompatible(1, SklearnWeighting.LEGACY))
        .isEqualTo(Resampling.sklearnCompatible(1, SklearnWeighting.LEGACY))
        .isNotEqualTo(Resampling.sklearnCompatible(1, SklearnWeighting.PROBABILITY));
  }

  @Test
  void factories_badInput() {
    assertThatThrownBy(() -> Resampling.movingBlock(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length: 0 (expected: >= 1)");
    assertThatThrownBy(() -> Resampling.circularBlock(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length: -2");
    for (double bad : new double[] {0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Resampling.stationary(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("meanLength: " + bad);
    }
    assertThatThrownBy(() -> Resampling.sklearnCompatible(-1, SklearnWeighting.LEGACY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("randomState: -1");
    assertThatThrownBy(() -> Resampling.sklearnCompatible(1L << 32, SklearnWeighting.LEGACY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("randomState");
    assertThatThrownBy(() -> Resampling.sklearnCompatible(1, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("weighting");
  }

  @Test
  void accessors_wrongKind() {
    assertThatThrownBy(() -> Resampling.iid().blockLength())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("blockLength: iid()");
    assertThatThrownBy(() -> Resampling.movingBlock(2).meanBlockLength())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("meanBlockLength");
    assertThatThrownBy(() -> Resampling.poisson().randomState())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("randomState");
    assertThatThrownBy(() -> Resampling.stationary(2).sklearnWeighting())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sklearnWeighting");
  }

  @Test
  void checkRows_blocksMustFit() {
    Resampling.movingBlock(5).checkRows(5);
    Resampling.iid().checkRows(1);
    assertThatThrownBy(() -> Resampling.circularBlock(6).checkRows(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resampling: circularBlock(6) (expected: block length <= rows = 5)");
  }
}
