package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.examples.cli.SharedNames.SharedName;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The status lines stay bounded however many zones, clients and targets there are. */
class ServeStatusTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Name ZONE = Name.fromConstantString("example.com.");

  private static InetSocketAddress client(int i) throws Exception {
    return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) i}), 4000);
  }

  private static TransferStats axfr(Name zone, int client, long serial) throws Exception {
    return new TransferStats(
        new TransferRequest(client(client), zone, Type.AXFR, Transport.TCP, Optional.empty()),
        SerialNumber.of(serial),
        1,
        10,
        500,
        Duration.ofMillis(3));
  }

  /** A status over these zones, each a state of its own (as the zones {@code serve} serves). */
  private static ServeStatus statusOf(Clock clock, List<Name> names) {
    ServeZones zones = new ServeZones();
    names.forEach(n -> zones.put(n, new ServeZoneState()));
    return new ServeStatus(clock, zones);
  }

  @Test
  void aZoneLineHasTheSerialTheLastTransferPerClientAndNotifyPerTarget() throws Exception {
    ServeStatus status = statusOf(CLOCK, List.of(ZONE));
    status.published(ZONE, SerialNumber.of(7));
    TransferListener l = status.listener();
    l.completed(axfr(ZONE, 1, 6));
    l.completed(axfr(ZONE, 1, 7)); // the same client: only its last transfer
    l.refused(
        new TransferRefusal(
            client(2),
            Transport.TCP,
            Optional.of(ZONE),
            java.util.OptionalInt.of(Type.AXFR),
            Rcode.REFUSED,
            "not allowed"));
    NotifyTarget target =
        new NotifyTarget(InetAddress.getLoopbackAddress(), 5300, Optional.empty());
    status.notified(new NotifyOutcome.Unanswered(ZONE, SerialNumber.of(7), target, 3));
    assertEquals(
        Optional.of(
            "status example.com. serial 7 since 2026-12-01T12:00:00Z; last transfer: 127.0.1.1"
                + " AXFR serial 7 at 2026-12-01T12:00:00Z, 127.0.1.2 AXFR refused (REFUSED) at"
                + " 2026-12-01T12:00:00Z; NOTIFY: 127.0.0.1:5300 unanswered after 3 tries serial 7"
                + " at 2026-12-01T12:00:00Z"),
        status.zone(ZONE));
    assertTrue(
        status
            .all()
            .get(0)
            .endsWith(
                "2 transfers, 0 failed, 1 refused; 1 NOTIFY outcomes, 1"
                    + " unanswered or rejected"),
        status.all().get(0));
  }

  @Test
  void aZoneSaysNoneForWhatDidNotHappenYet() throws Exception {
    Name other = Name.fromConstantString("example.net.");
    ServeStatus status = statusOf(CLOCK, List.of(ZONE, other));
    assertEquals(
        Optional.of("status example.com. serial -; last transfer: none; NOTIFY: none"),
        status.zone(ZONE));
    // The greatest serial there is, and a NOTIFY without a transfer.
    status.published(ZONE, SerialNumber.of(4294967295L));
    NotifyTarget target =
        new NotifyTarget(InetAddress.getLoopbackAddress(), 5300, Optional.empty());
    status.notified(new NotifyOutcome.Unanswered(ZONE, SerialNumber.of(4294967295L), target, 2));
    status.listener().completed(axfr(other, 3, 0));
    assertEquals(
        Optional.of(
            "status example.com. serial 4294967295 since 2026-12-01T12:00:00Z; last transfer:"
                + " none; NOTIFY: 127.0.0.1:5300 unanswered after 2 tries serial 4294967295 at"
                + " 2026-12-01T12:00:00Z"),
        status.zone(ZONE));
    assertEquals(
        Optional.of(
            "status example.net. serial -; last transfer: 127.0.1.3 AXFR serial 0 at"
                + " 2026-12-01T12:00:00Z; NOTIFY: none"),
        status.zone(other));
  }

  /**
   * A zone keeps its serial and seconds in 32 bits (issue 13: memory per zone): a time past 2038
   * (the sign bit of a 32-bit second) and the greatest serial are shown as they are.
   */
  @Test
  void aTimePast2038IsShownAsItIs() throws Exception {
    Clock late = Clock.fixed(Instant.parse("2100-03-01T00:00:07Z"), ZoneOffset.UTC);
    ServeStatus status = statusOf(late, List.of(ZONE));
    status.published(ZONE, SerialNumber.of(4294967295L));
    status.listener().completed(axfr(ZONE, 1, 4294967295L));
    status.listener().completed(axfr(ZONE, 2, 4294967295L));
    assertEquals(
        Optional.of(
            "status example.com. serial 4294967295 since 2100-03-01T00:00:07Z; last transfer:"
                + " 127.0.1.1 AXFR serial 4294967295 at 2100-03-01T00:00:07Z, 127.0.1.2 AXFR serial"
                + " 4294967295 at 2100-03-01T00:00:07Z; NOTIFY: none"),
        status.zone(ZONE));
  }

  @Test
  void aClientHeardFromAgainMovesLastAndTheLeastRecentlyHeardIsDropped() throws Exception {
    ServeStatus status = statusOf(CLOCK, List.of(ZONE));
    TransferListener l = status.listener();
    l.completed(axfr(ZONE, 1, 1));
    l.completed(axfr(ZONE, 2, 1));
    l.completed(axfr(ZONE, 1, 2));
    assertEquals(
        Optional.of(
            "status example.com. serial -; last transfer: 127.0.1.2 AXFR serial 1 at"
                + " 2026-12-01T12:00:00Z, 127.0.1.1 AXFR serial 2 at 2026-12-01T12:00:00Z;"
                + " NOTIFY: none"),
        status.zone(ZONE));

    for (int i = 3; i <= ServeStatus.MAX_CLIENTS; i++) {
      l.completed(axfr(ZONE, i, 1)); // now full: 2, 1, 3, ..., MAX_CLIENTS
    }
    l.completed(axfr(ZONE, 2, 3)); // 2 heard from again: 1 is now the least recent
    l.completed(axfr(ZONE, 100, 1));
    String line = status.zone(ZONE).orElseThrow();
    assertTrue(!line.contains("127.0.1.1 ") && line.contains("127.0.1.2 AXFR serial 3"), line);
    assertTrue(
        line.contains("127.0.1.100 AXFR serial 1 at 2026-12-01T12:00:00Z (+1 older not kept);"),
        line);
  }

  /**
   * Every zone's events hold one object of a client's name (most zones have the same few
   * secondaries), and ever new names (refused queries from anywhere) do not grow the table.
   */
  @Test
  void aClientsNameIsOneObjectForEveryZoneAndTheObjectsAreBounded() {
    ServeStatus status = statusOf(CLOCK, List.of(ZONE));
    SharedName first = status.shared(new String("192.0.2.1"));
    assertSame(first, status.shared(new String("192.0.2.1")), "the same object");
    for (int i = 0; i < ServeStatus.MAX_SHARED_NAMES; i++) {
      status.shared("198.51.100." + i);
    }
    SharedName late = status.shared("203.0.113.1");
    assertEquals("203.0.113.1", late.text(), "past the bound, the name given");
    assertNotSame(late, status.shared("203.0.113.1"), "and not kept");
    assertTrue(late.sameAs(status.shared("203.0.113.1")), "yet the same name");
    assertSame(first, status.shared(new String("192.0.2.1")), "the kept ones stay");
  }

  /**
   * A client's name is found by its address, written out once: the same copy at every transfer, the
   * one {@code shared} holds; past the bound of addresses a new one still gets its own name.
   */
  @Test
  void aClientsNameIsFoundByItsAddressAndIsTheSharedCopy() throws Exception {
    ServeStatus status = statusOf(CLOCK, List.of(ZONE));
    SharedName v4 = status.clientName(InetAddress.getByName("192.0.2.1"));
    assertEquals("192.0.2.1", v4.text());
    assertSame(v4, status.clientName(InetAddress.getByName("192.0.2.1")), "the same object");
    assertSame(v4, status.shared(new String("192.0.2.1")), "the shared object");
    assertEquals(
        "2001:db8::53", status.clientName(InetAddress.getByName("2001:db8:0:0:0:0:0:53")).text());
    for (int i = 0; i < ServeStatus.MAX_SHARED_NAMES; i++) {
      status.clientName(InetAddress.getByName("198.51." + (i >> 8) + "." + (i & 0xFF)));
    }
    assertEquals("203.0.113.1", status.clientName(InetAddress.getByName("203.0.113.1")).text());
    assertSame(v4, status.clientName(InetAddress.getByName("192.0.2.1")), "the stored ones stay");
  }

  @Test
  void clientsPerZoneAreBounded() throws Exception {
    ServeStatus status = statusOf(CLOCK, List.of(ZONE));
    for (int i = 1; i <= ServeStatus.MAX_CLIENTS + 5; i++) {
      status.listener().completed(axfr(ZONE, i, 1));
    }
    String line = status.zone(ZONE).orElseThrow();
    assertEquals(ServeStatus.MAX_CLIENTS, line.split(" AXFR serial ").length - 1, line);
    assertTrue(line.contains("(+5 older not kept)"), line);
    assertTrue(!line.contains("127.0.1.1 ") && line.contains("127.0.1.13 "), line);
  }

  @Test
  void periodicLinesShowOnlyChangedZonesAndAreBounded() throws Exception {
    List<Name> zones = new ArrayList<>();
    for (int i = 0; i < ServeStatus.MAX_ZONE_LINES + 10; i++) {
      zones.add(Name.fromConstantString("z" + i + ".example."));
    }
    ServeStatus status = statusOf(CLOCK, zones);
    zones.forEach(z -> status.published(z, SerialNumber.of(1)));
    List<String> first = status.periodic();
    assertTrue(first.get(0).startsWith("status: 1010 zones, 1010 changed since"), first.get(0));
    assertEquals(1 + ServeStatus.MAX_ZONE_LINES + 1, first.size());
    assertEquals(
        "status: 10 more zones not shown; 'status ZONE' shows one", first.get(first.size() - 1));
    // The zones shown are the first in DNS canonical order (z0, z1, z10, z100, z1000, ...), as
    // are those of the on-demand status.
    List<String> firstInOrder =
        zones.stream()
            .sorted()
            .limit(ServeStatus.MAX_ZONE_LINES)
            .map(z -> "status " + z + " serial 1 since")
            .toList();
    List<String> all = status.all();
    for (int i = 0; i < ServeStatus.MAX_ZONE_LINES; i++) {
      assertTrue(first.get(1 + i).startsWith(firstInOrder.get(i)), first.get(1 + i));
      assertTrue(all.get(1 + i).startsWith(firstInOrder.get(i)), all.get(1 + i));
    }

    List<String> quiet = status.periodic();
    assertEquals(1, quiet.size(), quiet::toString);
    assertTrue(quiet.get(0).startsWith("status: 1010 zones, 0 changed since"), quiet.get(0));

    status.listener().completed(axfr(zones.get(3), 1, 1));
    List<String> one = status.periodic();
    assertEquals(2, one.size(), one::toString);
    assertTrue(one.get(1).startsWith("status z3.example. serial 1"), one.get(1));
    // Events about zones that are not served are counted, never stored.
    status.listener().completed(axfr(Name.fromConstantString("other.example."), 1, 1));
    assertEquals(1, status.periodic().size());
  }
}
