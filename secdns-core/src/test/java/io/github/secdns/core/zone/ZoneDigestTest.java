package io.github.secdns.core.zone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.serial.SerialNumber;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneMDRecord;

/**
 * The RFC 8976 Appendix A example zones are the oracle: each zone's published SHA-384 and SHA-512
 * digests must be what {@link ZoneDigest#compute} gives.
 */
class ZoneDigestTest {

  /** One example zone: its SOA and every other record as written (out-of-zone ones included). */
  record Example(SOARecord soa, List<Record> records) {
    List<ZoneMDRecord> apexDigests() {
      return records.stream()
          .filter(r -> r instanceof ZoneMDRecord && r.getName().equals(soa.getName()))
          .map(r -> (ZoneMDRecord) r)
          .collect(Collectors.toList());
    }

    List<Record> inZone() {
      return records.stream()
          .filter(r -> r.getName().subdomain(soa.getName()) && r.getDClass() == soa.getDClass())
          .filter(r -> !r.equals(soa))
          .collect(Collectors.toList());
    }

    List<Record> without(int type) {
      return records.stream()
          .filter(r -> !(r.getType() == type && r.getName().equals(soa.getName())))
          .collect(Collectors.toList());
    }
  }

  static Example load(String file) throws IOException {
    String path = "rfc8976/" + file;
    try (InputStream in = ZoneDigestTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("no test resource " + path);
      }
      List<Record> records = new ArrayList<>();
      try (Master master = new Master(in)) {
        for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
          records.add(r);
        }
      }
      SOARecord soa = (SOARecord) records.remove(0);
      return new Example(soa, records);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a1-simple-example.zone",
        "a2-complex-example.zone",
        "a3-multiple-digests.zone",
        "a4-uri-arpa.zone",
        "a5-root-servers-net.zone"
      })
  void everyExampleOfRfc8976AppendixAHasTheDigestItPublishes(String file) throws IOException {
    Example zone = load(file);
    int verified = 0;
    for (ZoneMDRecord published : zone.apexDigests()) {
      if (published.getScheme() != ZoneDigest.SCHEME_SIMPLE
          || (published.getHashAlgorithm() != ZoneDigest.HASH_SHA384
              && published.getHashAlgorithm() != ZoneDigest.HASH_SHA512)) {
        continue; // private-use schemes and algorithms (A.3) cannot be computed
      }
      ZoneDigest computed =
          ZoneDigest.compute(zone.soa(), zone.records(), published.getHashAlgorithm());
      assertEquals(ZoneDigest.of(published), computed, file);
      // The same zone as a snapshot (what is outside it left out): read from packed octets.
      ZoneSnapshot snapshot = ZoneSnapshot.of(zone.soa(), zone.inZone());
      assertEquals(computed, ZoneDigest.compute(snapshot, published.getHashAlgorithm()), file);
      verified++;
    }
    assertTrue(verified > 0, "the example publishes a digest this class computes");
  }

  @Test
  void theSimpleExampleByHand() throws IOException {
    Example zone = load("a1-simple-example.zone");
    ZoneDigest digest = ZoneDigest.compute(ZoneSnapshot.of(zone.soa(), zone.records()));
    assertEquals(
        "c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9"
            + "a9713b3c9ae5cc27777f98b8e730044c",
        digest.hex());
    assertEquals(SerialNumber.of(2018031900L), digest.serial());
    assertEquals(ZoneDigest.SCHEME_SIMPLE, digest.scheme());
    assertEquals(ZoneDigest.HASH_SHA384, digest.hashAlgorithm());
    assertEquals("2018031900 1 1 " + digest.hex(), digest.toString());
    assertEquals(Optional.of(digest), ZoneDigest.published(zone.soa(), zone.records()));
  }

  @Test
  void theMultipleDigestsExamplePublishesItsSha384First() throws IOException {
    Example zone = load("a3-multiple-digests.zone");
    ZoneDigest published = ZoneDigest.published(zone.soa(), zone.records()).orElseThrow();
    assertEquals(ZoneDigest.HASH_SHA384, published.hashAlgorithm());
    assertEquals(ZoneDigest.compute(zone.soa(), zone.records(), ZoneDigest.HASH_SHA384), published);
    assertEquals(Optional.empty(), ZoneDigest.published(zone.soa(), zone.without(Type.ZONEMD)));
  }

  @Test
  void aPlaceholderOrAnOldDigestAtTheApexDoesNotChangeTheDigest() throws IOException {
    Example zone = load("a2-complex-example.zone");
    ZoneDigest expected = ZoneDigest.compute(zone.soa(), zone.records(), ZoneDigest.HASH_SHA384);
    Name apex = zone.soa().getName();

    List<Record> withoutAny = zone.without(Type.ZONEMD);
    assertEquals(expected, ZoneDigest.compute(zone.soa(), withoutAny, ZoneDigest.HASH_SHA384));

    // RFC 8976 section 3.2: a placeholder carries the serial, scheme and algorithm, digest zeros.
    List<Record> withPlaceholder = new ArrayList<>(withoutAny);
    withPlaceholder.add(
        new ZoneMDRecord(apex, DClass.IN, 86400, zone.soa().getSerial(), 1, 1, new byte[48]));
    assertEquals(expected, ZoneDigest.compute(zone.soa(), withPlaceholder, ZoneDigest.HASH_SHA384));
    assertEquals(
        Optional.of(ZoneDigest.of(SerialNumber.of(zone.soa().getSerial()), 1, 1, new byte[48])),
        ZoneDigest.published(zone.soa(), withPlaceholder),
        "a placeholder is what the zone publishes until the digest is filled in");

    // A ZONEMD below the apex is data like any other (A.2's non-apex record).
    List<Record> withoutNonApex =
        zone.records().stream()
            .filter(r -> !(r.getType() == Type.ZONEMD && !r.getName().equals(apex)))
            .collect(Collectors.toList());
    assertNotEquals(
        expected, ZoneDigest.compute(zone.soa(), withoutNonApex, ZoneDigest.HASH_SHA384));
  }

  @Test
  void withoutApexDigestLeavesOutOnlyTheApexDigestAndSharesOctetsWhenItIsLast() throws IOException {
    Example zone = load("a2-complex-example.zone");
    ZoneSnapshot plain =
        ZoneSnapshot.of(
            zone.soa(),
            zone.inZone().stream()
                .filter(
                    r -> !(r.getType() == Type.ZONEMD && r.getName().equals(zone.soa().getName())))
                .collect(Collectors.toList()));
    assertTrue(
        plain.records().stream().anyMatch(r -> r.getType() == Type.ZONEMD),
        "A.2 has one below the apex");
    assertSame(plain, ZoneDigest.withoutApexDigest(plain));

    ZoneMDRecord md =
        ZoneDigest.compute(plain).toRecord(plain.origin(), DClass.IN, plain.soa().getTTL());
    ZoneSnapshot last = ZoneSnapshot.builder(plain.soa()).addAll(plain.records()).add(md).build();
    ZoneSnapshot first = ZoneSnapshot.builder(plain.soa()).add(md).addAll(plain.records()).build();
    for (ZoneSnapshot withDigest : List.of(last, first)) {
      ZoneSnapshot stripped = ZoneDigest.withoutApexDigest(withDigest);
      assertTrue(stripped.sameVersionAs(plain), withDigest.records().toString());
      assertEquals(plain.records(), stripped.records(), "the order is kept");
      assertEquals(ZoneDigest.compute(withDigest), ZoneDigest.compute(stripped));
      assertEquals(Optional.of(ZoneDigest.compute(plain)), ZoneDigest.published(withDigest));
      assertEquals(Optional.empty(), ZoneDigest.published(stripped));
      assertArrayEquals(stripped.toBytes(), ZoneSnapshot.fromBytes(stripped.toBytes()).toBytes());
    }
  }

  @Test
  void letterCaseOfOwnerNamesDoesNotCountButTheDataDoes() throws IOException {
    Example zone = load("a1-simple-example.zone");
    ZoneDigest expected = ZoneDigest.compute(zone.soa(), zone.records(), ZoneDigest.HASH_SHA384);
    Name owner = Name.fromConstantString("txt.example.");
    Name upper = Name.fromConstantString("TXT.Example.");

    List<Record> lower = new ArrayList<>(zone.records());
    lower.add(new TXTRecord(owner, DClass.IN, 300, "Hello"));
    List<Record> upperOwner = new ArrayList<>(zone.records());
    upperOwner.add(new TXTRecord(upper, DClass.IN, 300, "Hello"));
    List<Record> otherText = new ArrayList<>(zone.records());
    otherText.add(new TXTRecord(owner, DClass.IN, 300, "hello"));
    List<Record> otherTtl = new ArrayList<>(zone.records());
    otherTtl.add(new TXTRecord(owner, DClass.IN, 301, "Hello"));

    ZoneDigest withTxt = ZoneDigest.compute(zone.soa(), lower, ZoneDigest.HASH_SHA384);
    assertNotEquals(expected, withTxt);
    assertEquals(withTxt, ZoneDigest.compute(zone.soa(), upperOwner, ZoneDigest.HASH_SHA384));
    assertNotEquals(withTxt, ZoneDigest.compute(zone.soa(), otherText, ZoneDigest.HASH_SHA384));
    assertNotEquals(withTxt, ZoneDigest.compute(zone.soa(), otherTtl, ZoneDigest.HASH_SHA384));
  }

  @Test
  void badInput() throws IOException {
    Example zone = load("a1-simple-example.zone");
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZoneDigest.compute(zone.soa(), zone.records(), 240));
    assertTrue(unknown.getMessage().contains("240"), unknown.getMessage());

    SOARecord other =
        new SOARecord(
            zone.soa().getName(),
            DClass.IN,
            86400,
            zone.soa().getHost(),
            zone.soa().getAdmin(),
            zone.soa().getSerial() + 1,
            1800,
            900,
            604800,
            86400);
    List<Record> twoSoas = new ArrayList<>(zone.records());
    twoSoas.add(other);
    IllegalArgumentException second =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZoneDigest.compute(zone.soa(), twoSoas, ZoneDigest.HASH_SHA384));
    assertTrue(second.getMessage().contains("one SOA"), second.getMessage());

    SerialNumber serial = SerialNumber.of(1);
    assertThrows(IllegalArgumentException.class, () -> ZoneDigest.of(serial, 1, 1, new byte[11]));
    assertThrows(IllegalArgumentException.class, () -> ZoneDigest.of(serial, 1, 1, new byte[64]));
    assertThrows(IllegalArgumentException.class, () -> ZoneDigest.of(serial, 256, 1, new byte[48]));
    ZoneDigest privateUse = ZoneDigest.of(serial, 241, 240, new byte[12]);
    assertFalse(privateUse.isComparableWith(ZoneDigest.of(serial, 1, 1, new byte[48])));
  }

  @Test
  void valueSemanticsAndRecordRoundTrip() {
    byte[] octets = HexFormat.of().parseHex("00".repeat(47) + "01");
    ZoneDigest d = ZoneDigest.of(SerialNumber.of(7), 1, 1, octets);
    octets[0] = 9; // the digest was copied
    assertEquals(ZoneDigest.of(SerialNumber.of(7), 1, 1, d.digest()), d);
    assertEquals(d.hashCode(), ZoneDigest.of(SerialNumber.of(7), 1, 1, d.digest()).hashCode());
    assertNotEquals(ZoneDigest.of(SerialNumber.of(8), 1, 1, d.digest()), d);
    byte[] copy = d.digest();
    copy[47] = 2;
    assertEquals(1, d.digest()[47], "digest() returns a copy");
    Name apex = Name.fromConstantString("example.");
    ZoneMDRecord record = d.toRecord(apex, DClass.IN, 3600);
    assertEquals(apex, record.getName());
    assertEquals(3600, record.getTTL());
    assertEquals(d, ZoneDigest.of(record));
  }
}
