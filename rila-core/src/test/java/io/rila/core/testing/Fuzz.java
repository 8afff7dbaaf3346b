package io.rila.core.testing;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Helpers of the fuzz suites (jqwik properties that mutate files and text): a deadline for each
 * case, so that a hang fails the case instead of stalling the build, and byte mutations.
 *
 * <p>The number of cases per property is jqwik's {@code jqwik.tries.default}, which the build
 * sets from the Maven property {@code rila.fuzz.tries} (300, through surefire's {@code
 * configurationParameters} in the parent pom); a longer run: {@code mvn -B verify
 * -Drila.fuzz.tries=20000}.
 */
public final class Fuzz {

  /** How long one case may take before it counts as a hang. */
  public static final long DEADLINE_SECONDS = 20;

  private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "fuzz-case");
    thread.setDaemon(true);
    return thread;
  });

  private Fuzz() {}

  /** What a case did: returned a value or threw. */
  public static final class Outcome<T> {
    private final T value;
    private final Throwable thrown;

    private Outcome(T value, Throwable thrown) {
      this.value = value;
      this.thrown = thrown;
    }

    /** The value returned, or null if the case threw. */
    public T value() {
      return value;
    }

    /** What the case threw, or null if it returned. */
    public Throwable thrown() {
      return thrown;
    }
  }

  /**
   * Runs {@code action} on another thread and returns what it did; fails with an {@link
   * AssertionError} if it takes longer than {@link #DEADLINE_SECONDS}.
   */
  public static <T> Outcome<T> run(Callable<T> action) {
    Future<T> future = RUNNER.submit(action);
    try {
      return new Outcome<>(future.get(DEADLINE_SECONDS, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Outcome<>(null, e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("no result within " + DEADLINE_SECONDS + " s: a hang", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The kinds of damage {@link #mutate} does. */
  public enum Damage {
    /** Flips 1 to 8 random bits. */
    BIT_FLIPS,
    /** Cuts the bytes at a random length. */
    TRUNCATION,
    /** Appends 1 to 64 random bytes. */
    EXTENSION,
    /** Overwrites a random 4-byte window with an extreme int (0, -1, 1, MAX, MIN, 2^30, ...). */
    EXTREME_INT,
    /** Deletes or duplicates a random run of bytes. */
    SHIFT
  }

  private static final int[] EXTREMES = {
    0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 1 << 30, 1 << 16,
    255, 0x7F7F7F7F
  };

  /** A damaged copy of {@code bytes}; {@code random} decides where and how. */
  public static byte[] mutate(byte[] bytes, Damage damage, Random random) {
    byte[] out;
    switch (damage) {
      case BIT_FLIPS:
        out = bytes.clone();
        if (out.length > 0) {
          int flips = 1 + random.nextInt(8);
          for (int k = 0; k < flips; k++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
          }
        }
        return out;
      case TRUNCATION:
        return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
      case EXTENSION:
        out = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
        for (int i = bytes.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
        return out;
      case EXTREME_INT:
        return withInt(bytes, bytes.length < 4 ? 0 : random.nextInt(bytes.length - 3),
            EXTREMES[random.nextInt(EXTREMES.length)], random.nextBoolean());
      default:
        if (bytes.length == 0) {
          return bytes.clone();
        }
        int from = random.nextInt(bytes.length);
        int length = 1 + random.nextInt(Math.min(16, bytes.length - from));
        byte[] shifted;
        if (random.nextBoolean()) {
          shifted = new byte[bytes.length - length];
          System.arraycopy(bytes, 0, shifted, 0, from);
          System.arraycopy(bytes, from + length, shifted, from, bytes.length - from - length);
        } else {
          shifted = new byte[bytes.length + length];
          System.arraycopy(bytes, 0, shifted, 0, from + length);
          System.arraycopy(bytes, from, shifted, from + length, bytes.length - from);
        }
        return shifted;
    }
  }

  /** A copy of {@code bytes} with {@code value} written at {@code offset} (if it fits). */
  public static byte[] withInt(byte[] bytes, int offset, int value, boolean littleEndian) {
    byte[] out = bytes.clone();
    if (offset < 0 || offset + 4 > out.length) {
      return out;
    }
    for (int k = 0; k < 4; k++) {
      int shift = 8 * (littleEndian ? k : 3 - k);
      out[offset + k] = (byte) (value >>> shift);
    }
    return out;
  }
}
