package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Summary;
import org.junit.jupiter.api.Test;

class RowSummaryTest {

  private static final RowSummary S =
      RowSummary.of(2.5, new double[] {0.1, 0.9}, new double[] {1.0, 4.0});

  @Test
  void accessors_copy() {
    assertThat(S.mean()).isEqualTo(2.5);
    assertThat(S.size()).isEqualTo(2);
    assertThat(S.levels()).containsExactly(0.1, 0.9);
    assertThat(S.quantiles()).containsExactly(1.0, 4.0);
    S.levels()[0] = 7;
    S.quantiles()[0] = 7;
    assertThat(S.levels()).containsExactly(0.1, 0.9);
    assertThat(S.quantileAt(1)).isEqualTo(4.0);
    assertThat(S.quantile(0.1)).isEqualTo(1.0);
    assertThat(S).hasToString("RowSummary[mean=2.5, q0.1=1.0, q0.9=4.0]");
  }

  @Test
  void quantile_levelNotAskedFor() {
    assertThatThrownBy(() -> S.quantile(0.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level: 0.5 (expected: one of [0.1, 0.9])");
    assertThatThrownBy(() -> S.quantileAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void equals_byValue() {
    assertThat(S).isEqualTo(RowSummary.of(2.5, new double[] {0.1, 0.9}, new double[] {1, 4}))
        .hasSameHashCodeAs(RowSummary.of(2.5, new double[] {0.1, 0.9}, new double[] {1, 4}));
    assertThat(S).isNotEqualTo(RowSummary.of(2.6, new double[] {0.1, 0.9}, new double[] {1, 4}));
    assertThat(S).isNotEqualTo(RowSummary.of(2.5, new double[] {0.2, 0.9}, new double[] {1, 4}));
    assertThat(S).isNotEqualTo(RowSummary.of(2.5, new double[] {0.1, 0.9}, new double[] {1, 5}));
    assertThat(S).isNotEqualTo("summary");
  }

  @Test
  void sameAs_comparesWithALocalSummary() {
    EnsembleModel m = BootstrapRidgeEnsemble.newBuilder().estimators(30).build()
        .fit(new double[][] {{1}, {2}, {3}, {4}, {6}}, new double[] {1, 3, 2, 5, 6});
    Summary local = m.predict(new double[] {2.5}, 0.1, 0.9);
    RowSummary same = RowSummary.of(local.mean(), local.levels(), local.quantiles());
    assertThat(same.sameAs(local)).isTrue();
    assertThat(RowSummary.of(local.mean() + 1e-12, local.levels(), local.quantiles())
        .sameAs(local)).isFalse();
    assertThatThrownBy(() -> same.sameAs(null)).isInstanceOf(NullPointerException.class);
  }
}
