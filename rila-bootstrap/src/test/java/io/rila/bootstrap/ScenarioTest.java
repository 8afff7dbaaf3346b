package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  private static final List<String> NAMES =
      List.of("prudential_rate_current", "prudential_rate_t3", "competitor_mid_t2");
  private static final double[] BASE = {1.0, 2.0, 3.0};

  @Test
  void apply_overridesInOrder() {
    Scenario s = Scenario.of("s").setPrefix("prudential_rate", 4.5)
        .set("prudential_rate_t3", 0.5)
        .setMatching(n -> n.contains("competitor"), -1);
    assertThat(s.apply(BASE, NAMES)).containsExactly(4.5, 0.5, -1.0);
    assertThat(BASE).containsExactly(1.0, 2.0, 3.0);
    assertThat(Scenario.of("same").apply(BASE, NAMES)).containsExactly(1.0, 2.0, 3.0);
    assertThat(s.label()).isEqualTo("s");
    assertThat(s.toString()).contains("prudential_rate*=4.5").contains("prudential_rate_t3=0.5");
  }

  @Test
  void with_leavesTheOriginalUnchanged() {
    Scenario base = Scenario.of("a");
    Scenario more = base.set("competitor_mid_t2", 9);
    assertThat(base.apply(BASE, NAMES)).containsExactly(1.0, 2.0, 3.0);
    assertThat(more.apply(BASE, NAMES)).containsExactly(1.0, 2.0, 9.0);
  }

  @Test
  void sweep_onePerValue() {
    List<Scenario> sweep = Scenario.sweep("prudential_rate", 0.0, 0.25);
    assertThat(sweep).hasSize(2);
    assertThat(sweep.get(1).label()).isEqualTo("prudential_rate*=0.25");
    assertThat(sweep.get(1).apply(BASE, NAMES)).containsExactly(0.25, 0.25, 3.0);
  }

  @Test
  void apply_unmatchedOverride() {
    assertThatThrownBy(() -> Scenario.of("typo").setPrefix("prudentail", 1).apply(BASE, NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenario 'typo': prudentail*=1.0 matches no feature")
        .hasMessageContaining("competitor_mid_t2");
    assertThatThrownBy(() -> Scenario.of("p").setMatching(n -> false, 1).apply(BASE, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<predicate>=1.0");
  }

  @Test
  void factories_badInput() {
    assertThatThrownBy(() -> Scenario.of(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("label");
    assertThatThrownBy(() -> Scenario.of(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label: empty");
    assertThatThrownBy(() -> Scenario.of("a").set("x", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value: NaN");
    assertThatThrownBy(() -> Scenario.of("a").set(null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("feature");
    assertThatThrownBy(() -> Scenario.of("a").setPrefix("", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix: empty");
    assertThatThrownBy(() -> Scenario.of("a").setMatching(null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("names");
    assertThatThrownBy(() -> Scenario.sweep("p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values: empty");
    assertThatThrownBy(() -> Scenario.sweep("p", 1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values[1]: Infinity");
  }
}
