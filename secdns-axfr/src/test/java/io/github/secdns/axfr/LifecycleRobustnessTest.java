package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Lifecycle (issue 9): close() with several transfers in flight ends them within the grace period,
 * is idempotent (also when called concurrently) and leaves no thread or descriptor; a hundred
 * start/close cycles in one JVM leak nothing.
 */
class LifecycleRobustnessTest {

  private static final int CYCLES = Integer.getInteger("secdns.lifecycle.cycles", 100);

  @Test
  void closeWithTransfersInFlightEndsThemWithinTheGraceAndIsIdempotent() throws Exception {
    Duration grace = Duration.ofMillis(500);
    long fdsBefore = Resources.fileDescriptorBaseline();
    Fixture f =
        new Fixture(
            r -> TransferDecision.allow("test"),
            ResponderLimits.defaults().withShutdownGrace(grace));
    f.zones.publish(TestZones.large("example.com.", 1, 400_000));
    List<RawDns> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        stalled.add(RawDns.stalledTransfer(f.address(), "example.com."));
      }
      // A client that only keeps an idle connection open is not waited for.
      stalled.add(RawDns.connect(f.address()));
      assertTrue(Resources.await(() -> f.responder.openConnections() == 4, 10, TimeUnit.SECONDS));

      long start = System.nanoTime();
      CompletableFuture<Void> concurrentClose = CompletableFuture.runAsync(f.responder::close);
      f.responder.close();
      concurrentClose.get(30, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // close() documents its bound: the grace, plus at most ten seconds to join its threads.
      assertTrue(took.compareTo(grace.plusSeconds(10)) < 0, "close() took " + took);
      assertEquals(Set.of(), Fixture.responderThreads());

      Set<Integer> failedPorts = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        TransferFailure failure = RecordingListener.next(f.listener.failed);
        assertTrue(failure.reason().contains("closed"), failure.reason());
        failedPorts.add(failure.soFar().request().client().getPort());
      }
      assertEquals(3, failedPorts.size(), "one failed event per transfer in flight");
      for (RawDns c : stalled) {
        assertTrue(c.closedByServerAfterDraining());
      }
      f.responder.close(); // idempotent: returns at once, nothing changes
      f.close();
    } finally {
      for (RawDns c : stalled) {
        c.close();
      }
    }
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
  }

  @Test
  void aTransferThatCanFinishWithinTheGraceCompletesDuringClose() throws Exception {
    Fixture f =
        new Fixture(
            r -> TransferDecision.allow("test"),
            ResponderLimits.defaults().withShutdownGrace(Duration.ofSeconds(20)));
    f.zones.publish(TestZones.large("example.com.", 1, 400_000));
    try (RawDns client = RawDns.stalledTransfer(f.address(), "example.com.")) {
      CompletableFuture<Void> closing = CompletableFuture.runAsync(f.responder::close);
      // close() has begun once the listener no longer accepts connections.
      assertTrue(
          Resources.await(() -> !accepts(f.address()), 10, TimeUnit.SECONDS),
          "the responder still accepts connections");
      // The client reads again: the rest of the transfer arrives, up to the final SOA.
      List<byte[]> rest = client.receiveTransfer(1);
      closing.get(30, TimeUnit.SECONDS);
      TransferStats completed = RecordingListener.next(f.listener.completed);
      assertEquals(rest.size() + 1, completed.messages());
      assertTrue(f.listener.failed.isEmpty(), "failed: " + f.listener.failed);
      f.close();
    }
  }

  /** True when a TCP connection to the address is accepted and not closed at once. */
  private static boolean accepts(InetSocketAddress address) {
    try (RawDns c = RawDns.connect(address)) {
      c.send(RawDns.query(7, "example.com.", Type.SOA, false));
      c.receive();
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aHundredStartCloseCyclesLeakNothing() throws Exception {
    long fdsBefore = Resources.fileDescriptorBaseline();
    Set<String> threadsBefore = Resources.secdnsThreads();
    Set<Thread> jvmThreadsBefore = Resources.liveThreads();
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 1));
    for (int i = 0; i < CYCLES; i++) {
      AxfrResponder responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .zoneSource(zones)
              .policy(r -> TransferDecision.allow("test"))
              .build();
      try (responder) {
        responder.start();
        InetSocketAddress address = responder.boundAddresses().get(0);
        Message udp =
            new Message(
                RawDns.udpExchange(address, RawDns.query(i, "example.com.", Type.SOA, false)));
        assertEquals(Rcode.NOERROR, udp.getRcode());
        try (RawDns tcp = RawDns.connect(address)) {
          tcp.send(RawDns.query(i, "example.com.", Type.AXFR, false));
          assertEquals(Rcode.NOERROR, new Message(tcp.receiveTransfer().get(0)).getRcode());
        }
      }
      assertEquals(Set.of(), Fixture.responderThreads(), "after cycle " + i);
    }
    assertEquals(threadsBefore, Resources.secdnsThreads());
    assertEquals(Set.of(), Resources.threadsLeftSince(jvmThreadsBefore));
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
  }
}
