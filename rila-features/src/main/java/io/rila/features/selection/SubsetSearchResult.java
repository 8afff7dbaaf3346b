package io.rila.features.selection;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a {@link SubsetSearch}: the best subsets by AIC (at most the configured number),
 * and how many subsets were enumerated, removed by strict sign rules, or skipped as collinear.
 *
 * <pre>{@code
 * SubsetSearchResult r = search.run(names, x, y, weights);
 * System.out.println(r.enumerated() + " subsets, " + r.rejected() + " broke a strict rule");
 * for (SubsetResult s : r.results()) {
 *   System.out.println(s.rank() + " " + s.features() + " " + s.aic());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SubsetSearchResult {

  private final List<SubsetResult> results;
  private final long enumerated;
  private final long rejected;
  private final long rankDeficient;

  SubsetSearchResult(
      List<SubsetResult> results, long enumerated, long rejected, long rankDeficient) {
    this.results = List.copyOf(results);
    this.enumerated = enumerated;
    this.rejected = rejected;
    this.rankDeficient = rankDeficient;
  }

  /** The kept subsets, best AIC first (ties in enumeration order). */
  public List<SubsetResult> results() {
    return results;
  }

  /** The best subset, or empty when every subset broke a strict rule or was collinear. */
  public Optional<SubsetResult> best() {
    return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
  }

  /** The number of subsets enumerated. */
  public long enumerated() {
    return enumerated;
  }

  /** The number of subsets removed because a strict sign rule failed. */
  public long rejected() {
    return rejected;
  }

  /** The number of subsets skipped because their columns were collinear. */
  public long rankDeficient() {
    return rankDeficient;
  }

  /** The number of subsets that were fitted and met every strict rule. */
  public long admissible() {
    return enumerated - rejected - rankDeficient;
  }

  @Override
  public String toString() {
    return "SubsetSearchResult{enumerated=" + enumerated + ", rejected=" + rejected
        + ", rankDeficient=" + rankDeficient + ", kept=" + results.size()
        + (results.isEmpty() ? "" : ", best=" + results.get(0).features()) + "}";
  }
}
