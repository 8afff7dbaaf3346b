package io.rila.bootstrap.internal;

/**
 * Draws the bootstrap counts of members: {@code counts[i]} is how often row {@code i} appears in
 * member {@code k}'s resample. The draw of member {@code k} depends only on the fit's seed and
 * {@code k}, never on the thread or on earlier calls.
 *
 * <p>Not thread-safe: one sampler per worker thread. Allocation: none per draw.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public interface CountSampler {

  /**
   * Restarts member {@code member}'s random stream and fills {@code counts} with its draw.
   *
   * @param member the member, {@code 0 <= member < members}
   * @param counts receives one count per row, length {@code rows}
   */
  void draw(int member, int[] counts);

  /**
   * Fills {@code counts} with a further draw from the stream of the member last passed to {@link
   * #draw}, continuing where it stopped: the second, third, ... resample of that member, still a
   * function of the seed and the member only. Used when a draw picked only rows of weight zero.
   *
   * @param counts receives one count per row, length {@code rows}
   */
  void redraw(int[] counts);
}
