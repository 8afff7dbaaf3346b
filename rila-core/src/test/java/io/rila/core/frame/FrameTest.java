package io.rila.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

  private static final LocalDate D0 = LocalDate.of(2024, 1, 7);

  private static List<LocalDate> weeks(int n) {
    List<LocalDate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(D0.plusWeeks(i));
    }
    return out;
  }

  private static Frame sample() {
    return Frame.newBuilder()
        .index(weeks(4))
        .column("a", new double[] {1, 2, 3, 4})
        .column("b", new double[] {10, Double.NaN, 30, 40})
        .column("c", new double[] {-1, -2, -3, -4})
        .build();
  }

  @Test
  void builder_keepsOrderShapeAndValues() {
    Frame f = sample();
    assertThat(f.rows()).isEqualTo(4);
    assertThat(f.columnCount()).isEqualTo(3);
    assertThat(f.columnNames()).containsExactly("a", "b", "c");
    assertThat(f.hasIndex()).isTrue();
    assertThat(f.dates()).isEqualTo(weeks(4));
    assertThat(f.date(3)).isEqualTo(D0.plusWeeks(3));
    assertThat(f.get(2, "b")).isEqualTo(30.0);
    assertThat(f.get(1, "b")).isNaN();
    assertThat(f.get(3, 2)).isEqualTo(-4.0);
    assertThat(f.columnIndex("c")).isEqualTo(2);
    assertThat(f.columnName(1)).isEqualTo("b");
    assertThat(f.hasColumn("a")).isTrue();
    assertThat(f.hasColumn("z")).isFalse();
  }

  @Test
  void builder_withoutIndexOrColumns() {
    Frame none = Frame.newBuilder().build();
    assertThat(none.rows()).isZero();
    assertThat(none.columnCount()).isZero();
    assertThat(none.hasIndex()).isFalse();

    Frame indexOnly = Frame.newBuilder().index(weeks(3)).build();
    assertThat(indexOnly.rows()).isEqualTo(3);
    assertThat(indexOnly.columnCount()).isZero();

    Frame noIndex = Frame.newBuilder().column("x", new double[] {1, 2}).build();
    assertThat(noIndex.hasIndex()).isFalse();
    assertThatThrownBy(() -> noIndex.date(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no date index");
    assertThatThrownBy(noIndex::dates).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_copiesInputAndBuildIsRepeatable() {
    double[] values = {1, 2, 3};
    Frame.Builder builder = Frame.newBuilder().column("x", values);
    Frame first = builder.build();
    values[0] = 99;
    Frame second = builder.build();
    assertThat(first.get(0, "x")).isEqualTo(1.0);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void column_returnsCopies() {
    Frame f = sample();
    double[] a = f.column("a");
    a[0] = 99;
    double[] byPosition = f.column(0);
    byPosition[1] = 99;
    assertThat(f.column("a")).containsExactly(1, 2, 3, 4);
    List<LocalDate> dates = f.dates();
    assertThatThrownBy(() -> dates.set(0, D0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> f.columnNames().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void copyColumnInto_fillsPrefixOfLongerArray() {
    double[] dst = {7, 7, 7, 7, 7, 7};
    sample().copyColumnInto("c", dst);
    assertThat(dst).containsExactly(-1, -2, -3, -4, 7, 7);
  }

  @Test
  void copyColumnInto_tooShort() {
    assertThatThrownBy(() -> sample().copyColumnInto("c", new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dst: length 3")
        .hasMessageContaining(">= 4");
    assertThatThrownBy(() -> sample().copyColumnInto("c", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dst");
  }

  @Test
  void column_unknownNameListsAvailable() {
    assertThatThrownBy(() -> sample().column("zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zz' not found")
        .hasMessageContaining("available: a, b, c");
    Frame.Builder wide = Frame.newBuilder();
    for (int j = 0; j < 25; j++) {
      wide.column("c" + j, new double[1]);
    }
    assertThatThrownBy(() -> wide.build().get(0, "nope"))
        .hasMessageContaining("c0, c1")
        .hasMessageContaining("(15 more)");
    assertThatThrownBy(() -> sample().column(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void get_outOfRange() {
    assertThatThrownBy(() -> sample().get(4, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row: 4");
    assertThatThrownBy(() -> sample().get(-1, 0)).hasMessageContaining("row: -1");
    assertThatThrownBy(() -> sample().get(0, 3)).hasMessageContaining("position: 3");
    assertThatThrownBy(() -> sample().column(-1)).hasMessageContaining("position: -1");
    assertThatThrownBy(() -> sample().date(9)).hasMessageContaining("row: 9");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> Frame.newBuilder().column("a", new double[2])
        .column("a", new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is already a column");
    assertThatThrownBy(() -> Frame.newBuilder().column("a", new double[2])
        .column("b", new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b: length 3")
        .hasMessageContaining("expected: 2");
    assertThatThrownBy(() -> Frame.newBuilder().column(" ", new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Frame.newBuilder().column(null, new double[2]))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Frame.newBuilder().column("v", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("v");
    assertThatThrownBy(() -> Frame.newBuilder().index(weeks(2)).index(weeks(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index was already set");
    assertThatThrownBy(() -> Frame.newBuilder().index(Arrays.asList(D0, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dates[1]");
    assertThatThrownBy(() -> Frame.newBuilder().index(weeks(3)).column("a", new double[2]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dates: 3 dates")
        .hasMessageContaining("expected: 2");
  }

  @Test
  void select_reordersAndSharesIndex() {
    Frame s = sample().select(List.of("c", "a"));
    assertThat(s.columnNames()).containsExactly("c", "a");
    assertThat(s.column("c")).containsExactly(-1, -2, -3, -4);
    assertThat(s.dates()).isEqualTo(weeks(4));
    assertThat(sample().select("b").columnNames()).containsExactly("b");
  }

  @Test
  void select_badInput() {
    assertThatThrownBy(() -> sample().select("a", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is repeated");
    assertThatThrownBy(() -> sample().select("a", "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'q' not found");
    assertThatThrownBy(() -> sample().select((List<String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("columnNames");
  }

  @Test
  void withColumn_appendsOrReplacesInPlace() {
    Frame f = sample();
    double[] d = {5, 6, 7, 8};
    Frame added = f.withColumn("d", d);
    d[0] = 99;
    assertThat(added.columnNames()).containsExactly("a", "b", "c", "d");
    assertThat(added.column("d")).containsExactly(5, 6, 7, 8);
    Frame replaced = f.withColumn("b", new double[] {0, 0, 0, 0});
    assertThat(replaced.columnNames()).containsExactly("a", "b", "c");
    assertThat(replaced.column("b")).containsExactly(0, 0, 0, 0);
    assertThat(f.get(0, "b")).isEqualTo(10.0);
    assertThat(f.columnCount()).isEqualTo(3);
  }

  @Test
  void withColumn_badInput() {
    assertThatThrownBy(() -> sample().withColumn("d", new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("d: length 3")
        .hasMessageContaining("expected: 4");
    assertThatThrownBy(() -> sample().withColumn("", new double[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> sample().withColumn("d", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withColumns_mergesFrames() {
    Frame other = Frame.newBuilder()
        .column("b", new double[] {1, 1, 1, 1})
        .column("e", new double[] {2, 2, 2, 2})
        .build();
    Frame merged = sample().withColumns(other);
    assertThat(merged.columnNames()).containsExactly("a", "b", "c", "e");
    assertThat(merged.column("b")).containsExactly(1, 1, 1, 1);
    assertThat(merged.dates()).isEqualTo(weeks(4));

    Frame indexless = Frame.newBuilder().column("x", new double[] {1, 2, 3, 4}).build();
    Frame withIndex = indexless.withColumns(sample());
    assertThat(withIndex.dates()).isEqualTo(weeks(4));
    assertThat(withIndex.columnNames()).containsExactly("x", "a", "b", "c");
  }

  @Test
  void withColumns_listJoinsInOrderAndLaterWins() {
    Frame first = Frame.newBuilder().column("e", new double[] {1, 1, 1, 1})
        .column("a", new double[] {0, 0, 0, 0}).build();
    Frame second = Frame.newBuilder().index(weeks(4)).column("e", new double[] {2, 2, 2, 2})
        .column("f", new double[] {3, 3, 3, 3}).build();
    Frame joined = sample().withoutIndex().withColumns(List.of(first, second));
    assertThat(joined.columnNames()).containsExactly("a", "b", "c", "e", "f");
    assertThat(joined.column("a")).containsExactly(0, 0, 0, 0);
    assertThat(joined.column("e")).containsExactly(2, 2, 2, 2);
    assertThat(joined.dates()).isEqualTo(weeks(4));
    assertThat(sample().withColumns(List.of())).isEqualTo(sample());
    Frame shifted = second.withIndex(weeks(5).subList(1, 5));
    assertThatThrownBy(() -> sample().withoutIndex().withColumns(List.of(second, shifted)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("others[1]: its index differs");
  }

  @Test
  void withColumns_badInput() {
    Frame shorter = Frame.newBuilder().column("x", new double[3]).build();
    assertThatThrownBy(() -> sample().withColumns(shorter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other: 3 rows");
    Frame shifted = sample().withIndex(weeks(5).subList(1, 5));
    assertThatThrownBy(() -> sample().withColumns(shifted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index differs")
        .hasMessageContaining("row 0");
    assertThatThrownBy(() -> sample().withColumns((Frame) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("other");
    assertThatThrownBy(() -> sample().withColumns(Arrays.asList(sample().select(), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("others[1]");
    Frame fourRows = Frame.newBuilder().column("x", new double[4]).build();
    assertThatThrownBy(() -> sample().withColumns(List.of(fourRows, shorter)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("others[1]: 3 rows");
  }

  @Test
  void drop_removesNamedColumns() {
    assertThat(sample().drop("a", "c").columnNames()).containsExactly("b");
    assertThat(sample().drop(List.of()).columnNames()).containsExactly("a", "b", "c");
    assertThatThrownBy(() -> sample().drop("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' not found");
  }

  @Test
  void filterRows_byPredicateAndMask() {
    Frame f = sample();
    Frame odd = f.filterRows(i -> i % 2 == 1);
    assertThat(odd.rows()).isEqualTo(2);
    assertThat(odd.column("a")).containsExactly(2, 4);
    assertThat(odd.dates()).containsExactly(D0.plusWeeks(1), D0.plusWeeks(3));
    Frame masked = f.filterRows(new boolean[] {true, false, false, true});
    assertThat(masked.column("c")).containsExactly(-1, -4);
    assertThat(f.filterRows(i -> false).rows()).isZero();
  }

  @Test
  void filterRows_badInput() {
    assertThatThrownBy(() -> sample().filterRows(new boolean[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mask: length 3");
    assertThatThrownBy(() -> sample().filterRows((boolean[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("mask");
  }

  @Test
  void rowRange_slices() {
    Frame r = sample().rowRange(1, 3);
    assertThat(r.column("a")).containsExactly(2, 3);
    assertThat(r.dates()).containsExactly(D0.plusWeeks(1), D0.plusWeeks(2));
    assertThat(sample().rowRange(4, 4).rows()).isZero();
    assertThatThrownBy(() -> sample().rowRange(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[3, 2)");
    assertThatThrownBy(() -> sample().rowRange(0, 5)).hasMessageContaining("<= 4");
    assertThatThrownBy(() -> sample().rowRange(-1, 2)).hasMessageContaining("[-1, 2)");
  }

  @Test
  void withIndex_replacesAndWithoutIndexDrops() {
    Frame f = sample().withIndex(weeks(5).subList(1, 5));
    assertThat(f.date(0)).isEqualTo(D0.plusWeeks(1));
    assertThat(f.withoutIndex().hasIndex()).isFalse();
    assertThatThrownBy(() -> sample().withIndex(weeks(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dates: length 2");
  }

  @Test
  void toRowMatrix_isRowMajorCopy() {
    double[][] m = sample().toRowMatrix(List.of("c", "a"));
    assertThat(m).hasDimensions(4, 2);
    assertThat(m[2]).containsExactly(-3, 3);
    double[][] all = sample().toRowMatrix();
    assertThat(all[1][1]).isNaN();
    all[0][0] = 42;
    assertThat(sample().get(0, "a")).isEqualTo(1.0);
    assertThatThrownBy(() -> sample().toRowMatrix(List.of("a", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope' not found");
  }

  @Test
  void equals_comparesContentBitwise() {
    assertThat(sample()).isEqualTo(sample()).hasSameHashCodeAs(sample());
    assertThat(sample()).isNotEqualTo(sample().withoutIndex());
    assertThat(sample()).isNotEqualTo(sample().select("b", "a", "c"));
    Frame zero = Frame.newBuilder().column("x", new double[] {0.0}).build();
    Frame negZero = Frame.newBuilder().column("x", new double[] {-0.0}).build();
    assertThat(zero).isNotEqualTo(negZero);
    Frame nan = Frame.newBuilder().column("x", new double[] {Double.NaN}).build();
    Frame otherNan = Frame.newBuilder()
        .column("x", new double[] {Double.longBitsToDouble(0x7ff8000000000001L)})
        .build();
    assertThat(nan).isEqualTo(otherNan).hasSameHashCodeAs(otherNan);
    assertThat(sample()).isNotEqualTo(sample().withColumn("a", new double[] {1, 2, 3, 5}));
    assertThat(sample()).isNotEqualTo("frame");
  }

  @Test
  void toString_summarises() {
    assertThat(sample().toString())
        .isEqualTo("Frame[4 rows x 3 columns, index 2024-01-07..2024-01-28, columns: a, b, c]");
    assertThat(Frame.newBuilder().build().toString())
        .isEqualTo("Frame[0 rows x 0 columns, no index, columns: none]");
  }

  @Test
  void builder_unpairedSurrogateNameIsRejected() {
    // UTF-8 cannot hold a lone surrogate: files and cache keys would turn it into '?'
    assertThatThrownBy(() -> Frame.newBuilder().column("rate\uD800", new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: 'rate\\uD800' has an unpaired surrogate \\uD800 at index 4");
    Frame f = Frame.newBuilder().column("a", new double[2]).build();
    assertThatThrownBy(() -> f.withColumn("\uDC00", new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
    assertThat(Frame.newBuilder().column("\uD83D\uDCC8", new double[1]).build().columnNames())
        .containsExactly("\uD83D\uDCC8");
  }
}
