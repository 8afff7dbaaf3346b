package io.rila.examples;

import io.rila.core.frame.Frame;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded synthetic RILA market whose true rate elasticity is known, so a demo can show the
 * estimate beside the truth.
 *
 * <p>It produces a weekly frame in the layout of the production system's
 * {@code weekly_aggregated.csv}: the own cap rate {@code Prudential}, eight competitors' cap rates
 * that move in steps and persist, quarterly market shares, the competitor aggregates
 * ({@code C_weighted_mean}, {@code C_core}, {@code C_median}, {@code C_first}..{@code C_third},
 * {@code C_top_3}, {@code C_top_5}), weekly {@code sales} and {@code sales_by_contract_date},
 * {@code counter}, the 5-year treasury {@code DGS5}, {@code VIXCLS} and calendar columns, plus
 * a {@code holiday} flag (weeks holding New Year's Day, Independence Day, Thanksgiving or
 * Christmas).
 *
 * <p>Sales follow a known log-linear law:
 *
 * <pre>
 * log(sales_t) = level + OWN_CURRENT * own_t + OWN_LAG3 * own_{t-3}
 *              + COMPETITOR_LAG2 * C_weighted_mean_{t-2} + season_t + HOLIDAY * holiday_t + e_t
 * </pre>
 *
 * with AR(1) noise e. Moving the own rate from r0 to r in both terms changes expected sales by
 * {@link #truePercentChange(double, double)} = 100 (exp((OWN_CURRENT + OWN_LAG3)(r - r0)) - 1).
 *
 * <pre>{@code
 * SyntheticRilaMarket market = SyntheticRilaMarket.generate(260, 7L);
 * Frame weekly = market.weekly();
 * double truth = market.truePercentChange(1.50, 1.75);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the frame is built once in {@link #generate(int, long)}.
 */
public final class SyntheticRilaMarket {

  /** The competitors, in the production system's order. */
  public static final List<String> COMPETITORS =
      List.of("Allianz", "Athene", "Brighthouse", "Equitable", "Jackson", "Lincoln", "Symetra",
          "Trans");
  /** True effect on log sales of one percentage point of own cap rate in the same week. */
  public static final double OWN_CURRENT = 0.20;
  /** True effect on log sales of one point of own cap rate three weeks earlier. */
  public static final double OWN_LAG3 = 0.08;
  /** True effect on log sales of one point of the weighted competitor rate two weeks earlier. */
  public static final double COMPETITOR_LAG2 = -0.25;
  /** True effect on log sales of a holiday week. */
  public static final double HOLIDAY = -0.35;

  private static final double OWN_RATE_ANCHOR = 1.75;
  private static final LocalDate LAST_WEEK = LocalDate.of(2025, 12, 28);
  private static final int WARM_UP = 8;

  private final Frame weekly;

  private SyntheticRilaMarket(Frame weekly) {
    this.weekly = weekly;
  }

  /**
   * Generates {@code weeks} weeks ending on Sunday 2025-12-28.
   *
   * @throws IllegalArgumentException if {@code weeks < 30}
   */
  public static SyntheticRilaMarket generate(int weeks, long seed) {
    if (weeks < 30) {
      throw new IllegalArgumentException("weeks: " + weeks + " (expected: >= 30)");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int total = weeks + WARM_UP;
    List<LocalDate> dates = new ArrayList<>(total);
    for (int t = 0; t < total; t++) {
      dates.add(LAST_WEEK.minusWeeks(total - 1L - t));
    }

    double[] treasury = new double[total];
    double[] vix = new double[total];
    double dgs = 1.2;
    double v = 20;
    for (int t = 0; t < total; t++) {
      dgs = Math.max(0.2, dgs + 0.004 + 0.06 * random.nextGaussian());
      v = 18 + 0.85 * (v - 18) + 2.0 * random.nextGaussian();
      treasury[t] = dgs;
      vix[t] = Math.max(9, v);
    }

    int c = COMPETITORS.size();
    double[][] rates = new double[c][total];
    for (int k = 0; k < c; k++) {
      double rate = round(0.9 + 1.6 * random.nextDouble());
      for (int t = 0; t < total; t++) {
        double anchor = 0.6 + 0.35 * treasury[t];
        if (random.nextDouble() < 0.07) {
          double step = random.nextDouble() < 0.5 ? 0.25 : 0.10;
          rate += rate < anchor ? step : -step;
          rate = Math.min(4.5, Math.max(0.25, round(rate)));
        }
        rates[k][t] = rate;
      }
    }
    double[] own = new double[total];
    double ownRate = OWN_RATE_ANCHOR;
    for (int t = 0; t < total; t++) {
      if (random.nextDouble() < 0.2) {
        // reprices every five weeks or so, drifting back towards its usual level
        double up = Math.min(0.9, Math.max(0.1, 0.5 + 0.25 * (OWN_RATE_ANCHOR - ownRate)));
        ownRate = Math.min(4.5, Math.max(0.5, ownRate + (random.nextDouble() < up ? 0.25 : -0.25)));
      }
      own[t] = ownRate;
    }

    double[][] shares = quarterlyShares(random, dates);
    double[] weighted = new double[total];
    double[] core = new double[total];
    double[] median = new double[total];
    double[] first = new double[total];
    double[] second = new double[total];
    double[] third = new double[total];
    double[] top3 = new double[total];
    double[] top5 = new double[total];
    double[] sorted = new double[c];
    for (int t = 0; t < total; t++) {
      double num = 0;
      double den = 0;
      double sum = 0;
      for (int k = 0; k < c; k++) {
        num += rates[k][t] * shares[t][k];
        den += shares[t][k];
        sum += rates[k][t];
        sorted[k] = rates[k][t];
      }
      weighted[t] = num / (den + 1e-8);
      core[t] = sum / c;
      Arrays.sort(sorted);
      first[t] = sorted[c - 1];
      second[t] = sorted[c - 2];
      third[t] = sorted[c - 3];
      median[t] = (sorted[c - 4] + sorted[c - 5]) / 2;
      top3[t] = (sorted[c - 1] + sorted[c - 2] + sorted[c - 3]) / 3;
      top5[t] = (sorted[c - 1] + sorted[c - 2] + sorted[c - 3] + sorted[c - 4] + sorted[c - 5]) / 5;
    }

    double[] holiday = new double[total];
    double[] sales = new double[total];
    double noise = 0;
    for (int t = 0; t < total; t++) {
      LocalDate week = dates.get(t);
      holiday[t] = isHolidayWeek(week) ? 1 : 0;
      noise = 0.5 * noise + 0.05 * random.nextGaussian();
      double season = 0.08 * Math.sin(2 * Math.PI * week.getDayOfYear() / 365.25);
      int lag3 = Math.max(0, t - 3);
      int lag2 = Math.max(0, t - 2);
      double log = 17.0 + OWN_CURRENT * own[t] + OWN_LAG3 * own[lag3]
          + COMPETITOR_LAG2 * weighted[lag2] + season + HOLIDAY * holiday[t] + noise;
      sales[t] = Math.exp(log);
    }
    double[] contract = new double[total];
    double[] counter = new double[total];
    for (int t = 0; t < total; t++) {
      contract[t] = t == 0 ? sales[0] : 0.25 * sales[t] + 0.75 * sales[t - 1];
      counter[t] = 7;
    }

    Frame.Builder b = Frame.newBuilder().index(dates.subList(WARM_UP, total));
    b.column("C_weighted_mean", tail(weighted))
        .column("C_core", tail(core))
        .column("C_median", tail(median))
        .column("C_first", tail(first))
        .column("C_second", tail(second))
        .column("C_third", tail(third))
        .column("C_top_3", tail(top3))
        .column("C_top_5", tail(top5))
        .column("Prudential", tail(own));
    for (int k = 0; k < c; k++) {
      b.column(COMPETITORS.get(k), tail(rates[k]));
    }
    double[] year = new double[weeks];
    double[] quarter = new double[weeks];
    double[] month = new double[weeks];
    for (int t = 0; t < weeks; t++) {
      LocalDate d = dates.get(WARM_UP + t);
      year[t] = d.getYear();
      month[t] = d.getMonthValue();
      quarter[t] = (d.getMonthValue() - 1) / 3 + 1;
    }
    b.column("sales", tail(sales))
        .column("sales_by_contract_date", tail(contract))
        .column("counter", tail(counter))
        .column("DGS5", tail(treasury))
        .column("VIXCLS", tail(vix))
        .column("year", year)
        .column("quarter", quarter)
        .column("month", month)
        .column("holiday", tail(holiday));
    return new SyntheticRilaMarket(b.build());
  }

  /** The weekly frame (dates index, one row per week ending Sunday). */
  public Frame weekly() {
    return weekly;
  }

  /**
   * The true percent change of expected weekly sales when the own cap rate moves from
   * {@code fromRate} to {@code toRate} (both in percent units) in the current week and the
   * three-week lag alike, all else equal.
   */
  public double truePercentChange(double fromRate, double toRate) {
    return 100 * Math.expm1((OWN_CURRENT + OWN_LAG3) * (toRate - fromRate));
  }

  /** Whether the week ending on {@code sunday} holds one of the four holidays the market knows. */
  public static boolean isHolidayWeek(LocalDate sunday) {
    Objects.requireNonNull(sunday, "sunday");
    LocalDate start = sunday.minusDays(6);
    for (LocalDate d = start; !d.isAfter(sunday); d = d.plusDays(1)) {
      if ((d.getMonth() == Month.JANUARY && d.getDayOfMonth() == 1)
          || (d.getMonth() == Month.JULY && d.getDayOfMonth() == 4)
          || (d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 25)
          || d.equals(thanksgiving(d.getYear()))) {
        return true;
      }
    }
    return false;
  }

  private static LocalDate thanksgiving(int year) {
    return LocalDate.of(year, 11, 1)
        .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
  }

  private static double[][] quarterlyShares(SplittableRandom random, List<LocalDate> dates) {
    int c = COMPETITORS.size();
    double[] base = new double[c];
    for (int k = 0; k < c; k++) {
      base[k] = 0.2 + random.nextDouble();
    }
    double[][] shares = new double[dates.size()][c];
    int quarterKey = Integer.MIN_VALUE;
    double[] current = new double[c];
    for (int t = 0; t < dates.size(); t++) {
      LocalDate d = dates.get(t);
      int key = d.getYear() * 4 + (d.getMonthValue() - 1) / 3;
      if (key != quarterKey) {
        quarterKey = key;
        double sum = 0;
        for (int k = 0; k < c; k++) {
          base[k] = Math.max(0.05, base[k] * Math.exp(0.1 * random.nextGaussian()));
          sum += base[k];
        }
        for (int k = 0; k < c; k++) {
          current[k] = base[k] / sum;
        }
      }
      System.arraycopy(current, 0, shares[t], 0, c);
    }
    return shares;
  }

  private static double[] tail(double[] values) {
    return Arrays.copyOfRange(values, WARM_UP, values.length);
  }

  private static double round(double rate) {
    return Math.round(rate * 20) / 20.0;
  }

}
