package io.github.secdns.core.zone;

/**
 * The octets given to {@link ZoneSnapshot#fromBytes} or {@link HistoryEntry#fromBytes} are not what
 * {@code toBytes} wrote: another kind of data, a format version this secdns does not know, a
 * truncated or altered copy (the CRC32C does not match), or records that break the zone's rules.
 * The message says which; nothing is decoded from such octets.
 */
public final class ZoneFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the octets
   */
  public ZoneFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong with the octets
   * @param cause the check that failed
   */
  public ZoneFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
