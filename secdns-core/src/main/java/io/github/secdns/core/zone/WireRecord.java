package io.github.secdns.core.zone;

/**
 * Reading, comparing and hashing records in their uncompressed wire form (RFC 1035 section 4.1.3:
 * owner name, type, class, TTL, RDLENGTH, RDATA) inside a byte array, without building dnsjava
 * objects. Pure static functions.
 */
final class WireRecord {

  /** Type, class, TTL and RDLENGTH: the fixed part after the owner name. */
  static final int FIXED = 10;

  private static final int MAX_NAME = 255;
  private static final int MAX_LABEL = 63;

  private WireRecord() {}

  /**
   * Checks that {@code length} octets at {@code offset} are exactly one well-formed record (an
   * uncompressed absolute owner name, the fixed part and RDLENGTH octets of RDATA).
   *
   * @return the length of the owner name
   * @throws IllegalArgumentException naming what is wrong
   */
  static int check(byte[] data, int offset, int length) {
    if (length < 1 + FIXED) {
      throw new IllegalArgumentException(
          "a record in wire form has at least 11 octets, not " + length);
    }
    int end = offset + length;
    int k = offset;
    while (true) {
      if (k >= end) {
        throw new IllegalArgumentException("the owner name runs past the end of the record");
      }
      int label = data[k] & 0xFF;
      if (label == 0) {
        k++;
        break;
      }
      if (label > MAX_LABEL) {
        throw new IllegalArgumentException(
            "the owner name holds a compression pointer or a label over 63 octets");
      }
      k += label + 1;
    }
    int ownerLength = k - offset;
    if (ownerLength > MAX_NAME) {
      throw new IllegalArgumentException("the owner name is longer than 255 octets");
    }
    if (end - k < FIXED) {
      throw new IllegalArgumentException("the record ends inside its type, class, TTL or length");
    }
    int rdLength = u16(data, k + 8);
    if (k + FIXED + rdLength != end) {
      throw new IllegalArgumentException(
          "RDLENGTH says "
              + rdLength
              + " octets but "
              + (end - k - FIXED)
              + " follow the fixed part of the record");
    }
    return ownerLength;
  }

  /** The length of the (uncompressed) name starting at {@code offset}. */
  static int nameLength(byte[] data, int offset) {
    int k = offset;
    int label;
    while ((label = data[k] & 0xFF) != 0) {
      k += label + 1;
    }
    return k + 1 - offset;
  }

  static int u16(byte[] data, int offset) {
    return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
  }

  static long u32(byte[] data, int offset) {
    return ((long) (data[offset] & 0xFF) << 24)
        | ((data[offset + 1] & 0xFF) << 16)
        | ((data[offset + 2] & 0xFF) << 8)
        | (data[offset + 3] & 0xFF);
  }

  static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  /**
   * Whether the name at {@code offset} (length {@code nameLength}) is {@code zone} or below it,
   * ignoring ASCII letter case. {@code zone} is an uncompressed absolute name in wire form.
   */
  static boolean isAtOrBelow(byte[] data, int offset, int nameLength, byte[] zone) {
    int k = lastLabels(data, offset, nameLength, zone.length);
    return k >= 0 && equalsIgnoreCase(data, k, zone, 0, zone.length);
  }

  /**
   * Where the last labels of the name at {@code offset} (length {@code nameLength}) that take
   * exactly {@code suffixLength} octets begin, or -1 when no label boundary is that far from the
   * end (a name ends in another name only at a boundary).
   */
  static int lastLabels(byte[] data, int offset, int nameLength, int suffixLength) {
    int k = offset;
    int end = offset + nameLength;
    while (end - k > suffixLength) {
      k += (data[k] & 0xFF) + 1;
    }
    return end - k == suffixLength ? k : -1;
  }

  static boolean equalsIgnoreCase(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    for (int i = 0; i < length; i++) {
      byte x = a[aOffset + i];
      byte y = b[bOffset + i];
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }

  /** A hash of every octet: equal records (exactly, case and TTL included) hash alike. */
  static int exactHash(byte[] data, int offset, int length) {
    int h = 1;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      h = 31 * h + data[i];
    }
    return mix(h);
  }

  /**
   * A hash that ignores the TTL and the letter case of every octet: records that dnsjava's {@code
   * Record.equals} finds equal (names compared case-insensitively, TTL ignored) hash alike, because
   * folding every letter folds at least the octets that canonical form folds.
   */
  static int foldedHash(byte[] data, int offset, int length, int ownerLength) {
    int h = 1;
    int end = offset + length;
    int ttlStart = offset + ownerLength + 4;
    for (int i = offset; i < end; i++) {
      if (i == ttlStart) {
        i += 3;
        continue;
      }
      h = 31 * h + lower(data[i]);
    }
    return mix(h);
  }

  /**
   * Whether two records are equal apart from their TTL when every letter is folded to lower case: a
   * necessary condition for dnsjava's {@code Record.equals}.
   */
  static boolean foldedEquals(
      byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, int ownerLength) {
    if (aLength != bLength) {
      return false;
    }
    int ttl = ownerLength + 4;
    return equalsIgnoreCase(a, aOffset, b, bOffset, ttl)
        && equalsIgnoreCase(a, aOffset + ttl + 4, b, bOffset + ttl + 4, aLength - ttl - 4);
  }

  /** Whether two records are equal apart from their TTL, octet for octet. */
  static boolean equalsIgnoringTtl(
      byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength, int ownerLength) {
    if (aLength != bLength) {
      return false;
    }
    int ttl = ownerLength + 4;
    return java.util.Arrays.equals(a, aOffset, aOffset + ttl, b, bOffset, bOffset + ttl)
        && java.util.Arrays.equals(
            a, aOffset + ttl + 4, aOffset + aLength, b, bOffset + ttl + 4, bOffset + bLength);
  }

  private static int mix(int h) {
    // Spread the low bits, which index the open-addressing tables.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /**
   * Checks that a record's RDATA is well formed for its type: exactly, without decoding, for the
   * common types (A, AAAA, NS, CNAME, PTR, DNAME, MX, SRV, TXT, CAA, SOA); by decoding it with
   * dnsjava for the others. Names in RDATA must be uncompressed.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void checkRdata(byte[] data, int offset, int length, int ownerLength) {
    int typeAt = offset + ownerLength;
    int type = u16(data, typeAt);
    int rd = typeAt + FIXED;
    int end = offset + length;
    int rdLength = end - rd;
    boolean ok;
    switch (type) {
      case 1 ->
          // A
          ok = rdLength == 4;
      case 28 ->
          // AAAA
          ok = rdLength == 16;
      case 2, 5, 12, 39 ->
          // NS
          // CNAME
          // PTR
          // DNAME
          ok = nameEnd(data, rd, end) == end;
      case 15 ->
          // MX
          ok = rdLength > 2 && nameEnd(data, rd + 2, end) == end;
      case 33 ->
          // SRV
          ok = rdLength > 6 && nameEnd(data, rd + 6, end) == end;
      case 16 ->
          // TXT
          ok = stringsFill(data, rd, end);
      case 257 ->
          // CAA
          ok = rdLength >= 2 && rd + 2 + (data[rd + 1] & 0xFF) <= end;
      case 6 -> {
        // SOA
        int second = nameEnd(data, rd, end);
        int third = second < 0 ? -1 : nameEnd(data, second, end);
        ok = third >= 0 && third + 20 == end;
      }
      default -> {
        PackedRecords.decodeChecked(data, offset, length);
        ok = true;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "the RDATA of a record of type " + org.xbill.DNS.Type.string(type) + " is malformed");
    }
  }

  /** Where the uncompressed name starting at {@code offset} ends, or -1 when it is malformed. */
  static int nameEnd(byte[] data, int offset, int limit) {
    int k = offset;
    while (k < limit) {
      int label = data[k] & 0xFF;
      if (label == 0) {
        return k + 1 - offset > MAX_NAME ? -1 : k + 1;
      }
      if (label > MAX_LABEL) {
        return -1;
      }
      k += label + 1;
    }
    return -1;
  }

  private static boolean stringsFill(byte[] data, int offset, int end) {
    int k = offset;
    while (k < end) {
      k += (data[k] & 0xFF) + 1;
    }
    return k == end;
  }
}
