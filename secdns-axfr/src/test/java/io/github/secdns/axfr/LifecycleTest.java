package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.Prerequisites;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Start, bound addresses, threads, idle timeout, close. */
class LifecycleTest {

  @Test
  void bindsTcpAndUdpOnTheSamePortAndNamesItsThreads() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      InetSocketAddress bound = f.address();
      assertNotEquals(0, bound.getPort());
      // Both ports are taken: binding them again fails.
      assertThrows(
          java.net.BindException.class,
          () -> new ServerSocket(bound.getPort(), 1, bound.getAddress()).close());
      assertThrows(java.net.BindException.class, () -> new DatagramSocket(bound).close());
      assertTrue(
          Fixture.responderThreads().contains("secdns-axfr-io"),
          Fixture.responderThreads().toString());
    }
  }

  @Test
  void listensOnIpv6Too() throws Exception {
    // The only IPv6 listen test: skipped without ::1, except under .ci/run, where it fails.
    Prerequisites.require(
        Addresses.hasIpv6Loopback(),
        "no IPv6 loopback (::1) here; enable it (sysctl net.ipv6.conf.lo.disable_ipv6=0)");
    InetSocketAddress v6 = new InetSocketAddress(Addresses.LOOPBACK_V6, 0);
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 3));
    AxfrResponder responder = AxfrResponder.builder().listen(v6).zoneSource(zones).build();
    try (responder) {
      responder.start();
      InetSocketAddress bound = responder.boundAddresses().get(0);
      Message reply =
          new Message(
              RawDns.udpExchange(bound, RawDns.query(3, "example.com.", Type.SOA, false), "::1"));
      assertEquals(Rcode.NOERROR, reply.getRcode());
    }
  }

  @Test
  void closeDuringATransferEndsItWithinTheGraceAndLeavesNoThread() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withShutdownGrace(Duration.ofMillis(200));
    Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits);
    f.zones.publish(TestZones.large("example.com.", 1, 400_000));
    try (RawDns stalled = RawDns.stalledTransfer(f.address(), "example.com.")) {
      assertTrue(stalled.socket().isConnected());
      f.close(); // asserts that no secdns-axfr-* thread is left
      TransferFailure failure = RecordingListener.next(f.listener.failed);
      assertTrue(failure.soFar().messages() >= 1);
      assertTrue(failure.reason().contains("closed"), failure.reason());
      f.responder.close(); // idempotent
      assertEquals(Set.of(), Fixture.responderThreads());
    }
  }

  @Test
  void startTwiceOrAfterCloseIsRefused() throws Exception {
    Fixture f = Fixture.allowingAll();
    assertThrows(IllegalStateException.class, f.responder::start);
    f.close();
    assertThrows(IllegalStateException.class, f.responder::start);
  }

  @Test
  void aHostThreadFactoryIsUsed() throws Exception {
    CopyOnWriteArrayList<Thread> made = new CopyOnWriteArrayList<>();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "host-thread-" + made.size());
          t.setDaemon(true);
          made.add(t);
          return t;
        };
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 1));
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .policy(r -> TransferDecision.allow("test"))
            .threadFactory(factory)
            .build();
    try (responder) {
      responder.start();
      org.xbill.DNS.ZoneTransferIn xfr =
          org.xbill.DNS.ZoneTransferIn.newAXFR(
              TestRecords.name("example.com."), responder.boundAddresses().get(0), null);
      xfr.run();
    }
    assertTrue(made.size() >= 2, "I/O and render threads: " + made);
    for (Thread t : made) {
      assertTrue(!t.isAlive(), t.getName() + " still alive");
    }
  }

  @Test
  void idleConnectionsAreClosedAndPartialMessagesDoNotKeepThemOpen() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withIdleTimeout(Duration.ofMillis(300));
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns idle = RawDns.connect(f.address());
          RawDns dribbler = RawDns.connect(f.address())) {
        byte[] query = RawDns.query(5, "example.com.", Type.SOA, false);
        dribbler.sendRaw(new byte[] {0, (byte) query.length, query[0]});
        // Both are closed by the server; read() blocks until then (socket timeout 10 s).
        assertTrue(idle.closedByServer());
        assertTrue(dribbler.closedByServer());
      }
      // A connection in use is answered.
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(6, "example.com.", Type.SOA, false));
        assertEquals(6, RawDns.id(c.receive()));
      }
    }
  }

  @Test
  void aSlowReaderIsCutOffByTheTransferDeadline() throws Exception {
    ResponderLimits limits =
        ResponderLimits.defaults().withTransferDeadline(Duration.ofMillis(500));
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      f.zones.publish(TestZones.large("example.com.", 1, 400_000));
      // A client that asks and never reads: the zone cannot fit in the socket buffers.
      try (RawDns reader = RawDns.connect(f.address(), null, 4096)) {
        reader.send(RawDns.query(9, "example.com.", Type.AXFR, false));
        TransferFailure failure = RecordingListener.next(f.listener.failed);
        assertTrue(failure.reason().contains("deadline"), failure.reason());
        assertTrue(reader.closedByServerAfterDraining());
      }
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withMaxConnections(2);
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns a = RawDns.connect(f.address());
          RawDns b = RawDns.connect(f.address())) {
        a.send(RawDns.query(1, "example.com.", Type.SOA, false));
        assertEquals(1, RawDns.id(a.receive()));
        b.send(RawDns.query(2, "example.com.", Type.SOA, false));
        assertEquals(2, RawDns.id(b.receive()));
        try (RawDns c = RawDns.connect(f.address())) {
          assertTrue(c.closedByServer());
        }
      }
    }
  }

  @Test
  void builderNeedsAnAddressAndASource() {
    assertThrows(
        IllegalStateException.class,
        () -> AxfrResponder.builder().zoneSource(new PublishedZones()).build());
    assertThrows(
        IllegalStateException.class,
        () ->
            AxfrResponder.builder()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build());
  }

  @Test
  void aFailedBindLeavesNothingBound() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AxfrResponder responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()))
              .zoneSource(new PublishedZones())
              .build();
      java.net.BindException e = assertThrows(java.net.BindException.class, responder::start);
      // The address as written to listen on, without InetSocketAddress's leading slash.
      assertTrue(
          e.getMessage().startsWith("cannot bind 127.0.0.1:" + taken.getLocalPort() + ": "),
          e.getMessage());
      responder.close();
      assertEquals(Set.of(), Fixture.responderThreads());
    }
  }
}
