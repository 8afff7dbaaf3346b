package io.rila.bootstrap;

/**
 * How a {@link CoefficientStore} holds the members' coefficients and intercepts.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .precision(Precision.DOUBLE)
 *     .build();
 * }</pre>
 *
 * <p>Members are always fitted in double precision; the precision only decides how the results
 * are kept. {@link #FLOAT} halves the memory (10,000 members of 598 features take 24 MB) and keeps
 * each coefficient to about 7 significant digits (relative rounding {@code 2^-24}, about 6e-8),
 * far below the spread between bootstrap members. {@link #DOUBLE} keeps every bit of the fit.
 */
public enum Precision {
  /** 32-bit IEEE floats, 4 bytes per number: the default. */
  FLOAT(Float.BYTES),
  /** 64-bit IEEE doubles, 8 bytes per number: every bit of each member's fit. */
  DOUBLE(Double.BYTES);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /**
   * The bytes one stored number takes.
   *
   * @return 4 for {@link #FLOAT}, 8 for {@link #DOUBLE}
   */
  public int bytes() {
    return bytes;
  }
}
