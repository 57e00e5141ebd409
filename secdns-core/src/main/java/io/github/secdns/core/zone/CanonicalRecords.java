package io.github.secdns.core.zone;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Records in canonical form (RFC 4034 section 6.2), back to back in one array, put into canonical
 * order (section 6.3) by sorting an index: what {@link ZoneDigest} hashes. Records of a {@link
 * PackedRecords} list are read from their octets; only the rare types whose RDATA holds names in
 * another layout than "a fixed prefix, then one name" are decoded by dnsjava. Not thread-safe (one
 * digest at a time).
 */
final class CanonicalRecords {

  /**
   * Types whose RDATA names are lower-cased in canonical form: RFC 4034 section 6.2, item 3, less
   * NSEC (RFC 6840 section 5.1). Any other type, including types defined later, keeps its case (RFC
   * 3597 section 7).
   */
  private static final Set<Integer> LOWER_CASE_RDATA =
      Set.of(
          Type.NS,
          Type.MD,
          Type.MF,
          Type.CNAME,
          Type.SOA,
          Type.MB,
          Type.MG,
          Type.MR,
          Type.PTR,
          Type.HINFO,
          Type.MINFO,
          Type.MX,
          Type.RP,
          Type.AFSDB,
          Type.RT,
          Type.SIG,
          Type.PX,
          Type.NXT,
          Type.NAPTR,
          Type.KX,
          Type.SRV,
          Type.DNAME,
          Type.A6,
          Type.RRSIG);

  private static final int MAX_LABELS = 128;

  private byte[] data;
  private int length;
  private int[] starts;
  private byte[] ownerLengths;
  private int count;
  // Scratch space of the owner comparison: where each label of the two names starts.
  private final int[] labelsA = new int[MAX_LABELS];
  private final int[] labelsB = new int[MAX_LABELS];

  CanonicalRecords(int records, int octets) {
    this.data = new byte[Math.max(64, octets)];
    this.starts = new int[records + 1];
    this.ownerLengths = new byte[records];
  }

  /**
   * Where a type's RDATA is a fixed prefix followed by exactly one name that canonical form
   * lower-cases, the prefix's length; -1 for every other type.
   */
  private static int namePrefix(int type) {
    return switch (type) {
      case Type.NS, Type.MD, Type.MF, Type.CNAME, Type.MB, Type.MG, Type.MR, Type.PTR, Type.DNAME ->
          0;
      case Type.MX, Type.AFSDB, Type.RT, Type.KX -> 2;
      case Type.SRV -> 6;
      default -> -1;
    };
  }

  /** Adds record {@code i} of a packed list, read from its octets where its type allows. */
  void add(PackedRecords records, int i) {
    int type = records.type(i);
    int prefix = namePrefix(type);
    if (prefix < 0 && LOWER_CASE_RDATA.contains(type)) {
      add(records.get(i)); // names in RDATA that only dnsjava knows how to find
      return;
    }
    int ownerLength = records.ownerLength(i);
    int at = reserve(records.wireLength(i), ownerLength);
    records.copyWire(i, data, at);
    lowerCase(at, ownerLength);
    if (prefix >= 0) {
      int rdata = at + ownerLength + WireRecord.FIXED;
      lowerCase(rdata + prefix, length - rdata - prefix);
    }
  }

  /** Adds a record through dnsjava's canonical form. */
  void add(Record r) {
    byte[] rdata;
    if (LOWER_CASE_RDATA.contains(r.getType())) {
      rdata = r.rdataToWireCanonical();
    } else {
      // Uncompressed wire form keeps the letter case; the RDATA follows the owner name and the
      // ten octets of type, class, TTL and length.
      byte[] plain = r.toWire(org.xbill.DNS.Section.ANSWER);
      rdata = Arrays.copyOfRange(plain, r.getName().length() + WireRecord.FIXED, plain.length);
    }
    byte[] owner = r.getName().toWireCanonical();
    DNSOutput out = new DNSOutput(owner.length + WireRecord.FIXED + rdata.length);
    out.writeByteArray(owner);
    out.writeU16(r.getType());
    out.writeU16(r.getDClass());
    out.writeU32(r.getTTL());
    out.writeU16(rdata.length);
    out.writeByteArray(rdata);
    byte[] wire = out.toByteArray();
    int at = reserve(wire.length, owner.length);
    System.arraycopy(wire, 0, data, at, wire.length);
  }

  /**
   * Feeds every distinct record to {@code hash} in canonical order. Canonical order compares owner
   * name, type and RDATA; two records that differ only in TTL break RFC 2181 section 5.2, and the
   * TTL is the last key so that the result never depends on the order the records were given in.
   */
  void hashInCanonicalOrder(MessageDigest hash) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    sort(order, new int[count], 0, count);
    for (int k = 0; k < count; k++) {
      int i = order[k];
      if (k == 0 || compare(order[k - 1], i) != 0) {
        hash.update(data, starts[i], starts[i + 1] - starts[i]);
      }
    }
  }

  private int reserve(int recordLength, int ownerLength) {
    if (length + recordLength > data.length) {
      data = Arrays.copyOf(data, Math.max(length + recordLength, data.length * 2));
    }
    if (count + 1 >= starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
      ownerLengths = Arrays.copyOf(ownerLengths, starts.length);
    }
    int at = length;
    ownerLengths[count] = (byte) ownerLength;
    starts[count] = at;
    length += recordLength;
    count++;
    starts[count] = length;
    return at;
  }

  /** Lower-cases ASCII letters; safe over names, whose length octets are below 64. */
  private void lowerCase(int from, int octets) {
    for (int k = from; k < from + octets; k++) {
      data[k] = (byte) WireRecord.lower(data[k]);
    }
  }

  /** A merge sort of the index (records compared in place, no object per record). */
  private void sort(int[] order, int[] scratch, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int middle = (from + to) >>> 1;
    sort(order, scratch, from, middle);
    sort(order, scratch, middle, to);
    if (compare(order[middle - 1], order[middle]) <= 0) {
      return; // already in order, as a zone written in canonical order often is
    }
    System.arraycopy(order, from, scratch, from, to - from);
    int a = from;
    int b = middle;
    for (int k = from; k < to; k++) {
      if (b >= to || (a < middle && compare(scratch[a], scratch[b]) <= 0)) {
        order[k] = scratch[a++];
      } else {
        order[k] = scratch[b++];
      }
    }
  }

  /** Canonical order: owner name, type, RDATA (unsigned octets), then TTL. */
  private int compare(int i, int j) {
    int c = compareOwners(i, j);
    if (c != 0) {
      return c;
    }
    int typeI = starts[i] + (ownerLengths[i] & 0xFF);
    int typeJ = starts[j] + (ownerLengths[j] & 0xFF);
    c = Integer.compare(WireRecord.u16(data, typeI), WireRecord.u16(data, typeJ));
    if (c != 0) {
      return c;
    }
    c =
        Arrays.compareUnsigned(
            data,
            typeI + WireRecord.FIXED,
            starts[i + 1],
            data,
            typeJ + WireRecord.FIXED,
            starts[j + 1]);
    if (c != 0) {
      return c;
    }
    return Long.compare(WireRecord.u32(data, typeI + 4), WireRecord.u32(data, typeJ + 4));
  }

  /**
   * Canonical name order (RFC 4034 section 6.1) of two lower-cased owner names: label by label from
   * the root, each label as an unsigned octet string in which an absent octet sorts first.
   */
  private int compareOwners(int i, int j) {
    int a = labels(starts[i], labelsA);
    int b = labels(starts[j], labelsB);
    for (int k = 1; k <= Math.min(a, b); k++) {
      int x = labelsA[a - k];
      int y = labelsB[b - k];
      int c = Arrays.compareUnsigned(data, x + 1, x + 1 + data[x], data, y + 1, y + 1 + data[y]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a, b);
  }

  /** Writes where each label of the name at {@code offset} starts (the root not counted). */
  private int labels(int offset, int[] into) {
    int n = 0;
    for (int k = offset; data[k] != 0; k += data[k] + 1) {
      into[n++] = k;
    }
    return n;
  }
}
