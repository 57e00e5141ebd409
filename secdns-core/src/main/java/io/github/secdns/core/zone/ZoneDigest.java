package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneMDRecord;

/**
 * A zone's message digest as RFC 8976 defines it (the data of a ZONEMD record): the serial it was
 * computed for, the scheme, the hash algorithm and the digest.
 *
 * <p>{@link #compute(ZoneSnapshot)} is a pure function: the SIMPLE scheme (RFC 8976 section 3.3)
 * over the zone in canonical order (RFC 4034 section 6), every record in canonical form (owner
 * names lower case; names inside RDATA lower case only for the types RFC 4034 section 6.2 lists,
 * without NSEC as RFC 6840 section 5.1 corrects), each distinct record once, records outside the
 * zone left out, occluded data and glue kept, and the apex ZONEMD RRset with the RRSIGs covering it
 * left out, so that a placeholder or an old digest at the apex never changes the result. It reads
 * the version's packed octets and sorts an index over one array of canonical records: no dnsjava
 * {@code Record} per record, except for the rare types (SOA, RRSIG, NAPTR, RP, ...) whose names in
 * RDATA only dnsjava knows how to find.
 *
 * <p>Immutable and thread-safe. Two digests are equal when serial, scheme, hash algorithm and
 * digest octets are equal.
 */
public final class ZoneDigest {

  /** Scheme SIMPLE (RFC 8976 section 3.3), the only one standardized. */
  public static final int SCHEME_SIMPLE = ZoneMDRecord.Scheme.SIMPLE;

  /** Hash algorithm SHA-384 (RFC 8976 section 2.2.3), which every implementation supports. */
  public static final int HASH_SHA384 = ZoneMDRecord.Hash.SHA384;

  /** Hash algorithm SHA-512 (RFC 8976 section 2.2.3). */
  public static final int HASH_SHA512 = ZoneMDRecord.Hash.SHA512;

  private final SerialNumber serial;
  private final int scheme;
  private final int hashAlgorithm;
  private final byte[] digest;

  private ZoneDigest(SerialNumber serial, int scheme, int hashAlgorithm, byte[] digest) {
    this.serial = serial;
    this.scheme = scheme;
    this.hashAlgorithm = hashAlgorithm;
    this.digest = digest;
  }

  /**
   * Creates a digest from its parts.
   *
   * @param serial the serial of the zone the digest is for
   * @param scheme 0 to 255 ({@link #SCHEME_SIMPLE})
   * @param hashAlgorithm 0 to 255 ({@link #HASH_SHA384}, {@link #HASH_SHA512})
   * @param digest the digest octets, at least 12 (RFC 8976 section 2.2.4); copied
   * @return the digest
   * @throws IllegalArgumentException when a field is out of range, or the length does not fit a
   *     known hash algorithm
   */
  public static ZoneDigest of(SerialNumber serial, int scheme, int hashAlgorithm, byte[] digest) {
    Objects.requireNonNull(serial, "serial");
    if (scheme < 0 || scheme > 255 || hashAlgorithm < 0 || hashAlgorithm > 255) {
      throw new IllegalArgumentException(
          "the scheme and the hash algorithm are 8-bit values, were "
              + scheme
              + " and "
              + hashAlgorithm);
    }
    if (digest.length < 12) {
      throw new IllegalArgumentException(
          "a ZONEMD digest has at least 12 octets (RFC 8976 section 2.2.4), was " + digest.length);
    }
    int expected = knownLength(hashAlgorithm);
    if (expected > 0 && digest.length != expected) {
      throw new IllegalArgumentException(
          "a digest of hash algorithm "
              + hashAlgorithm
              + " has "
              + expected
              + " octets, was "
              + digest.length);
    }
    return new ZoneDigest(serial, scheme, hashAlgorithm, digest.clone());
  }

  /**
   * Takes the fields of a ZONEMD record.
   *
   * @param record the record
   * @return its digest
   * @throws IllegalArgumentException when the record's fields are out of range
   */
  public static ZoneDigest of(ZoneMDRecord record) {
    return of(
        SerialNumber.of(record.getSerial()),
        record.getScheme(),
        record.getHashAlgorithm(),
        record.getDigest());
  }

  /**
   * Computes the SIMPLE SHA-384 digest of a zone version.
   *
   * @param zone the zone version
   * @return its digest, for its serial
   */
  public static ZoneDigest compute(ZoneSnapshot zone) {
    return compute(zone, HASH_SHA384);
  }

  /**
   * Computes the SIMPLE digest of a zone version with a given hash algorithm.
   *
   * @param zone the zone version
   * @param hashAlgorithm {@link #HASH_SHA384} or {@link #HASH_SHA512}
   * @return its digest, for its serial
   * @throws IllegalArgumentException for another hash algorithm
   */
  public static ZoneDigest compute(ZoneSnapshot zone, int hashAlgorithm) {
    MessageDigest hash = newHash(hashAlgorithm);
    SOARecord soa = zone.soa();
    byte[] origin = soa.getName().toWire();
    PackedRecords records = zone.packedRecords();
    // The snapshot's records are in the zone, of its class, distinct and never an SOA: its octets
    // go into canonical form as they are, without a Record per record.
    CanonicalRecords canonical =
        new CanonicalRecords(records.size() + 1, records.wireSize() + soa.getName().length() + 64);
    canonical.add(soa);
    for (int i = 0; i < records.size(); i++) {
      if (!isApexDigest(records, i, origin)) {
        canonical.add(records, i);
      }
    }
    return digest(soa, canonical, hash, hashAlgorithm);
  }

  /**
   * Computes the SIMPLE digest of zone data that is not in a {@link ZoneSnapshot}, such as the
   * records of a zone transfer: the apex SOA plus the other records, in any order. Records outside
   * the zone or of another class are left out, as are the apex ZONEMD records and the RRSIGs that
   * cover them; a record given twice (an SOA repeated at the end of a transfer, a duplicate) counts
   * once.
   *
   * @param soa the zone's SOA; its owner is the zone's apex
   * @param records the zone's other records (may contain the SOA again)
   * @param hashAlgorithm {@link #HASH_SHA384} or {@link #HASH_SHA512}
   * @return the digest, for the SOA's serial
   * @throws IllegalArgumentException for another hash algorithm, or a second, different SOA at the
   *     apex
   */
  public static ZoneDigest compute(
      SOARecord soa, Collection<? extends Record> records, int hashAlgorithm) {
    MessageDigest hash = newHash(hashAlgorithm);
    Name origin = soa.getName();
    CanonicalRecords canonical = new CanonicalRecords(records.size() + 1, 64 * records.size());
    canonical.add(soa);
    for (Record r : records) {
      if (!r.getName().subdomain(origin)
          || r.getDClass() != soa.getDClass()
          || isApexDigest(r, origin)) {
        continue;
      }
      if (r.getType() == Type.SOA && r.getName().equals(origin) && !r.equals(soa)) {
        throw new IllegalArgumentException(
            "a zone has one SOA at its apex " + origin + "; found another: " + r);
      }
      canonical.add(r);
    }
    return digest(soa, canonical, hash, hashAlgorithm);
  }

  private static ZoneDigest digest(
      SOARecord soa, CanonicalRecords canonical, MessageDigest hash, int hashAlgorithm) {
    canonical.hashInCanonicalOrder(hash);
    return new ZoneDigest(
        SerialNumber.of(soa.getSerial()), SCHEME_SIMPLE, hashAlgorithm, hash.digest());
  }

  /**
   * Returns a zone version without what its digest leaves out: its apex ZONEMD records and the
   * RRSIGs covering them. A version that has none is returned as it is; when they are its last
   * records (where {@code ZoneExporter} puts the digest) the result shares the octets of the
   * others, otherwise it holds one copy of them. Compare the result with {@link
   * ZoneSnapshot#sameVersionAs} to tell whether two versions differ in more than their digest.
   *
   * @param zone the zone version
   * @return the same SOA with every other record but the apex digest, in the same order
   */
  public static ZoneSnapshot withoutApexDigest(ZoneSnapshot zone) {
    PackedRecords records = zone.packedRecords();
    byte[] origin = zone.origin().toWire();
    int n = records.size();
    int kept = n;
    while (kept > 0 && isApexDigest(records, kept - 1, origin)) {
      kept--;
    }
    boolean elsewhere = false;
    for (int i = 0; i < kept && !elsewhere; i++) {
      elsewhere = isApexDigest(records, i, origin);
    }
    if (!elsewhere) {
      return kept == n ? zone : zone.withCheckedRecords(records.first(kept));
    }
    PackedRecords.Builder b = PackedRecords.builder(records.wireSize());
    int from = 0;
    for (int i = 0; i < n; i++) {
      if (isApexDigest(records, i, origin)) {
        b.addAll(records, from, i);
        from = i + 1;
      }
    }
    b.addAll(records, from, n);
    return zone.withCheckedRecords(b.build());
  }

  /**
   * Returns the digest a zone version publishes for itself: its apex ZONEMD record of scheme SIMPLE
   * with SHA-384 (else SHA-512) whose serial is the zone's serial. RFC 8976 section 4 verifies with
   * such a record; others are not usable.
   *
   * @param zone the zone version
   * @return the published digest, or empty when the zone has no usable one
   */
  public static Optional<ZoneDigest> published(ZoneSnapshot zone) {
    // Only the apex ZONEMD records are decoded.
    PackedRecords records = zone.packedRecords();
    byte[] origin = zone.origin().toWire();
    List<Record> digests = new ArrayList<>(1);
    for (int i = 0; i < records.size(); i++) {
      if (records.type(i) == Type.ZONEMD && records.ownerIs(i, origin)) {
        digests.add(records.get(i));
      }
    }
    return published(zone.soa(), digests);
  }

  /**
   * Returns the digest zone data publishes for itself, as {@link #published(ZoneSnapshot)} does.
   *
   * @param soa the zone's SOA
   * @param records the zone's other records
   * @return the published digest, or empty when there is no usable one
   */
  public static Optional<ZoneDigest> published(
      SOARecord soa, Collection<? extends Record> records) {
    Name origin = soa.getName();
    ZoneDigest best = null;
    for (Record r : records) {
      if (!(r instanceof ZoneMDRecord md) || !r.getName().equals(origin)) {
        continue;
      }

      if (md.getSerial() != soa.getSerial()
          || md.getScheme() != SCHEME_SIMPLE
          || knownLength(md.getHashAlgorithm()) != md.getDigest().length) {
        continue;
      }
      if (best == null || md.getHashAlgorithm() < best.hashAlgorithm) {
        best = of(md);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Returns the serial of the zone version the digest is for.
   *
   * @return the serial
   */
  public SerialNumber serial() {
    return serial;
  }

  /**
   * Returns the scheme.
   *
   * @return 0 to 255; {@link #SCHEME_SIMPLE} for computed digests
   */
  public int scheme() {
    return scheme;
  }

  /**
   * Returns the hash algorithm.
   *
   * @return 0 to 255; {@link #HASH_SHA384} or {@link #HASH_SHA512} for computed digests
   */
  public int hashAlgorithm() {
    return hashAlgorithm;
  }

  /**
   * Returns the digest octets.
   *
   * @return a copy
   */
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * Returns the digest as lower-case hexadecimal, as in a zone file.
   *
   * @return the hexadecimal text
   */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  /**
   * Tells whether another digest was made with the same scheme and hash algorithm, so that the two
   * can be compared.
   *
   * @param other the other digest
   * @return true when scheme and hash algorithm are equal
   */
  public boolean isComparableWith(ZoneDigest other) {
    return scheme == other.scheme && hashAlgorithm == other.hashAlgorithm;
  }

  /**
   * Returns this digest as the ZONEMD record a zone publishes at its apex.
   *
   * @param origin the zone's apex
   * @param dclass the zone's class
   * @param ttl the record's TTL (the exporter uses the SOA's, as RFC 8976's examples do)
   * @return the record
   */
  public ZoneMDRecord toRecord(Name origin, int dclass, long ttl) {
    return new ZoneMDRecord(origin, dclass, ttl, serial.value(), scheme, hashAlgorithm, digest);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ZoneDigest other)) {
      return false;
    }

    return serial.equals(other.serial)
        && scheme == other.scheme
        && hashAlgorithm == other.hashAlgorithm
        && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serial, scheme, hashAlgorithm, Arrays.hashCode(digest));
  }

  /** The presentation form of the ZONEMD RDATA: serial, scheme, hash algorithm, digest. */
  @Override
  public String toString() {
    return serial + " " + scheme + " " + hashAlgorithm + " " + hex();
  }

  private static boolean isApexDigest(Record r, Name origin) {
    if (!r.getName().equals(origin)) {
      return false;
    }
    return r.getType() == Type.ZONEMD
        || (r instanceof RRSIGRecord rRSIGRecord && rRSIGRecord.getTypeCovered() == Type.ZONEMD);
  }

  /** Whether packed record {@code i} is an apex ZONEMD or an RRSIG at the apex covering one. */
  private static boolean isApexDigest(PackedRecords records, int i, byte[] origin) {
    int type = records.type(i);
    if ((type != Type.ZONEMD && type != Type.RRSIG) || !records.ownerIs(i, origin)) {
      return false;
    }
    if (type == Type.ZONEMD) {
      return true;
    }
    // RRSIG RDATA starts with the type covered (RFC 4034 section 3.1).
    int rdata = records.start(i) + records.ownerLength(i) + WireRecord.FIXED;
    return WireRecord.u16(records.data(), rdata) == Type.ZONEMD;
  }

  /** The digest length of the hash algorithms this class computes; 0 for any other. */
  private static int knownLength(int hashAlgorithm) {
    return switch (hashAlgorithm) {
      case ZoneMDRecord.Hash.SHA384 -> 48;
      case ZoneMDRecord.Hash.SHA512 -> 64;
      default -> 0;
    };
  }

  private static MessageDigest newHash(int hashAlgorithm) {

    String name =
        switch (hashAlgorithm) {
          case ZoneMDRecord.Hash.SHA384 -> "SHA-384";
          case ZoneMDRecord.Hash.SHA512 -> "SHA-512";
          default ->
              throw new IllegalArgumentException(
                  "only the hash algorithms SHA-384 (1) and SHA-512 (2) can be computed, not "
                      + hashAlgorithm);
        };
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + name, e);
    }
  }
}
