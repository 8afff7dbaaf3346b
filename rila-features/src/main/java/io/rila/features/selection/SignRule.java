package io.rila.features.selection;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An economic sign restriction on the coefficients of features chosen by name: for example,
 * competitors' rates must lower our sales ({@code negative("competitor_*")}) and our own rate must
 * raise them ({@code positive("prudential_rate_*")}).
 *
 * <p>A rule checks either the point estimate (the default: {@code beta > 0} for positive, {@code
 * beta < 0} for negative) or, with {@link #significant()}, the 95% interval {@code beta +- 1.96
 * SE}, which must exclude zero on the required side. A strict rule (the default) removes every
 * subset that breaks it from a {@link SubsetSearch}; a {@link #warning()} rule keeps the subset and
 * records the failed {@link RuleVerdict}. A rule applies to every feature of a model whose name
 * matches, base features included.
 *
 * <h2>Pattern syntax</h2>
 *
 * <table>
 *   <caption>Name patterns</caption>
 *   <tr><th>pattern</th><th>matches names that</th></tr>
 *   <tr><td>{@code competitor_*}, {@code glob:competitor_*}</td><td>match the glob: {@code *} any
 *       run of characters (also none), {@code ?} one character, everything else literally; a
 *       glob without wildcards is an exact name</td></tr>
 *   <tr><td>{@code exact:name}</td><td>equal {@code name} (for names with {@code *}, {@code ?}
 *       or {@code :})</td></tr>
 *   <tr><td>{@code contains:text}</td><td>contain {@code text}</td></tr>
 *   <tr><td>{@code prefix:text}</td><td>start with {@code text}</td></tr>
 *   <tr><td>{@code suffix:text}</td><td>end with {@code text}</td></tr>
 *   <tr><td>{@code regex:expr}</td><td>match the Java regular expression as a whole</td></tr>
 * </table>
 *
 * <p>Text before the first {@code :} made of letters only names the kind; any other kind is an
 * error that names the pattern. Matching is case-sensitive.
 *
 * <pre>{@code
 * List<SignRule> rules = List.of(
 *     SignRule.negative("competitor_*"),                   // strict, on the estimate
 *     SignRule.positive("prefix:prudential_rate").significant(),
 *     SignRule.negative("contains:_t1").warning());        // annotate only
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #significant()} and {@link #warning()} return new rules.
 */
public final class SignRule {

  /** The normal quantile of the two-sided 95% interval. */
  public static final double Z_95 = 1.96;

  /** The sign a coefficient must have. */
  public enum Sign {
    /** The coefficient must be above zero. */
    POSITIVE,
    /** The coefficient must be below zero. */
    NEGATIVE
  }

  private final String pattern;
  private final Sign sign;
  private final boolean significant;
  private final boolean strict;
  private final Pattern compiled;

  private SignRule(
      String pattern, Sign sign, boolean significant, boolean strict, Pattern compiled) {
    this.pattern = pattern;
    this.sign = sign;
    this.significant = significant;
    this.strict = strict;
    this.compiled = compiled;
  }

  /**
   * A strict rule that the coefficients of matching features be positive.
   *
   * @throws NullPointerException when pattern is null
   * @throws IllegalArgumentException when the pattern is empty, has an unknown kind or an invalid
   *     regular expression
   */
  public static SignRule positive(String pattern) {
    return of(pattern, Sign.POSITIVE);
  }

  /**
   * A strict rule that the coefficients of matching features be negative.
   *
   * @throws NullPointerException when pattern is null
   * @throws IllegalArgumentException when the pattern is empty, has an unknown kind or an invalid
   *     regular expression
   */
  public static SignRule negative(String pattern) {
    return of(pattern, Sign.NEGATIVE);
  }

  /**
   * A strict rule on the point estimate.
   *
   * @throws NullPointerException when pattern or sign is null
   * @throws IllegalArgumentException when the pattern is empty, has an unknown kind or an invalid
   *     regular expression
   */
  public static SignRule of(String pattern, Sign sign) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(sign, "sign");
    return new SignRule(pattern, sign, false, true, compile(pattern));
  }

  /** This rule checked on the 95% interval {@code beta +- 1.96 SE} instead of the estimate. */
  public SignRule significant() {
    return new SignRule(pattern, sign, true, strict, compiled);
  }

  /** This rule as a warning: a failing subset is kept and annotated instead of removed. */
  public SignRule warning() {
    return new SignRule(pattern, sign, significant, false, compiled);
  }

  /** The name pattern, as given. */
  public String pattern() {
    return pattern;
  }

  /** The required sign. */
  public Sign sign() {
    return sign;
  }

  /** Whether the rule checks the 95% interval rather than the point estimate. */
  public boolean isSignificant() {
    return significant;
  }

  /** Whether a failing subset is removed (otherwise it is annotated). */
  public boolean isStrict() {
    return strict;
  }

  /**
   * Whether the rule applies to the feature {@code name}.
   *
   * @throws NullPointerException when name is null
   */
  public boolean matches(String name) {
    Objects.requireNonNull(name, "name");
    return compiled.matcher(name).matches();
  }

  /** Whether a coefficient with this estimate and standard error satisfies the rule. */
  boolean accepts(double estimate, double standardError) {
    double margin = significant ? Z_95 * standardError : 0.0;
    return sign == Sign.POSITIVE ? estimate - margin > 0 : estimate + margin < 0;
  }

  private static Pattern compile(String pattern) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("pattern: '' (expected: a non-empty name pattern)");
    }
    int colon = pattern.indexOf(':');
    String kind = colon > 0 ? pattern.substring(0, colon) : "";
    if (!kind.chars().allMatch(Character::isLetter)) {
      kind = "";
    }
    String body = kind.isEmpty() ? pattern : pattern.substring(colon + 1);
    if (body.isEmpty()) {
      throw new IllegalArgumentException(
          "pattern: '" + pattern + "' (expected: text after '" + kind + ":')");
    }
    switch (kind) {
      case "":
      case "glob":
        return Pattern.compile(glob(body));
      case "exact":
        return Pattern.compile(Pattern.quote(body));
      case "contains":
        return Pattern.compile(".*" + Pattern.quote(body) + ".*", Pattern.DOTALL);
      case "prefix":
        return Pattern.compile(Pattern.quote(body) + ".*", Pattern.DOTALL);
      case "suffix":
        return Pattern.compile(".*" + Pattern.quote(body), Pattern.DOTALL);
      case "regex":
        try {
          return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "pattern: '" + pattern + "' (expected: a valid regular expression; "
                  + e.getDescription() + " near index " + e.getIndex() + ")", e);
        }
      default:
        throw new IllegalArgumentException(
            "pattern: '" + pattern + "' has unknown kind '" + kind + ":' (expected: a glob, or "
                + "one of glob:, exact:, contains:, prefix:, suffix:, regex:)");
    }
  }

  private static String glob(String body) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return re.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SignRule)) {
      return false;
    }
    SignRule r = (SignRule) o;
    return pattern.equals(r.pattern) && sign == r.sign && significant == r.significant
        && strict == r.strict;
  }

  @Override
  public int hashCode() {
    return Objects.hash(pattern, sign, significant, strict);
  }

  @Override
  public String toString() {
    return (sign == Sign.POSITIVE ? "positive(" : "negative(") + pattern + ")"
        + (significant ? ".significant()" : "") + (strict ? "" : ".warning()");
  }
}
