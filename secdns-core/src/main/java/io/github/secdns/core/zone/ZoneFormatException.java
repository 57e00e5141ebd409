package io.github.secdns.core.zone;

/**
 * The octets given to {@link ZoneSnapshot#fromBytes} or {@link HistoryEntry#fromBytes} are not what
 * {@code toBytes} wrote: another kind of data, a format version this secdns does not know, a
 * truncated or altered copy (the CRC32C does not match), or records that break the zone's rules.
 * The message says which; nothing is decoded from such octets.
 */
public final class ZoneFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final boolean checksumMismatch;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the octets
   * @param checksumMismatch whether the CRC32C did not match (the octets were altered or cut)
   */
  public ZoneFormatException(String message, boolean checksumMismatch) {
    super(message);
    this.checksumMismatch = checksumMismatch;
  }

  /**
   * Creates the exception for octets whose checksum matched but whose content is refused.
   *
   * @param message what is wrong with the octets
   * @param cause the check that failed
   */
  public ZoneFormatException(String message, Throwable cause) {
    super(message, cause);
    this.checksumMismatch = false;
  }

  /**
   * Tells whether the CRC32C did not match: the octets were altered or truncated after they were
   * written (rather than being another kind of data, an unknown format version, or content that
   * breaks the zone's rules).
   *
   * @return true for a checksum mismatch
   */
  public boolean checksumMismatch() {
    return checksumMismatch;
  }
}
