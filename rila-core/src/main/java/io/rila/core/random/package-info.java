/**
 * Random streams: {@link io.rila.core.random.NumpyRandomState}, a bit-exact copy of numpy's legacy
 * {@code RandomState} for reproducing scikit-learn's bootstrap draws, and {@link
 * io.rila.core.random.MemberRandom}, a fast stream per bootstrap member that depends only on the
 * seed and the member's number.
 */
package io.rila.core.random;
