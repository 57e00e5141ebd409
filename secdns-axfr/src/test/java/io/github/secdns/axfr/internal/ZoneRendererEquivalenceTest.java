package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * The renderer working on packed records produces exactly the octets of the renderer it replaced
 * (dnsjava records, a hash map of suffix octets per message), kept here as the reference: the wire
 * output of a transfer did not change when zones became compact.
 */
class ZoneRendererEquivalenceTest {

  private static final String[] LABELS = {"www", "WWW", "mail", "Mail", "a", "b-c", "x1", "deep"};

  @Test
  void packedRenderingIsOctetForOctetThePreviousRendering() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(0, 3000), integers().between(512, 65535))
        .checkAssert(
            (seed, size, target) -> {
              ZoneSnapshot zone = randomZone(seed, size);
              RenderedZone now = new ZoneRenderer(target).render(zone);
              List<byte[]> before = reference(zone, target);
              assertEquals(before.size(), now.messageCount(), "messages, seed " + seed);
              for (int i = 0; i < before.size(); i++) {
                ByteBuffer body = now.body(i);
                byte[] bytes = new byte[body.remaining()];
                body.get(bytes);
                assertArrayEquals(before.get(i), bytes, "message " + i + ", seed " + seed);
              }
            });
  }

  @Test
  void aGrowingRenderingPublishesExactlyTheFinalMessagesInOrder() {
    qt().withExamples(40)
        .forAll(longs().all(), integers().between(0, 3000), integers().between(512, 65535))
        .checkAssert(
            (seed, size, target) -> {
              ZoneSnapshot zone = randomZone(seed, size);
              List<byte[]> before = reference(zone, target);
              // Each message as it was when published: later growth must never change it.
              List<byte[]> published = new ArrayList<>();
              Rendering[] growing = new Rendering[1];
              growing[0] =
                  new Rendering(
                      zone,
                      (messages, retained) -> {
                        assertEquals(published.size() + 1, messages, "seed " + seed);
                        published.add(octets(growing[0].body(messages - 1)));
                        assertEquals(
                            false, growing[0].isDone(), "published before the end, seed " + seed);
                      });
              RenderedZone done = new ZoneRenderer(target).render(zone, growing[0]);
              assertEquals(before.size(), published.size(), "messages, seed " + seed);
              assertEquals(before.size(), growing[0].published(), "seed " + seed);
              assertEquals(done.messageCount(), growing[0].published(), "seed " + seed);
              for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), published.get(i), "message " + i + ", " + seed);
                assertArrayEquals(before.get(i), octets(growing[0].body(i)), "final " + seed);
                assertEquals(done.count(i), growing[0].count(i), "count " + i + ", " + seed);
              }
            });
  }

  @Test
  void anIncrementalAnswerFromPackedDeltasIsOctetForOctetTheRecordSequence() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(0, 2000), integers().between(512, 65535))
        .checkAssert(
            (seed, size, target) -> {
              ZoneSnapshot zone = randomZone(seed, size);
              Random random = new Random(seed ^ 0x5DEECE66DL);
              List<Record> records = zone.records();
              SOARecord base = zone.soa();
              int deltas = 1 + random.nextInt(3);
              List<ZoneDelta> chain = new ArrayList<>();
              for (int d = 0; d < deltas; d++) {
                List<Record> deleted = new ArrayList<>();
                List<Record> added = new ArrayList<>();
                for (Record r : records) {
                  int pick = random.nextInt(8); // most records in neither list, some in both
                  if (pick == 0 || pick == 2) {
                    deleted.add(r);
                  }
                  if (pick == 1 || pick == 2) {
                    added.add(r);
                  }
                }
                chain.add(
                    ZoneDelta.of(
                        withSerial(base, base.getSerial() + d),
                        withSerial(base, base.getSerial() + d + 1),
                        deleted,
                        added));
              }
              ZoneSnapshot current =
                  ZoneSnapshot.of(withSerial(base, base.getSerial() + deltas), records);
              ZoneRenderer renderer = new ZoneRenderer(target);
              RenderedZone fromRecords =
                  renderer.renderSequence(current, IxfrResponsePlan.incrementalRecords(chain));
              Rendering growing = new Rendering(current, Rendering.Progress.NONE);
              RenderedZone fromPacked = renderer.renderIncremental(current, chain, growing);
              assertEquals(fromRecords.counts(), fromPacked.counts(), "counts, seed " + seed);
              assertEquals(fromRecords.records(), fromPacked.records(), "seed " + seed);
              for (int i = 0; i < fromRecords.messageCount(); i++) {
                assertArrayEquals(
                    octets(fromRecords.body(i)),
                    octets(fromPacked.body(i)),
                    "message " + i + ", seed " + seed);
                assertArrayEquals(octets(fromRecords.body(i)), octets(growing.body(i)));
              }
            });
  }

  private static SOARecord withSerial(SOARecord soa, long serial) {
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        soa.getTTL(),
        soa.getHost(),
        soa.getAdmin(),
        serial & 0xFFFFFFFFL,
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  private static byte[] octets(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return bytes;
  }

  static ZoneSnapshot randomZone(long seed, int size) {
    Random random = new Random(seed);
    Name origin = Name.fromConstantString(random.nextBoolean() ? "example.com." : "Zone.Example.");
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      StringBuilder owner = new StringBuilder();
      int depth = random.nextInt(3);
      for (int d = 0; d < depth; d++) {
        owner.append(LABELS[random.nextInt(LABELS.length)]);
        if (random.nextInt(4) == 0) {
          owner.append(random.nextInt(50));
        }
        owner.append('.');
      }
      Name name = Name.fromConstantString(owner + origin.toString());
      long ttl = 60L + random.nextInt(3) * 240L;
      byte[] v4 = new byte[4];
      random.nextBytes(v4);
      try {
        switch (random.nextInt(6)) {
          case 0 ->
              records.add(new ARecord(name, DClass.IN, ttl, java.net.InetAddress.getByAddress(v4)));
          case 1 -> {
            byte[] v6 = new byte[16];
            random.nextBytes(v6);
            records.add(
                new AAAARecord(name, DClass.IN, ttl, java.net.InetAddress.getByAddress(v6)));
          }
          case 2 -> records.add(new MXRecord(name, DClass.IN, ttl, random.nextInt(50), name));
          case 3 -> records.add(new CNAMERecord(name, DClass.IN, ttl, origin));
          case 4 ->
              records.add(
                  new TXTRecord(
                      name,
                      DClass.IN,
                      ttl,
                      List.of("t".repeat(random.nextInt(256)), "U".repeat(random.nextInt(256)))));
          default -> records.add(new TXTRecord(name, DClass.IN, ttl, "v=" + random.nextInt()));
        }
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    SOARecord soa =
        new SOARecord(
            origin,
            DClass.IN,
            3600,
            Name.fromConstantString("ns1." + origin),
            Name.fromConstantString("hostmaster." + origin),
            1,
            7200,
            900,
            1209600,
            300);
    return ZoneSnapshot.of(soa, records);
  }

  /** The renderer as it was before packed records: the reference output. */
  private static List<byte[]> reference(ZoneSnapshot snapshot, int target) {
    List<Record> sequence = new ArrayList<>();
    sequence.add(snapshot.soa());
    sequence.addAll(snapshot.records());
    sequence.add(snapshot.soa());
    int questionLength = snapshot.origin().length() + 4;
    List<byte[]> bodies = new ArrayList<>();
    OldMessage current = new OldMessage(true, questionLength);
    for (Record r : sequence) {
      byte[] wire = r.toWire(Section.ANSWER);
      if (!current.fits(wire.length, target)) {
        if (current.count > 0) {
          bodies.add(current.out.toByteArray());
          current = new OldMessage(false, questionLength);
        }
      }
      current.add(r, wire);
    }
    bodies.add(current.out.toByteArray());
    return bodies;
  }

  private static final class OldMessage {
    final DNSOutput out = new DNSOutput(4096);
    final Map<ByteBuffer, Integer> offsets = new HashMap<>();
    final int base;
    final int overhead;
    int count;

    OldMessage(boolean first, int questionLength) {
      base = WireSizes.HEADER + (first ? questionLength : 0);
      overhead = base + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE;
    }

    boolean fits(int uncompressed, int limit) {
      return uncompressed <= limit - overhead - out.current();
    }

    void add(Record r, byte[] uncompressed) {
      int ownerLength = r.getName().length();
      writeName(r.getName());
      out.writeByteArray(uncompressed, ownerLength, uncompressed.length - ownerLength);
      count++;
    }

    void writeName(Name name) {
      byte[] wire = name.toWire();
      int k = 0;
      while (true) {
        int labelLength = wire[k] & 0xFF;
        if (labelLength == 0) {
          out.writeU8(0);
          return;
        }
        ByteBuffer suffix = ByteBuffer.wrap(wire, k, wire.length - k).slice();
        Integer target = offsets.get(suffix);
        if (target != null) {
          out.writeU16(0xC000 | target);
          return;
        }
        int here = base + out.current();
        if (here <= WireSizes.MAX_POINTER) {
          offsets.put(suffix, here);
        }
        out.writeByteArray(wire, k, labelLength + 1);
        k += labelLength + 1;
      }
    }
  }
}
