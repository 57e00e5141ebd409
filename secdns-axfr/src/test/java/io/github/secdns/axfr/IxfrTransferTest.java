package io.github.secdns.axfr;

import static io.github.secdns.axfr.ReplicationFixture.KEY_NAME;
import static io.github.secdns.axfr.ReplicationFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.InMemoryZoneJournal;
import io.github.secdns.testsupport.zones.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** IXFR in the responder: history per zone, incremental answers, fallback, up to date, UDP. */
class IxfrTransferTest {

  private static final String ZONE = "example.com.";
  private static final Name ORIGIN = TestRecords.name(ZONE);

  private final String secret = ReplicationFixture.newSecret();

  private ReplicationFixture fixture(boolean ixfrEnabled) throws Exception {
    return new ReplicationFixture(
        ResponderLimits.defaults().withTargetMessageSize(1024),
        NotifySender.builder(),
        configuration(
            ZONE,
            TransferAuthentication.ADDRESS,
            "hmac-sha256",
            secret,
            b -> b.addAclEntry("127.0.0.1").ixfrEnabled(ixfrEnabled)));
  }

  /** Version 1 plus {@code adds} minus {@code deletes}, with a new serial. */
  private static ZoneSnapshot change(
      ZoneSnapshot from, long serial, List<Record> deletes, List<Record> adds) {
    List<Record> records = new ArrayList<>(from.records());
    records.removeAll(deletes);
    records.addAll(adds);
    return ZoneSnapshot.of(TestRecords.soa(ZONE, serial), records);
  }

  private static Record txt(String text) {
    return new TXTRecord(TestRecords.name("info." + ZONE), DClass.IN, 300, text);
  }

  private static Record aaaa(int i) throws Exception {
    return new AAAARecord(
        TestRecords.name("v6-" + i + "." + ZONE),
        DClass.IN,
        300,
        java.net.InetAddress.getByName("2001:db8::" + Integer.toHexString(i)));
  }

  private static void publishAndWait(ReplicationFixture f, ZoneSnapshot version) throws Exception {
    f.zones.publish(version);
    f.responder.whenReady(version).get(20, TimeUnit.SECONDS);
  }

  private static Set<String> withoutSoa(List<Record> records) {
    // Compared as text: readable failure messages.
    return records.stream()
        .filter(r -> r.getType() != Type.SOA)
        .map(Record::toString)
        .collect(Collectors.toSet());
  }

  private static Set<String> text(List<Record> records) {
    return records.stream().map(Record::toString).collect(Collectors.toSet());
  }

  private static ZoneTransferIn ixfr(ReplicationFixture f, long serial, TSIG key) {
    ZoneTransferIn xfr = ZoneTransferIn.newIXFR(ORIGIN, serial, false, f.address(), key);
    xfr.setTimeout(Duration.ofSeconds(20));
    return xfr;
  }

  @Test
  void deltasOneToTwoToThreeEqualTheChangesMade() throws Exception {
    try (ReplicationFixture f = fixture(true)) {
      ZoneSnapshot v1 = TestZones.small(ZONE, 1);
      List<Record> v1Adds = new ArrayList<>();
      v1Adds.add(txt("Hello"));
      // big enough that both deltas stay within the history bound (not larger than the zone)
      for (int i = 0; i < 400; i++) {
        v1Adds.add(aaaa(i));
      }
      v1 = change(v1, 1, List.of(), v1Adds);
      List<Record> del12 = List.of(txt("Hello"), aaaa(3));
      List<Record> add12 = List.of(txt("hello"), aaaa(500)); // a case-only TXT change is a change
      ZoneSnapshot v2 = change(v1, 2, del12, add12);
      List<Record> del23 = new ArrayList<>();
      for (int i = 10; i < 90; i++) {
        del23.add(aaaa(i)); // enough to need several messages
      }
      List<Record> add23 = List.of(aaaa(600), aaaa(601));
      ZoneSnapshot v3 = change(v2, 3, del23, add23);
      publishAndWait(f, v1);
      publishAndWait(f, v2);
      publishAndWait(f, v3);

      ZoneTransferIn xfr = ixfr(f, 1, null);
      xfr.run();
      assertTrue(xfr.isIXFR());
      List<ZoneTransferIn.Delta> deltas = xfr.getIXFR();
      assertEquals(2, deltas.size());
      assertEquals(1, deltas.get(0).start);
      assertEquals(2, deltas.get(0).end);
      assertEquals(text(del12), withoutSoa(deltas.get(0).deletes));
      assertEquals(text(add12), withoutSoa(deltas.get(0).adds));
      assertEquals(2, deltas.get(1).start);
      assertEquals(3, deltas.get(1).end);
      assertEquals(text(del23), withoutSoa(deltas.get(1).deletes));
      assertEquals(text(add23), withoutSoa(deltas.get(1).adds));
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(Type.IXFR, stats.request().qtype());
      assertTrue(stats.messages() > 1, "messages: " + stats.messages());

      // From 2: only the last delta. Rendered once per (zone, client serial, version).
      ZoneTransferIn from2 = ixfr(f, 2, null);
      from2.run();
      assertEquals(1, from2.getIXFR().size());
      assertEquals(text(add23), withoutSoa(from2.getIXFR().get(0).adds));
      long renders = f.responder.renders();
      ZoneTransferIn again = ixfr(f, 2, null);
      again.run();
      assertEquals(1, again.getIXFR().size());
      assertEquals(renders, f.responder.renders(), "the incremental answer is rendered once");
    }
  }

  @Test
  void aVersionDerivedFromRangesOfTheOneBeforeIsAnsweredWithExactlyItsChange() throws Exception {
    // Big enough for the version to keep how it was copied (ZoneDiff then compares only the rest).
    try (ReplicationFixture f = fixture(true)) {
      List<Record> adds = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        adds.add(aaaa(i));
      }
      ZoneSnapshot v1 = change(TestZones.small(ZONE, 1), 1, List.of(), adds);
      PackedRecords records = v1.packedRecords();
      int changed = records.size() / 2;
      Record replacement = aaaa(9000);
      ZoneSnapshot v2 =
          ZoneSnapshot.builder(TestRecords.soa(ZONE, 2))
              .addAll(records, 0, changed)
              .add(replacement)
              .add(records.get(3)) // already copied above: left out, not a change
              .addAll(records, changed + 1, records.size())
              .build();
      assertEquals(records.size(), v2.packedRecords().size());
      publishAndWait(f, v1);
      publishAndWait(f, v2);

      ZoneTransferIn xfr = ixfr(f, 1, null);
      xfr.run();
      assertTrue(xfr.isIXFR());
      assertEquals(1, xfr.getIXFR().size());
      assertEquals(text(List.of(records.get(changed))), withoutSoa(xfr.getIXFR().get(0).deletes));
      assertEquals(text(List.of(replacement)), withoutSoa(xfr.getIXFR().get(0).adds));
    }
  }

  @Test
  void aSignedIncrementalTransferVerifies() throws Exception {
    try (ReplicationFixture f = fixture(true)) {
      ZoneSnapshot v1 = TestZones.large(ZONE, 1, 300);
      ZoneSnapshot v2 = change(v1, 2, List.of(), List.of(txt("new")));
      publishAndWait(f, v1);
      publishAndWait(f, v2);
      TSIG key =
          new TSIG(
              TSIG.HMAC_SHA256,
              TestRecords.name(KEY_NAME),
              new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
      ZoneTransferIn xfr = ixfr(f, 1, key);
      xfr.run();
      assertTrue(xfr.isIXFR());
      assertEquals(text(List.of(txt("new"))), withoutSoa(xfr.getIXFR().get(0).adds));
    }
  }

  @Test
  void aSerialOutOfHistoryOrIxfrDisabledGetsTheFullZoneAxfrStyle() throws Exception {
    for (boolean enabled : new boolean[] {true, false}) {
      try (ReplicationFixture f = fixture(enabled)) {
        ZoneSnapshot v5 = TestZones.large(ZONE, 5, 50);
        ZoneSnapshot v6 = change(v5, 6, List.of(), List.of(txt("six")));
        publishAndWait(f, v5);
        publishAndWait(f, v6);
        // serial 3 was never published: out of history; with IXFR disabled even 5 gets it all
        ZoneTransferIn xfr = ixfr(f, enabled ? 3 : 5, null);
        xfr.run(); // the question keeps IXFR, or dnsjava fails with "invalid question section"
        assertTrue(xfr.isAXFR(), "enabled=" + enabled);
        assertEquals(new HashSet<>(TestZones.allRecords(v6)), new HashSet<>(xfr.getAXFR()));
      }
    }
  }

  @Test
  void anUpToDateClientGetsOnlyTheCurrentSoa() throws Exception {
    try (ReplicationFixture f = fixture(true)) {
      ZoneSnapshot v7 = TestZones.small(ZONE, 7);
      publishAndWait(f, v7);
      for (long serial : new long[] {7, 8}) {
        ZoneTransferIn xfr = ixfr(f, serial, null);
        xfr.run();
        assertTrue(xfr.isCurrent(), "serial " + serial);
      }
      // raw: one message, one SOA, the current one
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(ixfrQuery(0x4242, 7).toWire());
        Message m = new Message(c.receive());
        assertEquals(0x4242, m.getHeader().getID());
        assertEquals(List.of(v7.soa()), m.getSection(Section.ANSWER));
      }
    }
  }

  private static Message ixfrQuery(int id, long serial) {
    Message query = Message.newQuery(Record.newRecord(ORIGIN, Type.IXFR, DClass.IN));
    query.getHeader().setID(id);
    query.addRecord(TestRecords.soa(ZONE, serial), Section.AUTHORITY);
    return query;
  }

  @Test
  void ixfrOverUdpGetsTheSingleCurrentSoa() throws Exception {
    try (ReplicationFixture f = fixture(true)) {
      ZoneSnapshot v1 = TestZones.small(ZONE, 1);
      ZoneSnapshot v2 = change(v1, 2, List.of(), List.of(txt("two")));
      publishAndWait(f, v1);
      publishAndWait(f, v2);
      Message m = new Message(RawDns.udpExchange(f.address(), ixfrQuery(77, 1).toWire()));
      assertEquals(Rcode.NOERROR, m.getRcode());
      assertFalse(m.getHeader().getFlag(org.xbill.DNS.Flags.TC));
      List<Record> answer = m.getSection(Section.ANSWER);
      assertEquals(1, answer.size());
      assertEquals(2, ((SOARecord) answer.get(0)).getSerial());
    }
  }

  @Test
  void malformedIxfrGetsFormerr() throws Exception {
    try (ReplicationFixture f = fixture(true)) {
      publishAndWait(f, TestZones.small(ZONE, 1));
      Message noSoa = Message.newQuery(Record.newRecord(ORIGIN, Type.IXFR, DClass.IN));
      noSoa.getHeader().setID(0x1111);
      Message wrongOwner = Message.newQuery(Record.newRecord(ORIGIN, Type.IXFR, DClass.IN));
      wrongOwner.getHeader().setID(0x2222);
      wrongOwner.addRecord(TestRecords.soa("example.org.", 1), Section.AUTHORITY);
      try (RawDns c = RawDns.connect(f.address())) {
        for (Message q : List.of(noSoa, wrongOwner)) {
          c.send(q.toWire());
          Message m = new Message(c.receive());
          assertEquals(Rcode.FORMERR, m.getRcode());
          assertEquals(q.getHeader().getID(), m.getHeader().getID());
          assertEquals(q.getQuestion(), m.getQuestion());
        }
      }
      Message udp = new Message(RawDns.udpExchange(f.address(), noSoa.toWire()));
      assertEquals(Rcode.FORMERR, udp.getRcode());
    }
  }

  /** A host journal in memory, shared by two responder lifetimes. */
  private static AxfrResponder responder(ZoneSource source, ZoneJournal journal) {
    AxfrResponder.Builder b =
        AxfrResponder.builder()
            .listen(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .zoneSource(source)
            .policy(r -> TransferDecision.allow("test"));
    if (journal != null) {
      b.journal(journal);
    }
    return b.build();
  }

  private static ZoneTransferIn ixfr(AxfrResponder responder, long serial) {
    ZoneTransferIn xfr =
        ZoneTransferIn.newIXFR(ORIGIN, serial, false, responder.boundAddresses().get(0), null);
    xfr.setTimeout(Duration.ofSeconds(20));
    return xfr;
  }

  @Test
  void aHostJournalKeepsTheHistoryAcrossARestart() throws Exception {
    InMemoryZoneJournal journal = new InMemoryZoneJournal();
    ZoneSnapshot v1 = TestZones.large(ZONE, 1, 50);
    ZoneSnapshot v2 = change(v1, 2, List.of(), List.of(txt("persisted")));
    PublishedZones zones = new PublishedZones();
    zones.publish(v1);
    try (AxfrResponder first = responder(zones, journal)) {
      first.start();
      first.whenReady(v1).get(20, TimeUnit.SECONDS);
      zones.publish(v2);
      first.whenReady(v2).get(20, TimeUnit.SECONDS);
    }
    assertEquals(1, journal.load(ORIGIN).size(), "the delta 1->2 was persisted");
    try (AxfrResponder second = responder(zones, journal)) {
      second.start(); // restores the history of the published v2 from the journal
      second.whenReady(v2).get(20, TimeUnit.SECONDS);
      ZoneTransferIn xfr = ixfr(second, 1);
      xfr.run();
      assertTrue(xfr.isIXFR());
      assertEquals(text(List.of(txt("persisted"))), withoutSoa(xfr.getIXFR().get(0).adds));
    }
  }

  @Test
  void aHostsOwnZoneSourceGetsIncrementalAnswersForVersionsItServed() throws Exception {
    java.util.concurrent.atomic.AtomicReference<ZoneSnapshot> current =
        new java.util.concurrent.atomic.AtomicReference<>(TestZones.large(ZONE, 1, 50));
    ZoneSource source = zone -> Optional.of(current.get()).filter(z -> z.origin().equals(zone));
    try (AxfrResponder responder = responder(source, null)) {
      responder.start();
      SimpleResolver resolver = new SimpleResolver(responder.boundAddresses().get(0));
      resolver.setTimeout(Duration.ofSeconds(10));
      Message soaQuery = Message.newQuery(Record.newRecord(ORIGIN, Type.SOA, DClass.IN));
      resolver.send(soaQuery); // the responder sees version 1
      ZoneSnapshot v2 = change(current.get(), 2, List.of(), List.of(txt("own source")));
      current.set(v2);
      resolver.send(soaQuery); // and version 2
      responder.whenReady(v2).get(20, TimeUnit.SECONDS);
      ZoneTransferIn xfr = ixfr(responder, 1);
      xfr.run();
      assertTrue(xfr.isIXFR());
      assertEquals(text(List.of(txt("own source"))), withoutSoa(xfr.getIXFR().get(0).adds));
    }
  }
}
