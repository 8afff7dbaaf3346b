package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import java.util.List;

/**
 * The result of {@link EnsembleModel#scenarios(double[], List, double...)}: for each scenario the
 * paired, member-by-member distribution of the scenario's prediction ({@link #levels()}), its
 * difference from the same member's baseline prediction ({@link #differences()}) and the percent
 * change {@code 100 x (scenario - baseline) / baseline} ({@link #percentChanges()}), each with its
 * mean and quantiles over members, all after the back-transform.
 *
 * <pre>{@code
 * ScenarioTable table = model.scenarios(baseline, Scenario.sweep("prudential_rate", rates));
 * System.out.println(table);                            // the rate-scenario table
 * double low = table.percentChanges().quantile(3, 0);   // scenario 3, first level
 * Summary base = table.baseline();
 * }</pre>
 *
 * <p>A member whose baseline prediction is 0 has an infinite percent change (or NaN if its
 * scenario prediction is 0 too), which makes that scenario's percent-change mean NaN or infinite.
 * Thread safety: immutable. Accessors return copies.
 */
public final class ScenarioTable {

  private final Summary baseline;
  private final SummaryTable levels;
  private final SummaryTable differences;
  private final SummaryTable percentChanges;
  private final double[][] rows;

  ScenarioTable(
      Summary baseline, SummaryTable levels, SummaryTable differences,
      SummaryTable percentChanges, double[][] rows) {
    this.baseline = baseline;
    this.levels = levels;
    this.differences = differences;
    this.percentChanges = percentChanges;
    this.rows = rows;
  }

  /**
   * The baseline row's prediction.
   *
   * @return the baseline summary
   */
  public Summary baseline() {
    return baseline;
  }

  /**
   * The number of scenarios.
   *
   * @return the scenario count
   */
  public int size() {
    return rows.length;
  }

  /**
   * The scenario labels, in the order the scenarios were given.
   *
   * @return an unmodifiable list
   */
  public List<String> labels() {
    return levels.labels();
  }

  /**
   * Each scenario's predicted level.
   *
   * @return one row per scenario
   */
  public SummaryTable levels() {
    return levels;
  }

  /**
   * Each scenario's paired difference {@code scenario - baseline}, member by member.
   *
   * @return one row per scenario
   */
  public SummaryTable differences() {
    return differences;
  }

  /**
   * Each scenario's paired percent change {@code 100 x (scenario - baseline) / baseline}, member
   * by member.
   *
   * @return one row per scenario
   */
  public SummaryTable percentChanges() {
    return percentChanges;
  }

  /**
   * The feature row a scenario evaluated: the baseline with the scenario's overrides.
   *
   * @param scenario the scenario, {@code 0 <= scenario < size()}
   * @return a new array
   * @throws IndexOutOfBoundsException if {@code scenario} is out of range
   */
  public double[] row(int scenario) {
    if (scenario < 0 || scenario >= rows.length) {
      throw new IndexOutOfBoundsException(
          "scenario: " + scenario + " (expected: 0 <= scenario < " + rows.length + ")");
    }
    return rows[scenario].clone();
  }

  /**
   * An aligned text table: the baseline, then one line per scenario with the level, the
   * difference and the percent change, each as mean and quantiles.
   */
  /**
   * The scenarios as a frame, one row per scenario (in order; the labels are {@link #labels()}):
   * the columns of {@link SummaryTable#toFrame()} for the levels, the paired differences and the
   * percent changes, prefixed {@code level_}, {@code difference_} and {@code percentChange_}
   * (such as {@code difference_q0.975}). The baseline is {@link #baseline()}.
   *
   * @return a new frame of {@link #size()} rows
   */
  public Frame toFrame() {
    Frame.Builder b = Frame.newBuilder();
    levels.appendColumns(b, "level_");
    differences.appendColumns(b, "difference_");
    percentChanges.appendColumns(b, "percentChange_");
    return b.build();
  }

  @Override
  public String toString() {
    double[] lv = levels.levels();
    int groups = 3;
    int width = 1 + groups * (lv.length + 1);
    String[][] cells = new String[size() + 2][width];
    String[] names = {"level", "difference", "change %"};
    cells[0][0] = "scenario";
    for (int g = 0; g < groups; g++) {
      int c = 1 + g * (lv.length + 1);
      cells[0][c] = names[g] + " mean";
      for (int l = 0; l < lv.length; l++) {
        cells[0][c + 1 + l] = "q" + lv[l];
      }
    }
    cells[1][0] = "baseline";
    cells[1][1] = SummaryTable.format(baseline.mean());
    for (int l = 0; l < lv.length; l++) {
      cells[1][2 + l] = SummaryTable.format(baseline.quantileAt(l));
    }
    for (int c = 2 + lv.length; c < width; c++) {
      cells[1][c] = "";
    }
    SummaryTable[] tables = {levels, differences, percentChanges};
    for (int s = 0; s < size(); s++) {
      String[] line = cells[s + 2];
      line[0] = levels.label(s);
      for (int g = 0; g < groups; g++) {
        int c = 1 + g * (lv.length + 1);
        line[c] = SummaryTable.format(tables[g].mean(s));
        for (int l = 0; l < lv.length; l++) {
          line[c + 1 + l] = SummaryTable.format(tables[g].quantile(s, l));
        }
      }
    }
    return TextTable.render(cells);
  }
}
