package io.rila.bootstrap;

import io.rila.core.random.MemberRandom;
import io.rila.core.random.NumpyRandomState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The textbook bootstrap, written out independently of the engine for tests: draw the row
 * indices of member {@code k} from its random stream as each scheme's documentation describes,
 * materialise the resampled rows (a row drawn twice appears twice), and fit them with {@link
 * TextbookRidge}, which shares no code with the engine's solver.
 */
final class NaiveBootstrap {

  private NaiveBootstrap() {}

  /**
   * Member {@code k}'s coefficients then intercept, refitted from materialised rows.
   *
   * @param z the target on the model's scale
   * @param weights sample weights or null
   */
  static double[] member(
      Resampling resampling, long seed, int member, int members, double[][] x, double[] z,
      double[] weights, double alpha) {
    int n = x.length;
    boolean probability = resampling.kind() == Resampling.Kind.SKLEARN
        && resampling.sklearnWeighting() == SklearnWeighting.PROBABILITY && weights != null;
    Stream stream = new Stream(resampling, seed, member, members, n, weights);
    int[] rows = stream.next();
    while (totalWeight(rows, probability ? null : weights) == 0) {
      rows = stream.next();
    }
    double[][] xr = new double[rows.length][];
    double[] zr = new double[rows.length];
    double[] wr = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      xr[i] = x[rows[i]].clone();
      zr[i] = z[rows[i]];
      wr[i] = weights == null || probability ? 1.0 : weights[rows[i]];
    }
    return TextbookRidge.fit(xr, zr, wr, alpha);
  }

  private static double totalWeight(int[] rows, double[] weights) {
    double sum = 0;
    for (int r : rows) {
      sum += weights == null ? 1.0 : weights[r];
    }
    return sum;
  }

  /** Successive resamples (row index lists) of one member. */
  static final class Stream {
    private final Resampling resampling;
    private final int n;
    private final MemberRandom random;
    private final NumpyRandomState numpy;
    private final double[] p;

    Stream(Resampling resampling, long seed, int member, int members, int n, double[] weights) {
      this.resampling = resampling;
      this.n = n;
      if (resampling.kind() == Resampling.Kind.SKLEARN) {
        int[] seeds = new int[members];
        new NumpyRandomState(resampling.randomState()).randint(0, Integer.MAX_VALUE, seeds);
        this.numpy = new NumpyRandomState(seeds[member]);
        this.random = null;
        if (resampling.sklearnWeighting() == SklearnWeighting.PROBABILITY && weights != null) {
          double sum = 0;
          for (double w : weights) {
            sum += w;
          }
          p = new double[n];
          for (int i = 0; i < n; i++) {
            p[i] = weights[i] / sum;
          }
        } else {
          p = null;
        }
      } else {
        this.random = new MemberRandom(seed, member);
        this.numpy = null;
        this.p = null;
      }
    }

    int[] next() {
      List<Integer> rows = new ArrayList<>();
      switch (resampling.kind()) {
        case IID:
          for (int i = 0; i < n; i++) {
            rows.add(random.nextInt(n));
          }
          break;
        case POISSON:
          for (int i = 0; i < n; i++) {
            int c = random.nextPoisson1();
            for (int t = 0; t < c; t++) {
              rows.add(i);
            }
          }
          break;
        case MOVING_BLOCK: {
          int len = resampling.blockLength();
          while (rows.size() < n) {
            int start = random.nextInt(n - len + 1);
            for (int t = 0; t < len && rows.size() < n; t++) {
              rows.add(start + t);
            }
          }
          break;
        }
        case CIRCULAR_BLOCK: {
          int len = resampling.blockLength();
          while (rows.size() < n) {
            int start = random.nextInt(n);
            for (int t = 0; t < len && rows.size() < n; t++) {
              rows.add((start + t) % n);
            }
          }
          break;
        }
        case STATIONARY_BLOCK: {
          double q = 1.0 / resampling.meanBlockLength();
          while (rows.size() < n) {
            int start = random.nextInt(n);
            double u = random.nextDouble();
            // geometric on 1, 2, ...: P(L > l) = (1 - q)^l
            long len = 1 + (long) Math.floor(Math.log1p(-u) / Math.log1p(-q));
            for (long t = 0; t < len && rows.size() < n; t++) {
              rows.add((int) ((start + t) % n));
            }
          }
          break;
        }
        default: {
          int[] drawn = new int[n];
          if (p != null) {
            numpy.choice(n, p, drawn);
          } else {
            numpy.randint(0, n, drawn);
          }
          for (int r : drawn) {
            rows.add(r);
          }
        }
      }
      int[] out = new int[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rows.get(i);
      }
      return out;
    }
  }

  /** Rows of standard normals with a trend, so that consecutive rows are related. */
  static double[][] matrix(Random random, int rows, int features) {
    double[][] x = new double[rows][features];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < features; j++) {
        x[i][j] = random.nextGaussian() + 0.01 * i * (j % 3);
      }
    }
    return x;
  }

  /** A target linear in the first features plus noise. */
  static double[] target(Random random, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = 2.0 + 0.3 * random.nextGaussian();
      for (int j = 0; j < Math.min(3, x[i].length); j++) {
        v += (j + 1) * 0.5 * x[i][j];
      }
      y[i] = v;
    }
    return y;
  }

  /** Weights in (0.1, 1.1], with every fifth weight zero. */
  static double[] weights(Random random, int rows) {
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = i % 5 == 3 ? 0.0 : 0.1 + random.nextDouble();
    }
    return w;
  }

  /** Largest |a_i - b_i| over the vector, relative to the largest |b_i| (at least 1). */
  static double relativeDistance(double[] a, double[] b) {
    double scale = 1;
    double worst = 0;
    for (int i = 0; i < b.length; i++) {
      scale = Math.max(scale, Math.abs(b[i]));
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst / scale;
  }
}
