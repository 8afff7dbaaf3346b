package io.rila.bootstrap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A labelled "what if": feature values that replace those of a baseline row, such as "our cap rate
 * moves to 3.5%", which sets every {@code prudential_rate*} feature (current and lagged) to 3.5.
 * Evaluated by {@link EnsembleModel#scenarios(double[], List, double...)}, member by member
 * against the same members' baseline prediction.
 *
 * <pre>{@code
 * List<Scenario> scenarios = List.of(
 *     Scenario.of("rate 3.5").setPrefix("prudential_rate", 3.5),
 *     Scenario.of("rate 4.0, no competitor move").setPrefix("prudential_rate", 4.0)
 *         .set("competitor_mid_t2", 1.03));
 * List<Scenario> sweep = Scenario.sweep("prudential_rate", 0.0, 0.25, 0.5);  // labels "prudential_rate*=0.25" ...
 * }</pre>
 *
 * <p>Overrides apply in the order they were added (a later one wins where two touch the same
 * feature). Each must match at least one feature of the model, otherwise the evaluation fails
 * with the scenario's label and the unmatched override, so a misspelt name is never silently
 * ignored. Thread safety: immutable (a predicate given to {@link #setMatching} must be safe to
 * call from any thread).
 */
public final class Scenario {

  private enum Mode {
    EXACT,
    PREFIX,
    PREDICATE
  }

  private static final class Change {
    final Mode mode;
    final String text;
    final Predicate<String> predicate;
    final double value;

    Change(Mode mode, String text, Predicate<String> predicate, double value) {
      this.mode = mode;
      this.text = text;
      this.predicate = predicate;
      this.value = value;
    }

    boolean matches(String name) {
      switch (mode) {
        case EXACT:
          return name.equals(text);
        case PREFIX:
          return name.startsWith(text);
        default:
          return predicate.test(name);
      }
    }

    @Override
    public String toString() {
      switch (mode) {
        case EXACT:
          return text + "=" + value;
        case PREFIX:
          return text + "*=" + value;
        default:
          return "<predicate>=" + value;
      }
    }
  }

  private final String label;
  private final List<Change> overrides;

  private Scenario(String label, List<Change> overrides) {
    this.label = label;
    this.overrides = overrides;
  }

  /**
   * A scenario without overrides (the baseline itself); add overrides with {@link #set}, {@link
   * #setPrefix} and {@link #setMatching}.
   *
   * @param label the name shown in results, not empty
   * @return a new scenario
   * @throws NullPointerException if {@code label} is null
   * @throws IllegalArgumentException if {@code label} is empty
   */
  public static Scenario of(String label) {
    Objects.requireNonNull(label, "label");
    if (label.isEmpty()) {
      throw new IllegalArgumentException("label: empty (expected: a name)");
    }
    return new Scenario(label, List.of());
  }

  /**
   * One scenario per value, each setting every feature whose name starts with {@code prefix} to
   * that value, labelled {@code prefix + "*=" + value}: the rate-scenario grid.
   *
   * @param prefix the feature-name prefix, not empty
   * @param values the values, at least one, all finite
   * @return an unmodifiable list, one scenario per value in order
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code prefix} or {@code values} is empty or a value is
   *     not finite
   */
  public static List<Scenario> sweep(String prefix, double... values) {
    checkName(prefix, "prefix");
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values: empty (expected: at least one)");
    }
    List<Scenario> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values[" + i + "]: " + values[i] + " (expected: finite)");
      }
      out.add(of(prefix + "*=" + values[i]).setPrefix(prefix, values[i]));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * This scenario plus: the feature named {@code feature} takes {@code value}.
   *
   * @param feature an exact feature name
   * @param value the new value, finite
   * @return a new scenario
   * @throws NullPointerException if {@code feature} is null
   * @throws IllegalArgumentException if {@code feature} is empty or {@code value} is not finite
   */
  public Scenario set(String feature, double value) {
    checkName(feature, "feature");
    return with(new Change(Mode.EXACT, feature, null, checkValue(value)));
  }

  /**
   * This scenario plus: every feature whose name starts with {@code prefix} takes {@code value}.
   *
   * @param prefix the name prefix, such as {@code "prudential_rate"}
   * @param value the new value, finite
   * @return a new scenario
   * @throws NullPointerException if {@code prefix} is null
   * @throws IllegalArgumentException if {@code prefix} is empty or {@code value} is not finite
   */
  public Scenario setPrefix(String prefix, double value) {
    checkName(prefix, "prefix");
    return with(new Change(Mode.PREFIX, prefix, null, checkValue(value)));
  }

  /**
   * This scenario plus: every feature whose name satisfies {@code names} takes {@code value}.
   *
   * @param names selects feature names
   * @param value the new value, finite
   * @return a new scenario
   * @throws NullPointerException if {@code names} is null
   * @throws IllegalArgumentException if {@code value} is not finite
   */
  public Scenario setMatching(Predicate<String> names, double value) {
    Objects.requireNonNull(names, "names");
    return with(new Change(Mode.PREDICATE, null, names, checkValue(value)));
  }

  /**
   * The label.
   *
   * @return the label given to {@link #of}
   */
  public String label() {
    return label;
  }

  private Scenario with(Change override) {
    List<Change> list = new ArrayList<>(overrides);
    list.add(override);
    return new Scenario(label, Collections.unmodifiableList(list));
  }

  private static void checkName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + ": empty (expected: a feature name)");
    }
  }

  private static double checkValue(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: " + value + " (expected: finite)");
    }
    return value;
  }

  /**
   * The baseline with this scenario's overrides applied.
   *
   * @throws IllegalArgumentException if an override matches no feature
   */
  double[] apply(double[] baseline, List<String> featureNames) {
    double[] row = baseline.clone();
    for (Change change : overrides) {
      boolean matched = false;
      for (int j = 0; j < row.length; j++) {
        if (change.matches(featureNames.get(j))) {
          row[j] = change.value;
          matched = true;
        }
      }
      if (!matched) {
        throw new IllegalArgumentException(
            "scenario '" + label + "': " + change + " matches no feature (expected: one of "
                + featureNames + ")");
      }
    }
    return row;
  }

  /** Such as {@code Scenario[rate 3.5: prudential_rate*=3.5]}. */
  @Override
  public String toString() {
    return "Scenario[" + label + ": " + overrides + "]";
  }
}
