package io.rila.bootstrap;

/** Relative error with a floor, for values that may be near zero. */
final class SharedRelative {

  private SharedRelative() {}

  static double error(double actual, double expected) {
    return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  }
}
