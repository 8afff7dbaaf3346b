package io.rila.spark;

import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.Precision;
import java.io.Serializable;

/** The coefficients of the members {@code [from, to)}, as a task sends them to the driver. */
final class MemberRange implements Serializable {
  private static final long serialVersionUID = 1L;

  final int from;
  final int to;
  final int features;
  final float[] floats;
  final double[] doubles;

  private MemberRange(int from, int to, int features, float[] floats, double[] doubles) {
    this.from = from;
    this.to = to;
    this.features = features;
    this.floats = floats;
    this.doubles = doubles;
  }

  static MemberRange of(int from, CoefficientStore store) {
    int members = store.members();
    int length = members * (store.features() + 1);
    if (store.precision() == Precision.FLOAT) {
      float[] values = new float[length];
      store.copyMembers(0, members, values, 0);
      return new MemberRange(from, from + members, store.features(), values, null);
    }
    double[] values = new double[length];
    store.copyMembers(0, members, values, 0);
    return new MemberRange(from, from + members, store.features(), null, values);
  }

  /** The members as a store of {@code to - from} members. */
  CoefficientStore store() {
    return floats != null
        ? CoefficientStore.ofFloats(to - from, features, floats)
        : CoefficientStore.ofDoubles(to - from, features, doubles);
  }

  /** Copies the members into a whole ensemble's member-major array. */
  void copyInto(float[] allFloats, double[] allDoubles) {
    int offset = from * (features + 1);
    if (floats != null) {
      System.arraycopy(floats, 0, allFloats, offset, floats.length);
    } else {
      System.arraycopy(doubles, 0, allDoubles, offset, doubles.length);
    }
  }

  /** Such as {@code "members [0, 250) of 1000"}. */
  static String describe(int from, int to, int estimators) {
    return "members [" + from + ", " + to + ") of " + estimators;
  }
}
