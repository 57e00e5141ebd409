package io.github.secdns.core.zone;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * The stable binary forms of a {@link ZoneSnapshot} and a {@link HistoryEntry} (layouts in their
 * {@code toBytes} documentation). Reading checks, in this order: the length, the magic, the format
 * version, the CRC32C over everything before it, then the structure and the zone's rules for every
 * record; any failure is a {@link ZoneFormatException} and nothing is returned.
 */
final class ZoneCodec {

  static final int FORMAT_VERSION = 1;
  private static final int SNAPSHOT_MAGIC = 0x53445A53; // "SDZS"
  private static final int ENTRY_MAGIC = 0x53444845; // "SDHE"
  private static final int CHECKSUM = 4;

  private ZoneCodec() {}

  static byte[] writeSnapshot(ZoneSnapshot snapshot) {
    ByteBuffer soa = snapshot.soaWire();
    PackedRecords records = snapshot.packedRecords();
    ByteBuffer out =
        ByteBuffer.allocate(
            Math.toIntExact(4 + 2 + 2 + soa.remaining() + 8L + records.wireSize() + CHECKSUM));
    out.putInt(SNAPSHOT_MAGIC).putShort((short) FORMAT_VERSION);
    out.putShort((short) soa.remaining()).put(soa);
    putRecords(out, records);
    return withChecksum(out);
  }

  static ZoneSnapshot readSnapshot(byte[] bytes) {
    ByteBuffer in = checked(bytes, SNAPSHOT_MAGIC, "a zone snapshot");
    try {
      SOARecord soa = getSoa(in);
      ZoneSnapshot.Builder b = ZoneSnapshot.builder(soa);
      // Sized once from the header (a record takes at least 11 octets, so a false count cannot
      // make it bigger than the octets allow); getRecords checks the header itself.
      int expected = 16;
      if (in.remaining() >= 8) {
        int declared = in.getInt(in.position());
        int octets = in.getInt(in.position() + 4);
        if (declared > 0 && octets > 0 && octets <= in.remaining()) {
          expected = Math.min(declared, octets / 11);
          b.expect(expected, octets);
        }
      }
      // Every record is known up front: compared with each other once all are in.
      boolean bulk = b.beginBulk(expected);
      int count =
          getRecords(in, "records", (data, offset, length) -> b.addWire(data, offset, length));
      if (bulk) {
        b.endBulk();
      }
      end(in);
      if (b.size() != count) {
        throw new ZoneFormatException(
            "corrupt zone snapshot: it holds duplicate records ("
                + count
                + " written, "
                + b.size()
                + " distinct)",
            false);
      }
      return b.build();
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw corrupt("zone snapshot", e);
    }
  }

  static byte[] writeEntry(HistoryEntry entry) {
    ZoneDelta delta = entry.delta();
    byte[] oldSoa = delta.oldSoa().toWire(Section.ANSWER);
    byte[] newSoa = delta.newSoa().toWire(Section.ANSWER);
    PackedRecords deleted = delta.packedDeleted();
    PackedRecords added = delta.packedAdded();
    ByteBuffer out =
        ByteBuffer.allocate(
            Math.toIntExact(
                4
                    + 2
                    + 12
                    + 2L
                    + oldSoa.length
                    + 2
                    + newSoa.length
                    + 8
                    + deleted.wireSize()
                    + 8
                    + added.wireSize()
                    + CHECKSUM));
    out.putInt(ENTRY_MAGIC).putShort((short) FORMAT_VERSION);
    Instant recordedAt = entry.recordedAt();
    out.putLong(recordedAt.getEpochSecond()).putInt(recordedAt.getNano());
    putSoa(out, oldSoa);
    putSoa(out, newSoa);
    putRecords(out, deleted);
    putRecords(out, added);
    return withChecksum(out);
  }

  static HistoryEntry readEntry(byte[] bytes) {
    ByteBuffer in = checked(bytes, ENTRY_MAGIC, "an IXFR history entry");
    try {
      long seconds = in.getLong();
      int nanos = in.getInt();
      if (nanos < 0 || nanos > 999_999_999) {
        throw new IllegalArgumentException("the nanoseconds of the time are out of range");
      }
      Instant recordedAt = Instant.ofEpochSecond(seconds, nanos);
      SOARecord oldSoa = getSoa(in);
      SOARecord newSoa = getSoa(in);
      PackedRecords.Builder deleted = PackedRecords.builder();
      getRecords(in, "deleted records", deleted::addWire);
      PackedRecords.Builder added = PackedRecords.builder();
      getRecords(in, "added records", added::addWire);
      end(in);
      return new HistoryEntry(
          ZoneDelta.of(oldSoa, newSoa, deleted.build(), added.build()), recordedAt);
    } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
      throw corrupt("IXFR history entry", e);
    }
  }

  private static ZoneFormatException corrupt(String what, RuntimeException e) {
    if (e instanceof ZoneFormatException zoneFormatException) {
      return zoneFormatException;
    }
    String reason =
        e instanceof BufferUnderflowException ? "a length runs past the end" : e.getMessage();
    return new ZoneFormatException("corrupt " + what + ": " + reason, e);
  }

  private static void putSoa(ByteBuffer out, byte[] soa) {
    out.putShort((short) soa.length).put(soa);
  }

  private static void putRecords(ByteBuffer out, PackedRecords records) {
    out.putInt(records.size()).putInt(records.wireSize());
    ByteBuffer all = records.size() == 0 ? ByteBuffer.allocate(0) : records.wire(0, records.size());
    out.put(all);
  }

  // Both callers pass a buffer from ByteBuffer.allocate: its array starts at offset 0.
  @SuppressWarnings("ByteBufferBackingArray")
  private static byte[] withChecksum(ByteBuffer out) {
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /** Checks length, magic, version and checksum; returns a buffer after the version. */
  private static ByteBuffer checked(byte[] bytes, int magic, String what) {
    if (bytes.length < 4 + 2 + CHECKSUM) {
      throw new ZoneFormatException(
          "not " + what + " in secdns's binary form: only " + bytes.length + " octets", false);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt() != magic) {
      throw new ZoneFormatException(
          "not " + what + " in secdns's binary form (wrong magic)", false);
    }
    int version = in.getShort() & 0xFFFF;
    if (version != FORMAT_VERSION) {
      throw new ZoneFormatException(
          "format version "
              + version
              + " of "
              + what
              + " is unknown to this secdns, which reads version "
              + FORMAT_VERSION,
          false);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - CHECKSUM);
    int stored = ByteBuffer.wrap(bytes, bytes.length - CHECKSUM, CHECKSUM).getInt();
    if ((int) crc.getValue() != stored) {
      throw new ZoneFormatException(
          "corrupt copy of "
              + what
              + ": the CRC32C does not match (the octets were altered or truncated)",
          true);
    }
    in.limit(bytes.length - CHECKSUM);
    return in;
  }

  private static SOARecord getSoa(ByteBuffer in) {
    int length = in.getShort() & 0xFFFF;
    byte[] wire = new byte[length];
    in.get(wire);
    Record r;
    try {
      r = Record.fromWire(wire, Section.ANSWER);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the SOA does not decode: " + e.getMessage(), e);
    }
    if (!(r instanceof SOARecord soaRecord)) {
      throw new IllegalArgumentException("a record in the place of the SOA is not an SOA: " + r);
    }
    return soaRecord;
  }

  /** Something that takes one record in wire form. */
  private interface WireSink {
    void add(byte[] data, int offset, int length);
  }

  private static int getRecords(ByteBuffer in, String what, WireSink sink) {
    int count = in.getInt();
    int octets = in.getInt();
    if (count < 0 || octets < 0 || octets > in.remaining()) {
      throw new IllegalArgumentException("the " + what + " run past the end");
    }
    byte[] data = in.array();
    int offset = in.arrayOffset() + in.position();
    int end = offset + octets;
    for (int i = 0; i < count; i++) {
      if (end - offset < 11) {
        throw new IllegalArgumentException(
            "the " + what + " end after " + i + " of " + count + " records");
      }
      int nameEnd = WireRecord.nameEnd(data, offset, end);
      if (nameEnd < 0 || nameEnd + WireRecord.FIXED > end) {
        throw new IllegalArgumentException(
            "record " + i + " of the " + what + " has a malformed owner name or is cut short");
      }
      int length = nameEnd - offset + WireRecord.FIXED + WireRecord.u16(data, nameEnd + 8);
      if (offset + length > end) {
        throw new IllegalArgumentException("record " + i + " of the " + what + " is cut short");
      }
      sink.add(data, offset, length);
      offset += length;
    }
    if (offset != end) {
      throw new IllegalArgumentException(
          "the " + what + " have " + (end - offset) + " octets beyond their " + count + " records");
    }
    in.position(end - in.arrayOffset());
    return count;
  }

  private static void end(ByteBuffer in) {
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " octets follow the last field");
    }
  }
}
