package io.rila.spark;

import io.rila.core.random.MemberRandom;

/**
 * The Poisson(1) bootstrap counts of {@link SparkEnsembleTrainer#fitOnePass}: a pure function of
 * {@code (seed, member, rowId)}, so that any machine can compute a row's count for any member
 * without a random stream, in any order, and anyone can recompute them locally.
 *
 * <pre>{@code
 * int c = HashedPoisson.count(42L, 17, rowId);   // how often row rowId is in member 17's resample
 * }</pre>
 *
 * <p><b>Definition.</b> With SplitMix64's finaliser {@code mix64} ({@link
 * MemberRandom#mix64(long)}) and its increment {@code g = 0x9e3779b97f4a7c15}: {@code memberKey =
 * mix64(mix64(seed + g) + (member + 1) g)}, {@code rowKey = mix64(rowId ^ 0xd1b54a32d192ed03)},
 * {@code u = (mix64(memberKey + rowKey) >>> 11) 2^-53} (a uniform double in {@code [0, 1)}), and
 * the count is the smallest {@code k} with {@code u < P(K <= k)} for {@code K ~ Poisson(1)}
 * (inversion; the tail beyond 19, about {@code 2^-63}, is folded into 19; {@link
 * MemberRandom#poisson1(double)}). {@code mix64} is a bijection, so distinct members have distinct
 * keys, as do distinct rows, and the counts of one row for different members (or of one member for
 * different rows) behave as independent draws (SplitMix64 passes BigCrush as a counter-based
 * generator).
 *
 * <p>These counts are not those of {@code Resampling.poisson()} in a local fit, which draws each
 * member's counts from the member's own stream in row order: a one-pass fit is a different (equally
 * valid) Poisson bootstrap of the same data.
 *
 * <p>Thread safety: stateless. Allocation: none.
 */
public final class HashedPoisson {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final long ROW_SALT = 0xd1b54a32d192ed03L;

  private HashedPoisson() {}

  /**
   * How often row {@code rowId} appears in member {@code member}'s resample.
   *
   * @param seed the ensemble's seed
   * @param member the member, {@code >= 0}
   * @param rowId the row's id
   * @return a Poisson(1) count, {@code 0 .. 19}
   * @throws IllegalArgumentException if {@code member < 0}
   */
  public static int count(long seed, int member, long rowId) {
    if (member < 0) {
      throw new IllegalArgumentException("member: " + member + " (expected: >= 0)");
    }
    return count(memberKey(seed, member), rowKey(rowId));
  }

  /** The key of member {@code member} for {@code seed}. */
  static long memberKey(long seed, int member) {
    return MemberRandom.mix64(MemberRandom.mix64(seed + GOLDEN_GAMMA) + (member + 1L) * GOLDEN_GAMMA);
  }

  /** The key of row {@code rowId}. */
  static long rowKey(long rowId) {
    return MemberRandom.mix64(rowId ^ ROW_SALT);
  }

  /** The count of the member and the row with these keys. */
  static int count(long memberKey, long rowKey) {
    return MemberRandom.poisson1((MemberRandom.mix64(memberKey + rowKey) >>> 11) * 0x1.0p-53);
  }
}
