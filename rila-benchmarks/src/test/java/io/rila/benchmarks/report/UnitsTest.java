package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void seconds_pickTheUnit() {
    assertThat(Units.seconds(1920)).isEqualTo("32.0 min");
    assertThat(Units.seconds(16.94)).isEqualTo("16.9 s");
    assertThat(Units.seconds(1.0)).isEqualTo("1.00 s");
    assertThat(Units.seconds(0.999)).isEqualTo("999 ms");
    assertThat(Units.seconds(0.0255)).isEqualTo("25.5 ms");
    assertThat(Units.seconds(0.001)).isEqualTo("1.00 ms");
    assertThat(Units.seconds(4.2e-5)).isEqualTo("42.0 \u00b5s");
    assertThat(Units.seconds(Double.NaN)).isEqualTo(Units.NONE);
    assertThat(Units.seconds(OptionalDouble.empty())).isEqualTo(Units.NONE);
    assertThat(Units.seconds(OptionalDouble.of(2.5))).isEqualTo("2.50 s");
  }

  @Test
  void bytes_decimalUnits() {
    assertThat(Units.bytes(23_960_000)).isEqualTo("24.0 MB");
    assertThat(Units.bytes(15e9)).isEqualTo("15.0 GB");
    assertThat(Units.bytes(2396)).isEqualTo("2.40 kB");
    assertThat(Units.bytes(8)).isEqualTo("8 B");
    assertThat(Units.bytes(Double.NaN)).isEqualTo(Units.NONE);
    assertThat(Units.bytes(OptionalDouble.of(93e6))).isEqualTo("93.0 MB");
  }

  @Test
  void ratio_slowOverFast() {
    assertThat(Units.ratio(16.9, 0.5)).isEqualTo("33.8x");
    assertThat(Units.ratio(1920, 0.5)).isEqualTo("3,840x");
    assertThat(Units.ratio(1, 2)).isEqualTo("0.500x");
    assertThat(Units.ratio(Double.NaN, 2)).isEqualTo(Units.NONE);
    assertThat(Units.ratio(1, 0)).isEqualTo(Units.NONE);
  }

  @Test
  void count_thousandsSeparators() {
    assertThat(Units.count(10_000)).isEqualTo("10,000");
    assertThat(Units.count(100)).isEqualTo("100");
  }

  @Test
  void significant_threeDigits() {
    assertThat(Units.significant(123.4)).isEqualTo("123");
    assertThat(Units.significant(12.34)).isEqualTo("12.3");
    assertThat(Units.significant(1.234)).isEqualTo("1.23");
    assertThat(Units.significant(0.1234)).isEqualTo("0.123");
    assertThat(Units.significant(-12.34)).isEqualTo("-12.3");
  }
}
