package io.github.secdns.jdbc.internal;

import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * The bytes a version and a journal entry are stored as. The one place that knows the format, so
 * that it can be replaced by secdns-core's public snapshot codec without touching anything else.
 *
 * <p>Interim format: a 4-octet magic ({@code SDV1} for a version, {@code SDJ1} for a journal
 * entry), the content, and a CRC32 of everything before it (4 octets, big-endian). A record is its
 * uncompressed DNS wire form (letter case kept, as {@link Record#toWire(int)} renders it for the
 * answer section) after its length as an unsigned LEB128 varint. A version is the record count and
 * the records, SOA first; an entry is the instant it was recorded (epoch seconds, 8 octets, and
 * nanoseconds, 4 octets), the old and the new SOA, the count and records deleted, the count and
 * records added.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoredForm {

  private static final byte[] VERSION_MAGIC = {'S', 'D', 'V', '1'};
  private static final byte[] ENTRY_MAGIC = {'S', 'D', 'J', '1'};
  private static final int CRC_LENGTH = 4;

  private StoredForm() {}

  /** Why stored bytes could not be turned back into a value. */
  public static final class CorruptException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean checksum;

    /**
     * Creates the exception.
     *
     * @param checksum true when the checksum did not match
     * @param message what is wrong
     * @param cause the decoding failure, or null
     */
    public CorruptException(
        boolean checksum, String message, @javax.annotation.Nullable Throwable cause) {
      super(message, cause);
      this.checksum = checksum;
    }

    /**
     * Tells whether the checksum did not match (rather than a structure that cannot be decoded).
     *
     * @return true for a checksum mismatch
     */
    public boolean checksumMismatch() {
      return checksum;
    }
  }

  /**
   * Encodes a version.
   *
   * @param snapshot the version
   * @return the stored form
   */
  public static byte[] encode(ZoneSnapshot snapshot) {
    Writer w = new Writer(VERSION_MAGIC, snapshot.size() * 40);
    w.varint(snapshot.size());
    w.record(snapshot.soa());
    for (Record r : snapshot.records()) {
      w.record(r);
    }
    return w.finish();
  }

  /**
   * Decodes a version.
   *
   * @param stored the stored form
   * @return the version
   * @throws CorruptException when the checksum does not match or the bytes cannot be decoded
   */
  public static ZoneSnapshot decodeVersion(byte[] stored) throws CorruptException {
    Reader r = new Reader(stored, VERSION_MAGIC);
    try {
      int count = r.count();
      if (count < 1) {
        throw new IllegalArgumentException("a version holds at least its SOA");
      }
      SOARecord soa = r.soa();
      List<Record> records = r.records(count - 1);
      r.end();
      return ZoneSnapshot.of(soa, records);
    } catch (IOException | RuntimeException e) {
      throw r.undecodable(e);
    }
  }

  /**
   * Encodes a journal entry.
   *
   * @param entry the entry
   * @return the stored form
   */
  public static byte[] encode(HistoryEntry entry) {
    ZoneDelta delta = entry.delta();
    Writer w = new Writer(ENTRY_MAGIC, (int) Math.min(Integer.MAX_VALUE / 2, delta.size() * 40));
    w.long64(entry.recordedAt().getEpochSecond());
    w.int32(entry.recordedAt().getNano());
    w.record(delta.oldSoa());
    w.record(delta.newSoa());
    w.varint(delta.deleted().size());
    for (Record r : delta.deleted()) {
      w.record(r);
    }
    w.varint(delta.added().size());
    for (Record r : delta.added()) {
      w.record(r);
    }
    return w.finish();
  }

  /**
   * Decodes a journal entry.
   *
   * @param stored the stored form
   * @return the entry
   * @throws CorruptException when the checksum does not match or the bytes cannot be decoded
   */
  public static HistoryEntry decodeEntry(byte[] stored) throws CorruptException {
    Reader r = new Reader(stored, ENTRY_MAGIC);
    try {
      Instant recordedAt = Instant.ofEpochSecond(r.long64(), r.int32());
      SOARecord oldSoa = r.soa();
      SOARecord newSoa = r.soa();
      List<Record> deleted = r.records(r.count());
      List<Record> added = r.records(r.count());
      r.end();
      return new HistoryEntry(ZoneDelta.of(oldSoa, newSoa, deleted, added), recordedAt);
    } catch (IOException | RuntimeException e) {
      throw r.undecodable(e);
    }
  }

  private static final class Writer {
    private final ByteArrayOutputStream out;

    Writer(byte[] magic, int sizeHint) {
      out = new ByteArrayOutputStream(Math.max(64, sizeHint));
      out.writeBytes(magic);
    }

    void varint(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    void long64(long value) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    void int32(int value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    void record(Record r) {
      // Section.ANSWER without a compression table: the full record, names in their own case.
      byte[] wire = r.toWire(Section.ANSWER);
      varint(wire.length);
      out.writeBytes(wire);
    }

    byte[] finish() {
      CRC32 crc = new CRC32();
      byte[] body = out.toByteArray();
      crc.update(body);
      return ByteBuffer.allocate(body.length + CRC_LENGTH)
          .put(body)
          .putInt((int) crc.getValue())
          .array();
    }
  }

  private static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] stored, byte[] magic) throws CorruptException {
      if (stored.length < magic.length + CRC_LENGTH) {
        throw new CorruptException(false, "too short (" + stored.length + " octets)", null);
      }
      int bodyLength = stored.length - CRC_LENGTH;
      CRC32 crc = new CRC32();
      crc.update(stored, 0, bodyLength);
      int expected = ByteBuffer.wrap(stored, bodyLength, CRC_LENGTH).getInt();
      if ((int) crc.getValue() != expected) {
        throw new CorruptException(true, "checksum mismatch", null);
      }
      for (int i = 0; i < magic.length; i++) {
        if (stored[i] != magic[i]) {
          throw new CorruptException(false, "unknown format (magic)", null);
        }
      }
      in = ByteBuffer.wrap(stored, magic.length, bodyLength - magic.length);
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.get() & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than 64 bits");
    }

    int count() {
      long n = varint();
      // Each record takes at least 12 octets, so a count beyond the remaining bytes is corrupt
      // (and must not size an allocation).
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("record count " + n + " exceeds the stored bytes");
      }
      return (int) n;
    }

    long long64() {
      return in.getLong();
    }

    int int32() {
      return in.getInt();
    }

    Record record() throws IOException {
      long length = varint();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalArgumentException("record length " + length + " exceeds the stored bytes");
      }
      byte[] wire = new byte[(int) length];
      in.get(wire);
      return Record.fromWire(wire, Section.ANSWER);
    }

    SOARecord soa() throws IOException {
      Record r = record();
      if (!(r instanceof SOARecord)) {
        throw new IllegalArgumentException("expected an SOA record, found " + r.getType());
      }
      return (SOARecord) r;
    }

    List<Record> records(int count) throws IOException {
      List<Record> records = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        records.add(record());
      }
      return records;
    }

    void end() {
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " octets after the content");
      }
    }

    CorruptException undecodable(Exception e) {
      String what = e instanceof BufferUnderflowException ? "truncated" : e.getMessage();
      return new CorruptException(false, "cannot decode: " + what, e);
    }
  }
}
