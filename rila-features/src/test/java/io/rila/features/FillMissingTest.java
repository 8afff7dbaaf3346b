package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillMissingTest {

  private static final double NAN = Double.NaN;

  private static Frame sample() {
    LocalDate d = LocalDate.of(2024, 1, 1);
    return Frame.newBuilder()
        .index(d, d.plusDays(1), d.plusDays(2), d.plusDays(3))
        .column("a", new double[] {NAN, 1, NAN, 3})
        .column("b", new double[] {5, NAN, NAN, NAN})
        .build();
  }

  @Test
  void apply_forwardCarriesLastPresentValue() {
    Frame out = FillMissing.newBuilder().forward().build().apply(sample());
    assertThat(out.column("a")).containsExactly(NAN, 1, 1, 3);
    assertThat(out.column("b")).containsExactly(5, 5, 5, 5);
  }

  @Test
  void apply_constantOnNamedColumnsOnly() {
    Frame out = FillMissing.newBuilder().constant(0.0).columns("a").build().apply(sample());
    assertThat(out.column("a")).containsExactly(0, 1, 0, 3);
    assertThat(out.column("b")).containsExactly(5, NAN, NAN, NAN);
    assertThat(out.columnNames()).containsExactly("a", "b");
    Frame byList = FillMissing.newBuilder().constant(-1).columns(List.of("b")).build()
        .apply(sample().withoutIndex());
    assertThat(byList.column("b")).containsExactly(5, -1, -1, -1);
  }

  @Test
  void apply_badInput() {
    assertThatThrownBy(() -> FillMissing.newBuilder().forward().columns("z").build()
            .apply(sample()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'z' not found");
    LocalDate d = LocalDate.of(2024, 1, 1);
    Frame unsorted = sample().withIndex(List.of(d, d.plusDays(2), d.plusDays(1), d.plusDays(3)));
    assertThatThrownBy(() -> FillMissing.newBuilder().forward().build().apply(unsorted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
    assertThat(FillMissing.newBuilder().constant(0).build().apply(unsorted).column("a"))
        .containsExactly(0, 1, 0, 3);
    assertThatThrownBy(() -> FillMissing.newBuilder().forward().build().apply(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> FillMissing.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no fill mode");
    assertThatThrownBy(() -> FillMissing.newBuilder().forward().constant(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fill mode was already set to forward");
    assertThatThrownBy(() -> FillMissing.newBuilder().constant(1).forward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set to 1.0");
    assertThatThrownBy(() -> FillMissing.newBuilder().constant(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("constant: NaN (expected: finite)");
    assertThatThrownBy(() -> FillMissing.newBuilder().constant(Double.POSITIVE_INFINITY))
        .hasMessageContaining("constant: Infinity");
    assertThatThrownBy(() -> FillMissing.newBuilder().columns())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns: no names");
    assertThatThrownBy(() -> FillMissing.newBuilder().columns("a", "a"))
        .hasMessageContaining("columns: 'a' is repeated");
    assertThatThrownBy(() -> FillMissing.newBuilder().columns("a").columns("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("columns was already set to [a]");
  }

  @Test
  void spec_namesModeAndColumns() {
    assertThat(FillMissing.newBuilder().forward().build().spec())
        .isEqualTo("FillMissing/1{mode=forward,columns=all}");
    assertThat(FillMissing.newBuilder().constant(0).columns("a").build().spec())
        .isEqualTo("FillMissing/1{mode=constant:0.0,columns=[\"a\"]}");
  }
}
