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
    if (record instanceof MXRecord) {
      MXRecord mx = (MXRecord) record;
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
    for (char c : s.toCharArray()) {
      sb.append(r.nextBoolean() ? c : Character.toUpperCase(c));
    }
    return r.nextBoolean() ? sb.toString() : sb.toString().toLowerCase(Locale.ROOT);
  }
}
