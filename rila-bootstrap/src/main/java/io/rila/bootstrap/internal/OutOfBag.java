package io.rila.bootstrap.internal;

import java.util.Arrays;

/**
 * Out-of-bag bookkeeping for a fitted ensemble, recomputed from the members' random streams: for
 * every training row {@code i}, the members whose draw left it out ({@code counts[i] == 0}) and
 * the sum of their coefficients and intercepts.
 *
 * <p>Member {@code k}'s counts depend only on the seed and {@code k}, so they are drawn again here
 * with the same samplers through the same rule as {@link TrainingJob} ({@link MemberDraws}): a
 * draw whose rows all have weight zero is replaced by the member's next draw. Nothing is stored
 * per member: because every member is linear on the model's scale, the mean of the out-of-bag
 * members' predictions for any row {@code x} is {@code x . mean(beta) + mean(b)} over those
 * members, so the sums (rows x (features + 1) doubles) are all that later predictions need. For
 * 150 rows and 4 features that is 6 KB whatever the number of members, where a rows x members
 * bitset of 10,000 members would take 190 KB.
 *
 * <p>Internal API: not covered by compatibility guarantees. Thread safety: a static function.
 * Allocation: one counts array and one weight check per call, nothing per member.
 */
public final class OutOfBag {

  private OutOfBag() {}

  /**
   * Sums, for every row, the coefficients and intercepts of the members that left it out.
   *
   * @param sampler draws the members' counts (used from this thread only)
   * @param countWeights the row weights multiplied into the counts by the fit, or null (decides
   *     which draws the fit replaced)
   * @param rows the training rows
   * @param block the members' coefficients and intercepts, {@code 0 .. block.members() - 1}
   * @param sums receives {@code rows x (features + 1)} row-major sums (coefficients, then the
   *     intercept), overwritten
   * @param outOfBag receives, per row, how many members left it out, overwritten
   * @throws IllegalStateException if a member drew only rows of weight zero {@value
   *     TrainingJob#MAX_DRAWS} times (the fit itself would have failed)
   */
  public static void sums(
      CountSampler sampler, double[] countWeights, int rows, MemberBlock block, double[] sums,
      int[] outOfBag) {
    int members = block.members();
    int stride = block.stride();
    Arrays.fill(sums, 0, rows * stride, 0.0);
    Arrays.fill(outOfBag, 0, rows, 0);
    int[] counts = new int[rows];
    for (int k = 0; k < members; k++) {
      if (!MemberDraws.draw(sampler, k, counts, countWeights, null)) {
        throw new IllegalStateException("member " + k + ": " + TrainingJob.MAX_DRAWS
            + " draws of rows of weight zero (expected: the draws of a fitted model)");
      }
      for (int i = 0; i < rows; i++) {
        if (counts[i] == 0) {
          outOfBag[i]++;
          block.addTo(k, sums, i * stride);
        }
      }
    }
  }
}
