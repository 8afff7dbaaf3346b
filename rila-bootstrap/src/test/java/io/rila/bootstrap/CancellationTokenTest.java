package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CancellationTokenTest {

  @Test
  void cancel_isOneWay() {
    CancellationToken token = new CancellationToken();
    assertThat(token.isCancelled()).isFalse();
    assertThat(token.toString()).contains("active");
    token.cancel();
    token.cancel();
    assertThat(token.isCancelled()).isTrue();
    assertThat(token.toString()).contains("cancelled");
  }
}
