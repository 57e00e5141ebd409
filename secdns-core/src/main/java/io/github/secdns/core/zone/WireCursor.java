package io.github.secdns.core.zone;

import javax.annotation.Nullable;
import org.xbill.DNS.Record;

/**
 * Reads a version's records other than the SOA one after another, in transfer order, each in its
 * uncompressed wire form, without making a list of them: what a renderer that copies every record
 * of a small zone into messages reads (issue 13: a small version holds its owner names without the
 * origin, and {@link ZoneSnapshot#packedRecords()} would unpack all of them into new arrays for
 * every transfer). Made by {@link ZoneSnapshot#wireCursor(int)}; positioned before its first
 * record: call {@link #next()} first.
 *
 * <p>Not thread-safe: one cursor per reader (the version itself is immutable and may be read by
 * many cursors at once).
 */
public final class WireCursor {

  private final byte[] data;
  // The records as a list when the version holds them so; null when packed relative to the origin.
  @Nullable private final PackedRecords records;
  private final int originLength;
  private final int count;
  private int index;
  // Packed relative to the origin: where the current record starts, how many octets of its owner
  // precede the mark (-1: the owner is written in full), where its owner's octets end, its type,
  // class, TTL (kept for the next record, which may have the same), RDLENGTH and where its RDATA
  // starts and ends.
  private int start;
  private int relative;
  private int ownerEnd;
  private int type;
  private int dclass;
  private int ttl;
  private int rdlength;
  private int rdata;
  private int end;
  private final int soaClass;

  /** Over a list: before record {@code from}. */
  WireCursor(PackedRecords records, int from) {
    this.data = records.data();
    this.records = records;
    this.originLength = 0;
    this.soaClass = 0;
    this.count = records.size();
    this.index = from - 1;
  }

  /**
   * Over records packed relative to the origin ({@link OriginRelativeRecords}): before record
   * {@code from}. The array starts with the SOA, whose class and TTL the records' default to.
   */
  WireCursor(byte[] packed, int firstRecord, int count, int originLength, int from) {
    this.data = packed;
    this.records = null;
    this.originLength = originLength;
    this.soaClass = WireRecord.u16(packed, originLength + 2);
    this.ttl = (int) WireRecord.u32(packed, originLength + 4);
    this.count = count;
    this.index = -1;
    this.end = firstRecord;
    while (index < from - 1) {
      next();
    }
  }

  /**
   * Moves to the next record.
   *
   * @return false when there is none (the cursor is then past the last record)
   */
  public boolean next() {
    if (index + 1 >= count) {
      index = count;
      return false;
    }
    index++;
    if (records == null) {
      start = end;
      int k = start;
      int label;
      while ((label = data[k] & 0xFF) != 0 && label != OriginRelativeRecords.ORIGIN) {
        k += label + 1;
      }
      relative = label == 0 ? -1 : k - start;
      ownerEnd = k + 1;
      int p = ownerEnd;
      int flags = data[p++] & 0xFF;
      int code = flags & OriginRelativeRecords.TYPE_CODE;
      if (code == 0) {
        type = WireRecord.u16(data, p);
        p += 2;
      } else {
        type = OriginRelativeRecords.COMMON_TYPES[code];
      }
      if ((flags & OriginRelativeRecords.CLASS_FOLLOWS) != 0) {
        dclass = WireRecord.u16(data, p);
        p += 2;
      } else {
        dclass = soaClass;
      }
      if ((flags & OriginRelativeRecords.TTL_FOLLOWS) != 0) {
        ttl = (int) WireRecord.u32(data, p);
        p += 4;
      }
      if ((flags & OriginRelativeRecords.LONG_RDATA) != 0) {
        rdlength = WireRecord.u16(data, p);
        p += 2;
      } else {
        rdlength = data[p++] & 0xFF;
      }
      rdata = p;
      end = p + rdlength;
    }
    return true;
  }

  private void checkOnRecord() {
    if (index < 0 || index >= count) {
      throw new IllegalStateException("the cursor is not on a record: call next() first");
    }
  }

  /**
   * Returns the current record's length in uncompressed wire form.
   *
   * @return the octets
   * @throws IllegalStateException when the cursor is not on a record
   */
  public int wireLength() {
    checkOnRecord();
    if (records != null) {
      return records.wireLength(index);
    }
    return ownerOctets() + WireRecord.FIXED + rdlength;
  }

  /**
   * The current packed record's owner in wire form: written in full, or its labels and the origin.
   */
  private int ownerOctets() {
    return relative < 0 ? ownerEnd - start : relative + originLength;
  }

  /**
   * Copies the current record's uncompressed wire form into {@code destination}.
   *
   * @param destination where to copy
   * @param offset the position in {@code destination}
   * @return the octets copied ({@link #wireLength()})
   * @throws IllegalStateException when the cursor is not on a record
   */
  public int copyWire(byte[] destination, int offset) {
    checkOnRecord();
    if (records != null) {
      return records.copyWire(index, destination, offset);
    }
    int w = offset;
    if (relative < 0) {
      System.arraycopy(data, start, destination, w, ownerEnd - start);
      w += ownerEnd - start;
    } else {
      // The owner's labels, then the origin (the SOA's owner, at the front of the array).
      System.arraycopy(data, start, destination, w, relative);
      System.arraycopy(data, 0, destination, w + relative, originLength);
      w += relative + originLength;
    }
    OriginRelativeRecords.putU16(destination, w, type);
    OriginRelativeRecords.putU16(destination, w + 2, dclass);
    OriginRelativeRecords.putU16(destination, w + 4, ttl >>> 16);
    OriginRelativeRecords.putU16(destination, w + 6, ttl);
    OriginRelativeRecords.putU16(destination, w + 8, rdlength);
    w += WireRecord.FIXED;
    System.arraycopy(data, rdata, destination, w, rdlength);
    return w + rdlength - offset;
  }

  /**
   * Decodes the current record (for messages about it; hot paths copy its octets).
   *
   * @return a new dnsjava record, letter case as stored
   * @throws IllegalStateException when the cursor is not on a record
   */
  public Record record() {
    checkOnRecord();
    if (records != null) {
      return records.get(index);
    }
    byte[] wire = new byte[wireLength()];
    copyWire(wire, 0);
    return PackedRecords.decode(wire, 0, wire.length);
  }

  /** Where the records end in the packed array once the cursor passed the last one. */
  int endOfPacked() {
    return end;
  }

  @Override
  public String toString() {
    return "WireCursor[record " + index + " of " + count + "]";
  }
}
