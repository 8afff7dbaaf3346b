package io.rila.bootstrap;

/**
 * A one-way switch that stops fits: once {@link #cancel()} is called, every fit of an ensemble
 * built with this token stops between members and throws a {@link
 * java.util.concurrent.CancellationException}, now and later.
 *
 * <pre>{@code
 * CancellationToken token = new CancellationToken();
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().cancellation(token).build();
 * Future<EnsembleModel> model = pool.submit(() -> ensemble.fit(x, y));
 * ...
 * token.cancel();   // the fit throws CancellationException soon after
 * }</pre>
 *
 * <p>Interrupting the thread that called {@code fit} has the same effect for that fit. Thread
 * safety: safe to share and to call from any thread. Allocation: none.
 */
public final class CancellationToken {

  private volatile boolean cancelled;

  /** A token that has not been cancelled. */
  public CancellationToken() {}

  /** Cancels every fit that uses this token; calling it again does nothing. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Whether {@link #cancel()} was called.
   *
   * @return true once cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return cancelled ? "CancellationToken[cancelled]" : "CancellationToken[active]";
  }
}
