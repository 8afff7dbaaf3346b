package io.rila.bootstrap.internal;

/**
 * The rule by which a member's rows are drawn: the sampler's draw for the member, drawn again
 * while no row has a positive count times weight, at most {@link TrainingJob#MAX_DRAWS} draws.
 * The fit ({@link TrainingJob}) and the out-of-bag bookkeeping ({@link OutOfBag}) both draw
 * through it, so the out-of-bag rows are always those the fitted member left out.
 *
 * <p>Internal API: not covered by compatibility guarantees. Thread safety: a static function;
 * the sampler and arrays belong to the caller. Allocation: none.
 */
final class MemberDraws {

  private MemberDraws() {}

  /**
   * Draws member {@code member}'s counts into {@code counts}.
   *
   * @param sampler the members' sampler
   * @param member the member
   * @param counts receives the drawn count of every row
   * @param weights the row weights multiplied into the counts, or null for none
   * @param v receives {@code counts[i] * weights[i]} (the counts when {@code weights} is null), or
   *     null when not needed
   * @return true once a draw has a row with a positive count times weight; false when {@link
   *     TrainingJob#MAX_DRAWS} draws in a row had none (the caller reports it)
   */
  static boolean draw(CountSampler sampler, int member, int[] counts, double[] weights,
      double[] v) {
    sampler.draw(member, counts);
    for (int draws = 1; ; draws++) {
      if (positive(counts, weights, v)) {
        return true;
      }
      if (draws == TrainingJob.MAX_DRAWS) {
        return false;
      }
      sampler.redraw(counts);
    }
  }

  /** Whether some row has a positive count times weight; fills {@code v} when it is not null. */
  private static boolean positive(int[] counts, double[] weights, double[] v) {
    int n = counts.length;
    boolean positive = false;
    if (weights == null) {
      for (int i = 0; i < n; i++) {
        int c = counts[i];
        if (v != null) {
          v[i] = c;
        }
        positive |= c > 0;
      }
    } else {
      for (int i = 0; i < n; i++) {
        double w = weights[i] * counts[i];
        if (v != null) {
          v[i] = w;
        }
        positive |= w > 0;
      }
    }
    return positive;
  }
}
