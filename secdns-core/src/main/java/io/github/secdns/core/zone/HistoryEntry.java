package io.github.secdns.core.zone;

import java.time.Instant;
import java.util.Objects;

/**
 * One delta of a zone's history and the moment it was recorded, which is when its old version
 * stopped being the current one. The age decides when the entry expires (SOA EXPIRE).
 *
 * @param delta the difference between two successive versions
 * @param recordedAt when the newer version was published
 */
public record HistoryEntry(ZoneDelta delta, Instant recordedAt) {

  /** Checks for nulls. */
  public HistoryEntry {
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }

  /**
   * Reads an entry back from {@link #toBytes()}.
   *
   * @param bytes the binary form
   * @return the entry, equal to the one written
   * @throws ZoneFormatException when the octets are not an entry of a known format version, are
   *     truncated, or fail the checksum; never a silently different entry
   */
  public static HistoryEntry fromBytes(byte[] bytes) {
    return ZoneCodec.readEntry(bytes);
  }

  /**
   * Returns the stable binary form of this entry, for a journal (format version 1; every integer
   * big-endian; SOAs and records in uncompressed wire form, RFC 1035 section 4.1.3):
   *
   * <pre>
   * octets  field
   * 4       magic "SDHE" (0x53 0x44 0x48 0x45)
   * 2       format version, 1
   * 8       recordedAt, seconds since 1970-01-01T00:00:00Z (signed)
   * 4       recordedAt, nanoseconds within the second (0 to 999,999,999)
   * 2       S1, the length of the old SOA, then S1 octets: the old SOA
   * 2       S2, the length of the new SOA, then S2 octets: the new SOA
   * 4       D, the number of deleted records; 4: their octets; then the records back to back
   * 4       A, the number of added records; 4: their octets; then the records back to back
   * 4       CRC32C (java.util.zip.CRC32C) of every octet before it
   * </pre>
   *
   * <p>{@link #fromBytes} of this and every later secdns version reads it back.
   *
   * @return a new array
   */
  public byte[] toBytes() {
    return ZoneCodec.writeEntry(this);
  }
}
