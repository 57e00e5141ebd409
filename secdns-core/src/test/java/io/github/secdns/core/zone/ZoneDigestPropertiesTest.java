package io.github.secdns.core.zone;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Properties of {@link ZoneDigest#compute}: the digest depends on the zone's records as a set, not
 * on their order, repetitions or the letter case of owner names (and of names inside RDATA of the
 * types RFC 4034 lists), and every record counts. Each case is built from one seed, printed on
 * failure.
 */
class ZoneDigestPropertiesTest {

  private static final Gen<Long> SEEDS = longs().all();

  @Test
  void orderRepetitionAndOwnerCaseDoNotChangeTheDigest() {
    qt().withExamples(200)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              SOARecord soa = TestZones.soa(1 + r.nextInt(1000));
              List<Record> records = zone(r);
              List<Record> other = new ArrayList<>();
              for (Record rec : records) {
                other.add(recased(r, rec));
                if (r.nextInt(4) == 0) {
                  other.add(rec); // a duplicate
                }
              }
              if (r.nextBoolean()) {
                other.add(soa); // the closing SOA of a transfer
              }
              Collections.shuffle(other, r);
              assertEquals(
                  ZoneDigest.compute(soa, records, ZoneDigest.HASH_SHA384),
                  ZoneDigest.compute(soa, other, ZoneDigest.HASH_SHA384),
                  "seed " + seed);
            });
  }

  @Test
  void everyRecordCounts() {
    qt().withExamples(200)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              SOARecord soa = TestZones.soa(1 + r.nextInt(1000));
              List<Record> records = zone(r);
              ZoneDigest all = ZoneDigest.compute(soa, records, ZoneDigest.HASH_SHA384);
              Record removed = records.get(r.nextInt(records.size()));
              List<Record> fewer = new ArrayList<>(records);
              fewer.removeIf(x -> x.equals(removed) && x.getTTL() == removed.getTTL());
              assertNotEquals(
                  all, ZoneDigest.compute(soa, fewer, ZoneDigest.HASH_SHA384), "seed " + seed);
              SOARecord nextSerial =
                  TestZones.soa(soa.getSerial() + 1, soa.getExpire()); // same data, another serial
              ZoneDigest renumbered =
                  ZoneDigest.compute(nextSerial, records, ZoneDigest.HASH_SHA384);
              assertNotEquals(all, renumbered, "seed " + seed);
              assertEquals(soa.getSerial() + 1, renumbered.serial().value(), "seed " + seed);
            });
  }

  /**
   * The digest of a snapshot, read from its packed octets, is the digest of an independent
   * reference (dnsjava's canonical forms, sorted by {@link Name#compareTo}) over the same records:
   * names at the edges of canonical order (escaped octets 0 and 1, prefixes, letter case, long
   * labels, deep names) and every type whose RDATA is copied, lower-cased in place or decoded.
   */
  @Test
  void theDigestReadFromPackedOctetsIsTheReferenceDigest() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              SOARecord soa = TestZones.soa(1 + r.nextInt(1000));
              ZoneSnapshot.Builder b = ZoneSnapshot.builder(soa);
              int n = 1 + r.nextInt(40);
              for (int i = 0; i < n; i++) {
                b.add(anyRecord(r));
              }
              ZoneSnapshot zone = b.build();
              for (int hash : new int[] {ZoneDigest.HASH_SHA384, ZoneDigest.HASH_SHA512}) {
                ZoneDigest reference = reference(soa, zone.records(), hash);
                assertEquals(reference, ZoneDigest.compute(zone, hash), "seed " + seed);
                assertEquals(
                    reference, ZoneDigest.compute(soa, zone.records(), hash), "seed " + seed);
              }
            });
  }

  private static final String[] LABELS = {
    "a",
    "A",
    "b",
    "ab",
    "aB",
    "a\\000",
    "\\000",
    "\\001",
    "z",
    "Z",
    "-",
    "xn--x",
    "0",
    "\\064",
    "\\091",
    "\\096",
    "\\255",
    "a".repeat(63)
  };

  private static Name anyName(Random r) {
    StringBuilder sb = new StringBuilder();
    int depth = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextInt(8) == 0 ? 12 : 3);
    int octets = TestZones.ORIGIN.length();
    for (int i = 0; i < depth; i++) {
      String label = LABELS[r.nextInt(LABELS.length)];
      int labelOctets = 1 + label.replaceAll("\\\\[0-9]{3}", "x").length();
      if (octets + labelOctets > 255) {
        break; // a name has at most 255 octets
      }
      octets += labelOctets;
      sb.append(label).append('.');
    }
    try {
      return Name.fromString(sb + TestZones.ORIGIN.toString());
    } catch (org.xbill.DNS.TextParseException e) {
      throw new AssertionError(e);
    }
  }

  private static Record anyRecord(Random r) {
    Name owner = anyName(r);
    long ttl = r.nextBoolean() ? 300 : r.nextInt(5);
    Name target = r.nextBoolean() ? anyName(r) : Name.fromConstantString("Mx.Example.NET.");
    return switch (r.nextInt(12)) {
      case 0 -> new org.xbill.DNS.ARecord(owner, DClass.IN, ttl, TestZones.address(r.nextInt(4)));
      case 1 -> new org.xbill.DNS.TXTRecord(owner, DClass.IN, ttl, r.nextBoolean() ? "Hi" : "hi");
      case 2 -> new org.xbill.DNS.NSRecord(owner, DClass.IN, ttl, target);
      case 3 -> new org.xbill.DNS.CNAMERecord(owner, DClass.IN, ttl, target);
      case 4 -> new MXRecord(owner, DClass.IN, ttl, r.nextInt(3), target);
      case 5 -> new org.xbill.DNS.SRVRecord(owner, DClass.IN, ttl, 1, 2, 3, target);
      case 6 -> new org.xbill.DNS.DNAMERecord(owner, DClass.IN, ttl, target);
      case 7 -> new org.xbill.DNS.NAPTRRecord(owner, DClass.IN, ttl, 1, 2, "S", "X", "", target);
      case 8 -> new org.xbill.DNS.RPRecord(owner, DClass.IN, ttl, target, anyName(r));
      case 9 ->
          new org.xbill.DNS.HINFORecord(
              owner, DClass.IN, ttl, "CPU", r.nextBoolean() ? "Os" : "os");
      case 10 ->
          // NSEC keeps its names' case (RFC 6840 section 5.1); a ZONEMD below the apex is data.
          r.nextBoolean()
              ? new org.xbill.DNS.NSECRecord(owner, DClass.IN, ttl, target, new int[] {1, 16})
              : new org.xbill.DNS.ZoneMDRecord(owner, DClass.IN, ttl, 1, 1, 1, new byte[48]);
      default -> new org.xbill.DNS.KXRecord(owner, DClass.IN, ttl, 5, target);
    };
  }

  /** RFC 8976's SIMPLE digest, written independently: dnsjava's canonical forms and order. */
  private static ZoneDigest reference(SOARecord soa, List<Record> records, int hashAlgorithm) {
    List<Record> all = new ArrayList<>(records);
    all.add(soa);
    all.sort(
        java.util.Comparator.comparing((Record x) -> x.getName())
            .thenComparingInt(Record::getType)
            .thenComparing(
                ZoneDigestPropertiesTest::canonicalRdata, java.util.Arrays::compareUnsigned)
            .thenComparingLong(Record::getTTL));
    Record previous = null;
    java.security.MessageDigest md;
    try {
      md =
          java.security.MessageDigest.getInstance(
              hashAlgorithm == ZoneDigest.HASH_SHA384 ? "SHA-384" : "SHA-512");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    for (Record x : all) {
      boolean apexDigest =
          x.getType() == org.xbill.DNS.Type.ZONEMD && x.getName().equals(soa.getName());
      boolean same =
          previous != null
              && previous.getName().equals(x.getName())
              && previous.getType() == x.getType()
              && previous.getTTL() == x.getTTL()
              && java.util.Arrays.equals(canonicalRdata(previous), canonicalRdata(x));
      if (!apexDigest && !same) {
        org.xbill.DNS.DNSOutput out = new org.xbill.DNS.DNSOutput();
        out.writeByteArray(x.getName().toWireCanonical());
        out.writeU16(x.getType());
        out.writeU16(x.getDClass());
        out.writeU32(x.getTTL());
        byte[] rdata = canonicalRdata(x);
        out.writeU16(rdata.length);
        out.writeByteArray(rdata);
        md.update(out.toByteArray());
      }
      previous = x;
    }
    return ZoneDigest.of(
        io.github.secdns.core.serial.SerialNumber.of(soa.getSerial()),
        1,
        hashAlgorithm,
        md.digest());
  }

  /**
   * dnsjava's canonical RDATA: names lower-cased for the types RFC 4034 lists; NSEC's next name
   * kept as written (RFC 6840 section 5.1), strings of any type never.
   */
  private static byte[] canonicalRdata(Record x) {
    return x.rdataToWireCanonical();
  }

  /** Up to 30 distinct records of the universe plus MX records whose target case varies. */
  private static List<Record> zone(Random r) {
    List<Record> records = new ArrayList<>();
    for (Record candidate : TestZones.UNIVERSE) {
      if (r.nextInt(3) == 0 && records.stream().noneMatch(candidate::equals)) {
        records.add(candidate);
      }
    }
    records.add(
        new MXRecord(
            TestZones.name("mail"),
            DClass.IN,
            300,
            10,
            Name.fromConstantString("mx.example.net.")));
    return records;
  }

  /** The same record with its owner (and an MX target) in another letter case. */
  private static Record recased(Random r, Record record) {
    Name owner = Name.fromConstantString(recase(r, record.getName().toString()));
    if (record instanceof MXRecord mx) {

      return new MXRecord(
          owner,
          mx.getDClass(),
          mx.getTTL(),
          mx.getPriority(),
          Name.fromConstantString(recase(r, mx.getTarget().toString())));
    }
    return Record.newRecord(
        owner,
        record.getType(),
        record.getDClass(),
        record.getTTL(),
        record.rdataToWireCanonical());
  }

  private static String recase(Random r, String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(r.nextBoolean() ? c : Character.toUpperCase(c));
    }
    return r.nextBoolean() ? sb.toString() : sb.toString().toLowerCase(Locale.ROOT);
  }
}
