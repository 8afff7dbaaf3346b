package io.rila.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

  // ---------------------------------------------------------------- published MT19937 values

  @Test
  void nextUInt32_cppStandardReference() {
    // C++11 [rand.predef]: a default mt19937 (seed 5489, the same initialisation as numpy's
    // integer seeding) yields 3499211612 first and 4123659995 on its 10000th call
    NumpyRandomState random = new NumpyRandomState(5489);
    assertThat(random.nextUInt32()).isEqualTo(3499211612L);
    for (int i = 2; i < 10_000; i++) {
      random.nextUInt32();
    }
    assertThat(random.nextUInt32()).isEqualTo(4123659995L);
  }

  // ---------------------------------------------------------------- numpy oracles

  @Test
  void randint_memberSeedsOracle() {
    JsonNode node = SharedData.oracle("random_state.json").get("seeds_from_random_state");
    long[] expected = SharedData.longs(node.get("values"));
    NumpyRandomState random = new NumpyRandomState(node.get("random_state").asLong());
    int[] out = new int[expected.length];
    random.randint(0, Integer.MAX_VALUE, out); // randint(2**31 - 1, size=20)
    assertThat(toLongs(out)).containsExactly(expected);
  }

  @Test
  void randint_bootstrapRowsOracle() {
    JsonNode cases = SharedData.oracle("random_state.json").get("randint");
    assertThat(cases.size()).isEqualTo(3);
    for (JsonNode c : cases) {
      long seed = c.get("seed").asLong();
      int n = c.get("n").asInt();
      long[] expected = SharedData.longs(c.get("values"));
      int[] out = new int[n];
      new NumpyRandomState(seed).randint(0, n, out);
      assertThat(toLongs(out)).as("seed %d", seed).containsExactly(expected);
      NumpyRandomState oneByOne = new NumpyRandomState(seed);
      for (int i = 0; i < n; i++) {
        assertThat((long) oneByOne.randint(0, n)).isEqualTo(expected[i]);
      }
      NumpyRandomState wide = new NumpyRandomState(seed);
      for (int i = 0; i < n; i++) {
        assertThat(wide.randintLong(0, n)).isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void randomSample_oracle() {
    JsonNode node = SharedData.oracle("random_state.json").get("random_sample");
    double[] expected = SharedData.vector(node.get("values"));
    NumpyRandomState random = new NumpyRandomState(node.get("seed").asLong());
    for (double e : expected) {
      assertThat(random.randomSample()).isEqualTo(e);
    }
  }

  @Test
  void choice_oracle() {
    JsonNode node = SharedData.oracle("random_state.json").get("choice_with_p");
    double[] w = SharedData.vector(node.get("w"));
    long[] expected = SharedData.longs(node.get("values"));
    double sum = numpySum(w);
    double[] p = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      p[i] = w[i] / sum;
    }
    int[] out = new int[expected.length];
    new NumpyRandomState(node.get("seed").asLong()).choice(w.length, p, out);
    assertThat(toLongs(out)).containsExactly(expected);
  }

  @Test
  void choiceFromCdf_oracle() {
    JsonNode node = SharedData.oracle("random_state.json").get("choice_with_p");
    double[] w = SharedData.vector(node.get("w"));
    long[] expected = SharedData.longs(node.get("values"));
    double sum = numpySum(w);
    double[] cdf = new double[w.length];
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i] / sum;
      cdf[i] = acc;
    }
    double last = cdf[w.length - 1];
    for (int i = 0; i < w.length; i++) {
      cdf[i] /= last;
    }
    NumpyRandomState random = new NumpyRandomState(node.get("seed").asLong());
    long[] out = new long[expected.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = random.choiceFromCdf(cdf);
    }
    assertThat(out).containsExactly(expected);
  }

  @Test
  void randint_productionBootstrapIndices() throws IOException {
    List<String> lines =
        Files.readAllLines(
            SharedData.dataFile("inference_bootstrap_indices_first10.csv"), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    assertThat(header[0]).isEqualTo("estimator");
    assertThat(header[1]).isEqualTo("seed");
    int draws = header.length - 2;
    assertThat(draws).isEqualTo(152);
    assertThat(lines).hasSize(11);

    int[] seeds = new int[1000];
    new NumpyRandomState(42).randint(0, Integer.MAX_VALUE, seeds);
    int[] rows = new int[draws];
    NumpyRandomState member = new NumpyRandomState(0);
    for (int k = 0; k < 10; k++) {
      String[] cells = lines.get(k + 1).split(",", -1);
      assertThat(cells).hasSize(header.length);
      assertThat(Integer.parseInt(cells[0])).isEqualTo(k);
      assertThat(seeds[k]).as("seed of member %d", k).isEqualTo(Integer.parseInt(cells[1]));
      member.seed(seeds[k]);
      member.randint(0, draws, rows);
      for (int i = 0; i < draws; i++) {
        assertThat(rows[i]).as("member %d draw %d", k, i).isEqualTo(Integer.parseInt(cells[i + 2]));
      }
    }
  }

  @Test
  void randintLong_numpyLiterals() {
    // numpy 2.4.6 (legacy RandomState streams are frozen):
    // RandomState(0).randint(0, 2**32, size=6)
    NumpyRandomState raw = new NumpyRandomState(0);
    long[] words = {0x8c7f0aacL, 0x97c4aa2fL, 0xb716a675L, 0xd821ccc0L, 0x9a4eb343L, 0xdba252fbL};
    for (long word : words) {
      assertThat(raw.randintLong(0, 1L << 32)).isEqualTo(word);
    }
    // RandomState(0).randint(0, 2**40, size=3): two words per draw, high word first
    NumpyRandomState wide = new NumpyRandomState(0);
    assertThat(wide.randintLong(0, 1L << 40)).isEqualTo(0xac97c4aa2fL);
    assertThat(wide.randintLong(0, 1L << 40)).isEqualTo(0x75d821ccc0L);
    assertThat(wide.randintLong(0, 1L << 40)).isEqualTo(0x43dba252fbL);
    // RandomState(0).randint(-2**63, 2**63 - 1, size=3)
    NumpyRandomState full = new NumpyRandomState(0);
    assertThat(full.randintLong(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(900450186894289455L);
    assertThat(full.randintLong(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(3969543146641149120L);
    assertThat(full.randintLong(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(1895649597198586619L);
  }

  @Test
  void randint_singleValueRangeDrawsNothing() {
    // numpy: rs = RandomState(3); rs.randint(5, 6, size=3) -> [5 5 5]; rs.randint(0, 10, size=2)
    // -> [8 9], the same as a fresh RandomState(3).randint(0, 10, size=2)
    NumpyRandomState random = new NumpyRandomState(3);
    int[] fives = new int[3];
    random.randint(5, 6, fives);
    assertThat(fives).containsExactly(5, 5, 5);
    assertThat(random.randintLong(-7, -6)).isEqualTo(-7);
    int[] next = new int[2];
    random.randint(0, 10, next);
    assertThat(next).containsExactly(8, 9);
  }

  @Test
  void randint_fullIntRangeAndNegativeBounds() {
    NumpyRandomState a = new NumpyRandomState(77);
    NumpyRandomState b = new NumpyRandomState(77);
    for (int i = 0; i < 1000; i++) {
      int v = a.randint(Integer.MIN_VALUE, Integer.MAX_VALUE);
      assertThat((long) v).isEqualTo(b.randintLong(Integer.MIN_VALUE, Integer.MAX_VALUE));
      int w = a.randint(-10, -3);
      assertThat(w).isBetween(-10, -4);
      assertThat((long) w).isEqualTo(b.randintLong(-10, -3));
    }
  }

  @Test
  void seed_reseedEqualsNewInstance() {
    NumpyRandomState reused = new NumpyRandomState(1);
    for (int i = 0; i < 700; i++) {
      reused.nextUInt32();
    }
    reused.seed(4294967295L);
    NumpyRandomState fresh = new NumpyRandomState(4294967295L);
    for (int i = 0; i < 1500; i++) {
      assertThat(reused.nextUInt32()).isEqualTo(fresh.nextUInt32());
    }
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void constructor_seedOutOfRange() {
    assertThatThrownBy(() -> new NumpyRandomState(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed: -1");
    assertThatThrownBy(() -> new NumpyRandomState(1L << 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed: 4294967296");
    assertThatThrownBy(() -> new NumpyRandomState(0).seed(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed: -5");
  }

  @Test
  void randint_emptyRange() {
    NumpyRandomState random = new NumpyRandomState(0);
    assertThatThrownBy(() -> random.randint(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("high: 3");
    assertThatThrownBy(() -> random.randint(3, 2, new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("high: 2");
    assertThatThrownBy(() -> random.randintLong(0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("high: -1");
    assertThatThrownBy(() -> random.randint(0, 2, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("out");
  }

  @Test
  void choice_badProbabilities() {
    NumpyRandomState random = new NumpyRandomState(0);
    int[] out = new int[4];
    assertThatThrownBy(() -> random.choice(2, null, out))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("p");
    assertThatThrownBy(() -> random.choice(2, new double[] {0.5, 0.5}, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("out");
    assertThatThrownBy(() -> random.choice(0, new double[0], out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n: 0");
    assertThatThrownBy(() -> random.choice(3, new double[] {0.5, 0.5}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p: length 2");
    assertThatThrownBy(() -> random.choice(3, new double[] {0.5, Double.NaN, 0.5}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p[1]: NaN");
    assertThatThrownBy(() -> random.choice(3, new double[] {0.6, 0.6, -0.2}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p[2]: -0.2");
    assertThatThrownBy(() -> random.choice(2, new double[] {0.5, 0.4}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p: sums to 0.9");
    assertThatThrownBy(() -> random.choice(2, new double[] {0.5, Double.POSITIVE_INFINITY}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p: sums to Infinity");
  }

  @Test
  void choiceFromCdf_badCdf() {
    NumpyRandomState random = new NumpyRandomState(0);
    assertThatThrownBy(() -> random.choiceFromCdf(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cdf");
    assertThatThrownBy(() -> random.choiceFromCdf(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cdf: empty");
  }

  @Test
  void choiceFromCdf_rightSideOfTies() {
    // searchsorted(side='right') counts the entries <= u: a zero-probability category (a repeated
    // cdf value) is never drawn, and u equal to an entry lands after it
    double[] cdf = {0.25, 0.25, 1.0, 1.0};
    NumpyRandomState random = new NumpyRandomState(12);
    NumpyRandomState twin = new NumpyRandomState(12);
    for (int d = 0; d < 2000; d++) {
      double u = twin.randomSample();
      int expected = u < 0.25 ? 0 : 2;
      assertThat(random.choiceFromCdf(cdf)).isEqualTo(expected);
    }
  }

  @Test
  void choice_sumToleranceIsNumpys() {
    // numpy accepts |sum(p) - 1| <= sqrt(eps) = 2^-26 and rejects beyond it:
    // RandomState(0).choice(2, 3, p=[0.5, 0.5 + 2**-27]) -> [1 1 1] (numpy 2.4.6), while
    // p=[0.5, 0.5 + 2**-25] raises "probabilities do not sum to 1"
    double tol = 0x1.0p-26;
    int[] out = new int[3];
    new NumpyRandomState(0).choice(2, new double[] {0.5, 0.5 + tol / 2}, out);
    assertThat(out).containsExactly(1, 1, 1);
    assertThatThrownBy(
            () -> new NumpyRandomState(0).choice(2, new double[] {0.5, 0.5 + 2 * tol}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p: sums to");
  }

  @Test
  void choice_zeroProbabilityNeverDrawn() {
    double[] p = {0.25, 0.0, 0.75, 0.0};
    int[] out = new int[5000];
    new NumpyRandomState(12).choice(4, p, out);
    int[] counts = new int[4];
    for (int v : out) {
      counts[v]++;
    }
    assertThat(counts[1]).isZero();
    assertThat(counts[3]).isZero();
    // binomial(5000, 0.25): sd 30.6; 6 sd bounds
    assertThat(counts[0]).isBetween(1250 - 184, 1250 + 184);
  }

  // ---------------------------------------------------------------- helpers

  private static long[] toLongs(int[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /**
   * numpy's {@code ndarray.sum()} of a contiguous float64 array of at most 128 entries (pairwise
   * summation: eight running sums, combined pairwise, then the remainder in order), so that {@code
   * w / w.sum()} has numpy's rounding.
   */
  private static double numpySum(double[] a) {
    int n = a.length;
    assertThat(n).isBetween(8, 128);
    double[] r = new double[8];
    System.arraycopy(a, 0, r, 0, 8);
    int i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (int j = 0; j < 8; j++) {
        r[j] += a[i + j];
      }
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) {
      res += a[i];
    }
    return res;
  }
}
