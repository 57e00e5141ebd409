package io.github.secdns.core.zone;

import java.util.Arrays;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The form a small zone version keeps its records in while nobody reads them (issue 13: a host's
 * 100,000 zones of 20 records): one array holding the SOA, a four-octet header, then the records
 * back to back with every owner name that ends in the zone's origin written without it.
 *
 * <p>Why: in a small zone the origin is most of every owner name ({@code www.z1234.example.} is 19
 * octets, 15 of them the origin), so the records' wire form repeats the origin twenty times, and
 * the index of {@link PackedRecords} (two octets a record and an array) and its object cost another
 * 90 octets a zone. Written relative to the origin and without an index, a version of such a zone
 * costs less than its wire size. Readers get the records back as ordinary {@link PackedRecords}
 * ({@link #unpack}): one pass over a kilobyte, done where a zone is rendered, diffed or written
 * out, never per query (SOA answers read the SOA, which stays in front, and a transfer of a
 * rendered zone reads the rendered messages).
 *
 * <p>Layout, after the SOA's {@code soaLength} octets (whose owner is the origin, in the letter
 * case the SOA has): the number of records (two octets), their wire size once unpacked (two
 * octets), then each record: its owner's labels up to either the root label (an owner written in
 * full) or {@link #ORIGIN} (the owner is those labels followed by the SOA's owner, octet for
 * octet), then the type, class, TTL, RDLENGTH and RDATA as in wire form. An owner is written
 * relative only when its last labels are the SOA's owner octet for octet: letter case is kept
 * exactly, whatever it is.
 *
 * <p>Only versions of fewer than {@link Derivation#MIN_COPIED} records whose wire size fits a
 * {@code char} index are packed this way ({@link PackedRecords#CHAR_INDEX_LIMIT}): a larger zone is
 * read far more per octet than it is held, keeps its index, and its next version is diffed through
 * the ranges copied from its array. Stateless.
 */
final class OriginRelativeRecords {

  /** The count and the unpacked wire size, two octets each. */
  static final int HEADER = 4;

  /**
   * Ends an owner written without the origin: never a label's length (labels are at most 63 octets)
   * nor a compression pointer in anything {@link WireRecord#check} accepted.
   */
  static final int ORIGIN = 0xFF;

  private OriginRelativeRecords() {}

  /**
   * Packs the records behind the SOA, or returns null when they are not packed so (none, too many,
   * or more octets than a {@code char} index covers).
   *
   * @param soa holds the SOA in wire form from offset 0 (it may hold more after it)
   * @param soaLength the SOA's octets
   * @param originLength the octets of the SOA's owner, its first octets
   * @param records the version's records
   */
  @Nullable
  static byte[] pack(byte[] soa, int soaLength, int originLength, PackedRecords records) {
    int count = records.size();
    int octets = records.wireSize();
    // A version derived from one of Derivation.MIN_COPIED records or more is diffed by the ranges
    // copied from that one's array, which must be the array it holds (Derivation#isFrom).
    if (count == 0 || count >= Derivation.MIN_COPIED || octets > PackedRecords.CHAR_INDEX_LIMIT) {
      return null;
    }
    byte[] data = records.data();
    // First the size, so that the array is made once and exactly.
    int packedOctets = 0;
    for (int i = 0; i < count; i++) {
      // Written relative, the owner loses the origin's octets and gains the mark.
      boolean relative = relativeLength(data, records.start(i), soa, originLength) >= 0;
      packedOctets += records.wireLength(i) - (relative ? originLength - 1 : 0);
    }
    byte[] packed = new byte[soaLength + HEADER + packedOctets];
    System.arraycopy(soa, 0, packed, 0, soaLength);
    putU16(packed, soaLength, count);
    putU16(packed, soaLength + 2, octets);
    int w = soaLength + HEADER;
    for (int i = 0; i < count; i++) {
      int start = records.start(i);
      int length = records.wireLength(i);
      int relative = relativeLength(data, start, soa, originLength);
      if (relative < 0) {
        System.arraycopy(data, start, packed, w, length);
        w += length;
      } else {
        System.arraycopy(data, start, packed, w, relative);
        w += relative;
        packed[w++] = (byte) ORIGIN;
        int rest = length - (relative + originLength);
        System.arraycopy(data, start + relative + originLength, packed, w, rest);
        w += rest;
      }
    }
    return packed;
  }

  /**
   * The octets of the owner at {@code start} before its last labels, when those are the SOA's owner
   * octet for octet; -1 when they are not.
   */
  private static int relativeLength(byte[] data, int start, byte[] soa, int originLength) {
    int length = WireRecord.nameLength(data, start);
    int k = WireRecord.lastLabels(data, start, length, originLength);
    return k >= 0 && Arrays.equals(data, k, start + length, soa, 0, originLength) ? k - start : -1;
  }

  /** The number of records in a packed array. */
  static int count(byte[] packed, int soaLength) {
    return WireRecord.u16(packed, soaLength);
  }

  /** The wire size of the records once unpacked. */
  static int wireSize(byte[] packed, int soaLength) {
    return WireRecord.u16(packed, soaLength + 2);
  }

  /**
   * The records of a packed array as a new list in ordinary wire form, marked as checked for the
   * zone (they were when they were packed).
   *
   * @param packed an array {@link #pack} made
   * @param soaLength the SOA's octets
   * @param originLength the octets of the SOA's owner
   * @param origin the zone's origin
   * @param dclass the zone's class
   */
  static PackedRecords unpack(
      byte[] packed, int soaLength, int originLength, Name origin, int dclass) {
    int count = count(packed, soaLength);
    byte[] data = new byte[wireSize(packed, soaLength)];
    char[] index = new char[count + 1];
    WireCursor records = cursor(packed, soaLength, originLength, 0);
    int w = 0;
    for (int i = 0; records.next(); i++) {
      index[i] = (char) w;
      w += records.copyWire(data, w);
    }
    index[count] = (char) w;
    if (records.endOfPacked() != packed.length || w != data.length) {
      // pack made the array to its exact size: anything else is a bug, not a zone's fault.
      throw new IllegalStateException(
          "packed records end at "
              + records.endOfPacked()
              + " of "
              + packed.length
              + ", unpacked at "
              + w
              + " of "
              + data.length);
    }
    return PackedRecords.checked(data, index, count, origin, dclass);
  }

  /**
   * A cursor over a packed array's records, before record {@code from}.
   *
   * @param packed an array {@link #pack} made
   * @param soaLength the SOA's octets
   * @param originLength the octets of the SOA's owner
   * @param from the first record the cursor's {@link WireCursor#next()} moves to
   */
  static WireCursor cursor(byte[] packed, int soaLength, int originLength, int from) {
    return new WireCursor(packed, soaLength + HEADER, count(packed, soaLength), originLength, from);
  }

  private static void putU16(byte[] data, int offset, int value) {
    data[offset] = (byte) (value >>> 8);
    data[offset + 1] = (byte) value;
  }
}
