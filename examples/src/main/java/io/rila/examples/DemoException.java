package io.rila.examples;

/** A problem the demo reports as one line and a non-zero exit status. */
final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoException(String message) {
    super(message);
  }
}
