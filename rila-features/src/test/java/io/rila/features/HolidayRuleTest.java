package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayRuleTest {

  @Test
  void test_dayOfYearBoundsAndOr() {
    HolidayRule rule = HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12));
    assertThat(rule.test(LocalDate.of(2022, 12, 25))).isFalse();
    assertThat(rule.test(LocalDate.of(2021, 12, 26))).isTrue();
    assertThat(rule.test(LocalDate.of(2025, 1, 12))).isTrue();
    assertThat(rule.test(LocalDate.of(2025, 1, 13))).isFalse();
    assertThat(rule.spec()).isEqualTo("(dayOfYear>=360|dayOfYear<=12)");
    assertThat(rule)
        .isEqualTo(HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12)))
        .hasSameHashCodeAs(
            HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12)));
    assertThat(rule).isNotEqualTo(HolidayRule.dayOfYearAtLeast(360));
  }

  @Test
  void dates_matchesExactlyAndSortsSpec() {
    HolidayRule rule = HolidayRule.dates(
        List.of(LocalDate.of(2024, 7, 4), LocalDate.of(2024, 1, 1)));
    assertThat(rule.test(LocalDate.of(2024, 7, 4))).isTrue();
    assertThat(rule.test(LocalDate.of(2025, 7, 4))).isFalse();
    assertThat(rule.spec()).isEqualTo("dates[2024-01-01, 2024-07-04]");
  }

  @Test
  void factories_badInput() {
    assertThatThrownBy(() -> HolidayRule.dayOfYearAtLeast(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day: 0");
    assertThatThrownBy(() -> HolidayRule.dayOfYearAtMost(367))
        .hasMessageContaining("day: 367");
    assertThatThrownBy(() -> HolidayRule.dates(List.of()))
        .hasMessageContaining("dates: empty");
    assertThatThrownBy(() -> HolidayRule.dates(Arrays.asList(LocalDate.of(2024, 1, 1), null)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HolidayRule.dayOfYearAtMost(3).or(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("other");
    assertThatThrownBy(() -> HolidayRule.dayOfYearAtMost(3).test(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("date");
  }
}
