package io.github.secdns.core.zone;

import java.util.Arrays;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

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
 * octet), then one octet of {@linkplain #TYPE_CODE flags} saying which of the ten octets of type,
 * class, TTL and RDLENGTH follow and in how many octets, those that do, and the RDATA as in wire
 * form. A record's type is a number of {@link #COMMON_TYPES} when it is one of them, its class is
 * the SOA's (which a zone's checks require), its TTL that of the record before it (the first: the
 * SOA's), its RDLENGTH one octet when below 256: most records of a host's zone then take two octets
 * where the wire form takes ten (at 20 records a zone, about 160 octets of about 650). An owner is
 * written relative only when its last labels are the SOA's owner octet for octet: letter case is
 * kept exactly, whatever it is.
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

  /**
   * In the octet after a record's owner: the type's place in {@link #COMMON_TYPES}, or 0 when the
   * type follows in two octets.
   */
  static final int TYPE_CODE = 0x1F;

  /** The TTL follows in four octets; without it, the record has the TTL of the record before it. */
  static final int TTL_FOLLOWS = 0x20;

  /** RDLENGTH follows in two octets; without it, in one. */
  static final int LONG_RDATA = 0x40;

  /** The class follows in two octets; without it, the record has the SOA's. */
  static final int CLASS_FOLLOWS = 0x80;

  /**
   * The types written as their place in this table (1 to 31) instead of two octets: those a host's
   * zones are made of. Never reordered while a version is held (the arrays live only in memory:
   * what is stored or sent is unpacked wire form).
   */
  static final int[] COMMON_TYPES = {
    0,
    Type.A,
    Type.NS,
    Type.CNAME,
    Type.PTR,
    Type.MX,
    Type.TXT,
    Type.AAAA,
    Type.SRV,
    Type.CAA,
    Type.HTTPS,
    Type.SVCB,
    Type.DS,
    Type.DNSKEY,
    Type.RRSIG,
    Type.NSEC,
    Type.NSEC3,
    Type.NSEC3PARAM,
    Type.TLSA,
    Type.SSHFP,
    Type.NAPTR,
    Type.DNAME,
    Type.SPF,
    Type.HINFO,
    Type.LOC,
    Type.URI,
    Type.CDS,
    Type.CDNSKEY,
    Type.OPENPGPKEY,
    Type.CERT,
    Type.ZONEMD
  };

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
    int soaClass = WireRecord.u16(soa, originLength + 2);
    // First the size, so that the array is made once and exactly.
    int packedOctets = 0;
    int ttl = (int) WireRecord.u32(soa, originLength + 4);
    for (int i = 0; i < count; i++) {
      int start = records.start(i);
      int ownerLength = WireRecord.nameLength(data, start);
      // Written relative, the owner loses the origin's octets and gains the mark.
      boolean relative = relativeLength(data, start, soa, originLength) >= 0;
      int fixed = start + ownerLength;
      packedOctets +=
          ownerLength
              - (relative ? originLength - 1 : 0)
              + packFixed(data, fixed, null, 0, soaClass, ttl)
              + WireRecord.u16(data, fixed + WireRecord.FIXED - 2);
      ttl = (int) WireRecord.u32(data, fixed + 4);
    }
    byte[] packed = new byte[soaLength + HEADER + packedOctets];
    System.arraycopy(soa, 0, packed, 0, soaLength);
    putU16(packed, soaLength, count);
    putU16(packed, soaLength + 2, octets);
    int w = soaLength + HEADER;
    ttl = (int) WireRecord.u32(soa, originLength + 4);
    for (int i = 0; i < count; i++) {
      int start = records.start(i);
      int ownerLength = WireRecord.nameLength(data, start);
      int relative = relativeLength(data, start, soa, originLength);
      if (relative < 0) {
        System.arraycopy(data, start, packed, w, ownerLength);
        w += ownerLength;
      } else {
        System.arraycopy(data, start, packed, w, relative);
        w += relative;
        packed[w++] = (byte) ORIGIN;
      }
      int fixed = start + ownerLength;
      w += packFixed(data, fixed, packed, w, soaClass, ttl);
      int rdlength = WireRecord.u16(data, fixed + WireRecord.FIXED - 2);
      System.arraycopy(data, fixed + WireRecord.FIXED, packed, w, rdlength);
      w += rdlength;
      ttl = (int) WireRecord.u32(data, fixed + 4);
    }
    return packed;
  }

  /**
   * Packs the type, class, TTL and RDLENGTH of the record whose wire form has them at {@code fixed}
   * (the flags octet, then what the flags say follows), or only counts the octets when {@code
   * packed} is null.
   *
   * @param soaClass the SOA's class
   * @param previousTtl the TTL of the record before (the SOA's before the first)
   * @return the octets written (or that would be)
   */
  private static int packFixed(
      byte[] data, int fixed, @Nullable byte[] packed, int w, int soaClass, int previousTtl) {
    int type = WireRecord.u16(data, fixed);
    int dclass = WireRecord.u16(data, fixed + 2);
    int ttl = (int) WireRecord.u32(data, fixed + 4);
    int rdlength = WireRecord.u16(data, fixed + 8);
    int code = typeCode(type);
    int flags =
        code
            | (dclass != soaClass ? CLASS_FOLLOWS : 0)
            | (ttl != previousTtl ? TTL_FOLLOWS : 0)
            | (rdlength > 0xFF ? LONG_RDATA : 0);
    int octets =
        1
            + (code == 0 ? 2 : 0)
            + ((flags & CLASS_FOLLOWS) != 0 ? 2 : 0)
            + ((flags & TTL_FOLLOWS) != 0 ? 4 : 0)
            + ((flags & LONG_RDATA) != 0 ? 2 : 1);
    if (packed == null) {
      return octets;
    }
    int at = w;
    packed[at++] = (byte) flags;
    if (code == 0) {
      putU16(packed, at, type);
      at += 2;
    }
    if ((flags & CLASS_FOLLOWS) != 0) {
      putU16(packed, at, dclass);
      at += 2;
    }
    if ((flags & TTL_FOLLOWS) != 0) {
      System.arraycopy(data, fixed + 4, packed, at, 4);
      at += 4;
    }
    if ((flags & LONG_RDATA) != 0) {
      putU16(packed, at, rdlength);
      at += 2;
    } else {
      packed[at++] = (byte) rdlength;
    }
    return octets;
  }

  /** The type's place in {@link #COMMON_TYPES}, or 0 when it is not there. */
  private static int typeCode(int type) {
    for (int code = 1; code < COMMON_TYPES.length; code++) {
      if (COMMON_TYPES[code] == type) {
        return code;
      }
    }
    return 0;
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

  static void putU16(byte[] data, int offset, int value) {
    data[offset] = (byte) (value >>> 8);
    data[offset + 1] = (byte) value;
  }
}
