package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignRuleTest {

  @Test
  void matches_globByDefault() {
    SignRule r = SignRule.negative("competitor_*_t?");
    assertThat(r.matches("competitor_mid_t2")).isTrue();
    assertThat(r.matches("competitor__t9")).isTrue();
    assertThat(r.matches("competitor_mid_t12")).isFalse();
    assertThat(r.matches("my_competitor_mid_t2")).isFalse();
    assertThat(SignRule.negative("glob:a.b*").matches("a.bc")).isTrue();
    assertThat(SignRule.negative("a.b").matches("axb")).isFalse();
    assertThat(SignRule.negative("prudential_rate_current").matches("prudential_rate_current"))
        .isTrue();
    assertThat(SignRule.negative("prudential_rate_current").matches("prudential_rate_t1"))
        .isFalse();
  }

  @Test
  void matches_namedKinds() {
    assertThat(SignRule.positive("exact:rate*").matches("rate*")).isTrue();
    assertThat(SignRule.positive("exact:rate*").matches("rate_1")).isFalse();
    assertThat(SignRule.positive("contains:_t1").matches("competitor_t1_x")).isTrue();
    assertThat(SignRule.positive("contains:_t1").matches("competitor_t2")).isFalse();
    assertThat(SignRule.positive("prefix:comp").matches("competitor")).isTrue();
    assertThat(SignRule.positive("prefix:comp").matches("xcomp")).isFalse();
    assertThat(SignRule.positive("suffix:_t2").matches("competitor_mid_t2")).isTrue();
    assertThat(SignRule.positive("suffix:_t2").matches("competitor_mid_t22")).isFalse();
    assertThat(SignRule.positive("regex:competitor_(mid|top5)_t[0-9]+")
            .matches("competitor_top5_t17"))
        .isTrue();
    assertThat(SignRule.positive("regex:mid").matches("competitor_mid")).isFalse();
    assertThat(SignRule.positive("exact:a:b").matches("a:b")).isTrue();
    // text before ':' that is not a word is part of a glob
    assertThat(SignRule.positive("rate_1:*").matches("rate_1:x")).isTrue();
  }

  @Test
  void accepts_estimateOrInterval() {
    SignRule pos = SignRule.positive("a");
    assertThat(pos.accepts(0.1, 10)).isTrue();
    assertThat(pos.accepts(0.0, 0)).isFalse();
    assertThat(pos.accepts(-0.1, 0)).isFalse();
    SignRule posSig = pos.significant();
    assertThat(posSig.accepts(2.0, 1.0)).isTrue();
    assertThat(posSig.accepts(1.9, 1.0)).isFalse();
    SignRule negSig = SignRule.negative("a").significant();
    assertThat(negSig.accepts(-2.0, 1.0)).isTrue();
    assertThat(negSig.accepts(-1.9, 1.0)).isFalse();
    assertThat(SignRule.negative("a").accepts(-1e-9, 5)).isTrue();
  }

  @Test
  void modifiers_returnNewRules() {
    SignRule strict = SignRule.of("competitor_*", SignRule.Sign.NEGATIVE);
    SignRule warn = strict.significant().warning();
    assertThat(strict.isStrict()).isTrue();
    assertThat(strict.isSignificant()).isFalse();
    assertThat(warn.isStrict()).isFalse();
    assertThat(warn.isSignificant()).isTrue();
    assertThat(warn.pattern()).isEqualTo("competitor_*");
    assertThat(warn.sign()).isEqualTo(SignRule.Sign.NEGATIVE);
    assertThat(warn).hasToString("negative(competitor_*).significant().warning()");
    assertThat(warn).isEqualTo(SignRule.negative("competitor_*").warning().significant())
        .hasSameHashCodeAs(SignRule.negative("competitor_*").warning().significant());
    assertThat(warn).isNotEqualTo(strict);
  }

  @Test
  void of_badPatterns() {
    assertThatThrownBy(() -> SignRule.positive("startswith:comp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pattern: 'startswith:comp' has unknown kind 'startswith:'");
    assertThatThrownBy(() -> SignRule.positive(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern: ''");
    assertThatThrownBy(() -> SignRule.positive("contains:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pattern: 'contains:' (expected: text after 'contains:')");
    assertThatThrownBy(() -> SignRule.negative("regex:comp(etitor"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pattern: 'regex:comp(etitor' (expected: a valid regular expression");
    assertThatThrownBy(() -> SignRule.negative(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("pattern");
    assertThatThrownBy(() -> SignRule.of("a", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("sign");
    assertThatThrownBy(() -> SignRule.positive("a").matches(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
  }
}
