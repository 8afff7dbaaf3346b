package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import org.junit.jupiter.api.Test;

class DerivedColumnsTest {

  private static final double NAN = Double.NaN;

  private static Frame sample() {
    return Frame.newBuilder()
        .column("a", new double[] {3, -1, NAN, 0})
        .column("b", new double[] {2, 4, 1, 5})
        .build();
  }

  @Test
  void apply_eachOperation() {
    Frame out = DerivedColumns.newBuilder()
        .difference("spread", "a", "b")
        .product("prod", "a", "b")
        .ratio("ratio", "b", "a")
        .log1p("log", "b")
        .presentPositive("pos", "a")
        .build()
        .apply(sample());
    assertThat(out.columnNames()).containsExactly("a", "b", "spread", "prod", "ratio", "log",
        "pos");
    assertThat(out.column("spread")).containsExactly(1, -5, NAN, -5);
    assertThat(out.column("prod")).containsExactly(6, -4, NAN, 0);
    assertThat(out.column("ratio"))
        .containsExactly(2.0 / 3, -4, NAN, Double.POSITIVE_INFINITY);
    assertThat(out.column("log")).containsExactly(Math.log1p(2), Math.log1p(4), Math.log1p(1),
        Math.log1p(5));
    assertThat(out.column("pos")).containsExactly(1, 0, 0, 0);
  }

  @Test
  void apply_laterOperationsSeeEarlierOutputs() {
    Frame out = DerivedColumns.newBuilder()
        .product("b", "b", "b")
        .difference("d", "b", "a")
        .build()
        .apply(sample());
    assertThat(out.columnNames()).containsExactly("a", "b", "d");
    assertThat(out.column("b")).containsExactly(4, 16, 1, 25);
    assertThat(out.column("d")).containsExactly(1, 17, NAN, 25);
  }

  @Test
  void apply_badInput() {
    assertThatThrownBy(() -> DerivedColumns.newBuilder().difference("d", "a", "zz").build()
            .apply(sample()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zz' not found");
    assertThatThrownBy(() -> DerivedColumns.newBuilder().log1p("l", "a").build().apply(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> DerivedColumns.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no operations");
    assertThatThrownBy(() -> DerivedColumns.newBuilder().log1p("x", "a").log1p("x", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name: 'x' is already an output");
    assertThatThrownBy(() -> DerivedColumns.newBuilder().product("p", "a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column name");
    assertThatThrownBy(() -> DerivedColumns.newBuilder().ratio("r", "a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("b");
  }

  @Test
  void spec_listsOperations() {
    assertThat(DerivedColumns.newBuilder().difference("s", "a", "b").build().spec())
        .isEqualTo("DerivedColumns/1{DIFFERENCE:\"s\"=\"a\":\"b\"}");
  }
}
