package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
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
 * left out, so that a placeholder or an old digest at the apex never changes the result.
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

  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

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
    return compute(zone.soa(), zone.records(), HASH_SHA384);
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
    return compute(zone.soa(), zone.records(), hashAlgorithm);
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
    List<Canonical> canonical = new ArrayList<>(records.size() + 1);
    canonical.add(Canonical.of(soa));
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
      canonical.add(Canonical.of(r));
    }
    canonical.sort(Canonical.ORDER);
    Canonical previous = null;
    for (Canonical c : canonical) {
      if (previous == null || Canonical.ORDER.compare(previous, c) != 0) {
        hash.update(c.wire);
      }
      previous = c;
    }
    return new ZoneDigest(
        SerialNumber.of(soa.getSerial()), SCHEME_SIMPLE, hashAlgorithm, hash.digest());
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
    return published(zone.soa(), zone.records());
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
      if (!(r instanceof ZoneMDRecord) || !r.getName().equals(origin)) {
        continue;
      }
      ZoneMDRecord md = (ZoneMDRecord) r;
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
    if (!(o instanceof ZoneDigest)) {
      return false;
    }
    ZoneDigest other = (ZoneDigest) o;
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
        || (r instanceof RRSIGRecord && ((RRSIGRecord) r).getTypeCovered() == Type.ZONEMD);
  }

  /** The digest length of the hash algorithms this class computes; 0 for any other. */
  private static int knownLength(int hashAlgorithm) {
    switch (hashAlgorithm) {
      case ZoneMDRecord.Hash.SHA384:
        return 48;
      case ZoneMDRecord.Hash.SHA512:
        return 64;
      default:
        return 0;
    }
  }

  private static MessageDigest newHash(int hashAlgorithm) {
    String name;
    switch (hashAlgorithm) {
      case ZoneMDRecord.Hash.SHA384:
        name = "SHA-384";
        break;
      case ZoneMDRecord.Hash.SHA512:
        name = "SHA-512";
        break;
      default:
        throw new IllegalArgumentException(
            "only the hash algorithms SHA-384 (1) and SHA-512 (2) can be computed, not "
                + hashAlgorithm);
    }
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + name, e);
    }
  }

  /** One record in canonical form, with what the canonical order compares. */
  private static final class Canonical {
    /**
     * Canonical order (RFC 4034 section 6): owner name, type, RDATA. Two records that differ only
     * in TTL break RFC 2181 section 5.2; the TTL is the last key so that the result never depends
     * on the order the records were given in.
     */
    static final Comparator<Canonical> ORDER =
        Comparator.comparing((Canonical c) -> c.owner)
            .thenComparingInt(c -> c.type)
            .thenComparing(c -> c.rdata, UNSIGNED)
            .thenComparingLong(c -> c.ttl);

    final Name owner;
    final int type;
    final byte[] rdata;
    final long ttl;
    final byte[] wire;

    private Canonical(Name owner, int type, byte[] rdata, long ttl, byte[] wire) {
      this.owner = owner;
      this.type = type;
      this.rdata = rdata;
      this.ttl = ttl;
      this.wire = wire;
    }

    static Canonical of(Record r) {
      byte[] rdata;
      if (LOWER_CASE_RDATA.contains(r.getType())) {
        rdata = r.rdataToWireCanonical();
      } else {
        // Uncompressed wire form keeps the letter case; the RDATA follows the owner name and
        // the ten octets of type, class, TTL and length.
        byte[] plain = r.toWire(Section.ANSWER);
        rdata = Arrays.copyOfRange(plain, r.getName().length() + 10, plain.length);
      }
      Name owner = r.getName().canonicalize();
      DNSOutput out = new DNSOutput(owner.length() + 10 + rdata.length);
      out.writeByteArray(owner.toWireCanonical());
      out.writeU16(r.getType());
      out.writeU16(r.getDClass());
      out.writeU32(r.getTTL());
      out.writeU16(rdata.length);
      out.writeByteArray(rdata);
      return new Canonical(owner, r.getType(), rdata, r.getTTL(), out.toByteArray());
    }
  }
}
