package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.FakeSecondary;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.catalog.CatalogMember;
import io.github.secdns.core.catalog.CatalogProducer;
import io.github.secdns.core.catalog.CatalogPublication;
import io.github.secdns.core.catalog.CatalogRequest;
import io.github.secdns.core.catalog.CatalogVersion;
import io.github.secdns.core.catalog.InMemoryCatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.core.catalog.RemovalConfirmation;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.FakeDnsServer;
import io.github.secdns.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Issue 17: a catalog zone produced by core ({@link CatalogProducer}) is served like any zone. The
 * consumer is on 127.0.0.2 and holds the catalog's TSIG key: the responder NOTIFYs it of every new
 * catalog version (signed), serves the catalog by AXFR and by IXFR (signed, each change as its
 * delta), and answers its SOA with AA over UDP and TCP, which consumers require (BIND refuses a
 * non-authoritative refresh answer). Members are published before the catalog lists them and
 * withdrawn after it stops listing them ({@link CatalogPublication}).
 */
class CatalogServingTest {

  private static final Name CATALOG = Name.fromConstantString("catalog.example.");
  private static final String KEY_NAME = ReplicationFixture.KEY_NAME;
  private static final String CONSUMER = "127.0.0.2";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final String secret = ReplicationFixture.newSecret();
  private final TSIG key = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString(KEY_NAME), secret);
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));
  private final MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
  private final BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
  private final List<Message> notifies = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> tsigProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
  private FakeDnsServer consumer;
  private ReplicationFixture primary;
  private ZoneSnapshot served;

  /** The consumer's NOTIFY port: checks each NOTIFY's signature and answers it signed. */
  @BeforeEach
  void start() throws IOException {
    consumer =
        FakeDnsServer.udp(
            Addresses.ip(CONSUMER),
            0,
            query -> {
              Message notify = query.parsed();
              int verified = key.verify(notify, query.wire(), null);
              if (verified != Rcode.NOERROR || notify.getTSIG() == null) {
                tsigProblems.add("NOTIFY " + query.number() + ": " + Rcode.TSIGstring(verified));
              }
              notifies.add(notify);
              return Optional.of(FakeSecondary.signedAnswer(notify, key));
            });
    SecondaryDnsConfiguration catalog =
        configuration(CATALOG.toString(), TransferAuthentication.ADDRESS_AND_KEY, true);
    primary =
        new ReplicationFixture(
            ResponderLimits.defaults(),
            NotifySender.builder().listener(outcomes::add),
            catalog,
            configuration("a.test.", TransferAuthentication.ADDRESS, false),
            configuration("b.test.", TransferAuthentication.ADDRESS, false),
            configuration("c.test.", TransferAuthentication.ADDRESS, false),
            configuration("d.test.", TransferAuthentication.ADDRESS, false));
  }

  @AfterEach
  void stop() {
    if (primary != null) {
      primary.close();
    }
    if (consumer != null) {
      consumer.close();
      assertEquals(List.of(), consumer.failures());
    }
  }

  /**
   * The catalog's configuration NOTIFYs the consumer (signed with the key) and lets it transfer
   * from 127.0.0.2 with the key; members allow 127.0.0.2 (their NOTIFY targets are the consumer too
   * in a host; here only the catalog's NOTIFY is watched).
   */
  private SecondaryDnsConfiguration configuration(
      String zone, TransferAuthentication mode, boolean notifyConsumer) {
    return ReplicationFixture.configuration(
        zone,
        mode,
        "hmac-sha256",
        secret,
        b -> {
          SecondaryDnsConfiguration.Builder c = b.addAclEntry(CONSUMER);
          return notifyConsumer
              ? c.addNotifyTarget(consumer.address().getHostAddress(), consumer.port(), KEY_NAME)
              : c;
        });
  }

  private static ZoneSnapshot member(String zone, long serial) {
    return TestZones.small(zone, serial);
  }

  /** Produces the next catalog version listing {@code zones} and publishes it in order. */
  private CatalogVersion publishCatalog(String... zones) {
    return publishCatalog(List.of(zones), List.of());
  }

  /**
   * The same, with the host's confirmation of removing {@code removing} (one of four members is
   * above the brake's 10 %).
   */
  private CatalogVersion publishCatalog(List<String> zones, List<String> removing) {
    List<Name> names = new ArrayList<>();
    for (String z : zones) {
      names.add(Name.fromConstantString(z));
    }
    CatalogRequest.Builder request = CatalogRequest.builder(CATALOG);
    if (!removing.isEmpty()) {
      request.confirmRemoval(
          RemovalConfirmation.forRemoval(
              CATALOG, removing.stream().map(Name::fromConstantString).toList()));
    }
    labels.assign(CATALOG, names).forEach((n, l) -> request.addMember(CatalogMember.of(n, l)));
    if (served != null) {
      request.previous(served);
    }
    CatalogVersion version = CatalogProducer.create(clock).produce(request.build());
    List<String> order = new ArrayList<>();
    CatalogPublication.of(version)
        .applyTo(
            new CatalogPublication.Publisher() {
              @Override
              public void publishMember(Name zone) {
                order.add("member " + zone);
                primary.zones.publish(member(zone.toString(), 1));
              }

              @Override
              public void publishCatalog(ZoneSnapshot catalog) {
                order.add("catalog");
                primary.zones.publish(catalog);
              }

              @Override
              public void withdrawMember(Name zone) {
                order.add("withdraw " + zone);
                primary.zones.withdraw(zone);
              }
            });
    assertEquals(CatalogPublication.of(version).steps().size(), order.size(), order.toString());
    served = version.snapshot();
    clock.advance(Duration.ofSeconds(60));
    return version;
  }

  /** Waits for the consumer's acknowledgement of the catalog's NOTIFY for {@code serial}. */
  private void awaitNotified(long serial) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<NotifyOutcome> others = new ArrayList<>();
    while (true) {
      NotifyOutcome o = outcomes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertNotNull(
          o,
          "no NOTIFY of the catalog serial "
              + serial
              + " acknowledged in time; other outcomes: "
              + others
              + "; consumer failures: "
              + consumer.failures());
      others.add(o);
      if (o instanceof NotifyOutcome.Acknowledged ack
          && ack.zone().equals(CATALOG)
          && ack.serial().value() == serial) {
        return;
      }
    }
  }

  private ZoneTransferIn transfer(ZoneTransferIn xfr) throws Exception {
    xfr.setLocalAddress(new InetSocketAddress(Addresses.ip(CONSUMER), 0));
    xfr.setTimeout(WAIT);
    xfr.run();
    return xfr;
  }

  private static Set<String> records(List<Record> records) {
    Set<String> out = new TreeSet<>();
    records.forEach(r -> out.add(r.toString()));
    return out;
  }

  private static Set<String> records(ZoneSnapshot zone) {
    Set<String> out = new TreeSet<>();
    out.add(zone.soa().toString());
    zone.records().forEach(r -> out.add(r.toString()));
    return out;
  }

  @Test
  void theCatalogIsServedByAxfrAndIxfrWithASignedNotifyOnEveryChange() throws Exception {
    CatalogVersion v1 = publishCatalog("a.test.", "b.test.", "c.test.");
    awaitNotified(v1.snapshot().serial().value());
    for (String z : List.of("a.test.", "b.test.", "c.test.")) {
      assertTrue(primary.zones.snapshot(Name.fromConstantString(z)).isPresent(), z);
    }

    ZoneTransferIn axfr = transfer(ZoneTransferIn.newAXFR(CATALOG, primary.address(), key));
    assertEquals(records(v1.snapshot()), records(axfr.getAXFR()), "AXFR holds exactly the catalog");
    assertEquals(
        3, axfr.getAXFR().stream().filter(r -> r.getType() == Type.PTR).count(), "three members");
    ZoneTransferException unsigned =
        assertThrows(
            ZoneTransferException.class,
            () -> transfer(ZoneTransferIn.newAXFR(CATALOG, primary.address(), null)));
    assertTrue(unsigned.getMessage().contains("REFUSED"), unsigned.getMessage());

    // A member added: published before the catalog lists it; the catalog's IXFR is the delta.
    CatalogVersion v2 = publishCatalog("a.test.", "b.test.", "c.test.", "d.test.");
    assertEquals(List.of(Name.fromConstantString("d.test.")), v2.added());
    awaitNotified(v2.snapshot().serial().value());
    ZoneTransferIn ixfr =
        transfer(
            ZoneTransferIn.newIXFR(
                CATALOG, v1.snapshot().serial().value(), false, primary.address(), key));
    assertTrue(ixfr.isIXFR(), "incremental");
    assertEquals(1, ixfr.getIXFR().size());
    ZoneTransferIn.Delta added = ixfr.getIXFR().get(0);
    assertEquals(List.of(), added.deletes.subList(1, added.deletes.size()), "nothing deleted");
    assertEquals(1, added.adds.size() - 1, "one record added: " + added.adds);
    PTRRecord ptr = (PTRRecord) added.adds.get(1);
    assertEquals(Name.fromConstantString("d.test."), ptr.getTarget());

    // A member removed: the catalog first, then the member is withdrawn.
    CatalogVersion v3 =
        publishCatalog(List.of("a.test.", "c.test.", "d.test."), List.of("b.test."));
    assertEquals(List.of(Name.fromConstantString("b.test.")), v3.removed());
    awaitNotified(v3.snapshot().serial().value());
    assertFalse(primary.zones.snapshot(Name.fromConstantString("b.test.")).isPresent());
    ZoneTransferIn both =
        transfer(
            ZoneTransferIn.newIXFR(
                CATALOG, v1.snapshot().serial().value(), false, primary.address(), key));
    assertTrue(both.isIXFR());
    assertEquals(2, both.getIXFR().size(), "v1 -> v2 -> v3");
    ZoneTransferIn.Delta removed = both.getIXFR().get(1);
    assertEquals(1, removed.deletes.size() - 1, "one record deleted: " + removed.deletes);
    assertEquals(
        Name.fromConstantString("b.test."), ((PTRRecord) removed.deletes.get(1)).getTarget());
    ZoneTransferIn latest = transfer(ZoneTransferIn.newAXFR(CATALOG, primary.address(), key));
    assertEquals(records(v3.snapshot()), records(latest.getAXFR()));

    // One NOTIFY per version, each for its serial, each signed with the catalog's key.
    assertEquals(List.of(), tsigProblems);
    List<Long> notified = new ArrayList<>();
    for (Message n : notifies) {
      assertEquals(CATALOG, n.getQuestion().getName());
      long serial = ((SOARecord) n.getSection(Section.ANSWER).get(0)).getSerial();
      if (!notified.contains(serial)) {
        notified.add(serial);
      }
    }
    assertEquals(
        List.of(
            v1.snapshot().serial().value(),
            v2.snapshot().serial().value(),
            v3.snapshot().serial().value()),
        notified);
  }

  /**
   * Consumers refresh the catalog by asking its SOA, signed with their key, over UDP (BIND, Knot)
   * or TCP: the answer is authoritative (AA) with the current serial, signed.
   */
  @Test
  void theCatalogSoaIsAnsweredWithAuthorityOverUdpAndTcp() throws Exception {
    CatalogVersion v1 = publishCatalog("a.test.", "b.test.");
    for (boolean tcp : List.of(false, true)) {
      for (TSIG signedWith : java.util.Arrays.asList(key, null)) {
        SimpleResolver resolver = new SimpleResolver(primary.address());
        resolver.setLocalAddress(new InetSocketAddress(Addresses.ip(CONSUMER), 0));
        resolver.setTCP(tcp);
        resolver.setTimeout(WAIT);
        if (signedWith != null) {
          resolver.setTSIGKey(signedWith);
        }
        Message answer =
            resolver.send(Message.newQuery(Record.newRecord(CATALOG, Type.SOA, DClass.IN)));
        String how = (tcp ? "TCP" : "UDP") + (signedWith != null ? ", signed" : ", unsigned");
        assertEquals(Rcode.NOERROR, answer.getRcode(), how);
        assertTrue(answer.getHeader().getFlag(Flags.AA), "AA over " + how);
        List<Record> soa = answer.getSection(Section.ANSWER);
        assertEquals(1, soa.size(), how);
        assertEquals(v1.snapshot().soa(), soa.get(0), how);
        assertEquals(signedWith != null, answer.isSigned() && answer.isVerified(), how);
      }
    }
  }
}
