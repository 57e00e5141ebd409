package io.github.secdns.axfr.internal;

/** A record does not fit in an otherwise empty transfer message; the transfer cannot be made. */
public final class RecordTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the record, its size and the room there was
   */
  public RecordTooLargeException(String message) {
    super(message);
  }
}
