package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.axfr.HostileMessages.Framing;
import io.github.secdns.axfr.HostileMessages.Kind;
import io.github.secdns.testsupport.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Hostile messages over UDP and TCP (issue 9): random and mutated requests of every {@link Kind},
 * and over TCP every {@link Framing}, never stop the responder, leak no thread, socket or file
 * descriptor, log no ERROR and no WARN with a stack trace, and a well-formed SOA query is answered
 * right after each one. Every reply is read and must be one well-formed message ({@link
 * HostileReplies}).
 *
 * <p>Twice (issue 19): with a responder that allows every transfer, which proves survival, and with
 * one that requires a TSIG key, where no reply to a hostile message may carry a single record of
 * the protected zone (its public SOA aside), whatever the message and however it is signed.
 */
class HostileInputTest {

  private static final int EXAMPLES = Integer.getInteger("secdns.hostile.examples", 1000);
  private static final HostileReplies WELL_FORMED = HostileReplies.wellFormed();
  private static final HostileReplies NO_ZONE_DATA =
      HostileReplies.withoutDataOf(HostileMessages.ZONE);

  @BeforeAll
  static void warmUp() throws Exception {
    // Load every class and open every jar the run will need, so that the descriptor count taken
    // afterwards is a fair baseline.
    try (Fixture f = HostileMessages.fixture()) {
      Random r = new Random(1);
      try (DatagramSocket client = udpClient()) {
        for (Kind kind : Kind.values()) {
          udpExample(f, client, kind, r.nextLong(), 1, WELL_FORMED);
        }
      }
      for (Framing framing : Framing.values()) {
        tcpExample(f, Kind.RANDOM, framing, r.nextLong(), 2, WELL_FORMED);
      }
    }
  }

  @Test
  void hostileDatagramsNeverHurtTheResponder() throws Exception {
    udpRun(HostileMessages::fixture, WELL_FORMED);
  }

  @Test
  void hostileTcpMessagesAndFramingNeverHurtTheResponder() throws Exception {
    tcpRun(HostileMessages::fixture, WELL_FORMED);
  }

  @Test
  void hostileDatagramsGetNoZoneDataWhenAKeyIsRequired() throws Exception {
    udpRun(HostileMessages::keyRequired, NO_ZONE_DATA);
  }

  @Test
  void hostileTcpMessagesGetNoZoneDataWhenAKeyIsRequired() throws Exception {
    tcpRun(HostileMessages::keyRequired, NO_ZONE_DATA);
  }

  /** What starts the responder under test. */
  @FunctionalInterface
  interface Responder {
    Fixture start() throws IOException;
  }

  private static void udpRun(Responder responder, HostileReplies replies) throws Exception {
    long fdsBefore = Resources.fileDescriptorBaseline();
    Set<Thread> jvmThreadsBefore = Resources.liveThreads();
    int logMark = CapturedLogs.mark();
    try (Fixture f = responder.start();
        DatagramSocket client = udpClient()) {
      int[] id = {100};
      qt().withExamples(EXAMPLES)
          .forAll(Generate.enumValues(Kind.class), longs().all())
          .checkAssert(
              (kind, seed) -> udpExample(f, client, kind, seed, id[0]++ & 0xFFFF, replies));
      assertTrue(Fixture.responderThreads().contains("secdns-axfr-io"), "the I/O thread died");
    }
    assertEquals(List.of(), CapturedLogs.problemsSince(logMark));
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
    assertEquals(Set.of(), Resources.threadsLeftSince(jvmThreadsBefore));
  }

  private static void tcpRun(Responder responder, HostileReplies replies) throws Exception {
    long fdsBefore = Resources.fileDescriptorBaseline();
    Set<Thread> jvmThreadsBefore = Resources.liveThreads();
    int logMark = CapturedLogs.mark();
    try (Fixture f = responder.start()) {
      Set<String> threadsBefore = Fixture.responderThreads();
      int[] id = {100};
      qt().withExamples(EXAMPLES)
          .forAll(
              Generate.enumValues(Kind.class), Generate.enumValues(Framing.class), longs().all())
          .checkAssert(
              (kind, framing, seed) ->
                  tcpExample(f, kind, framing, seed, id[0]++ & 0xFFFF, replies));
      assertTrue(
          Resources.await(() -> f.responder.openConnections() == 0, 10, TimeUnit.SECONDS),
          "connections left open: " + f.responder.openConnections());
      Set<String> threadsAfter = Fixture.responderThreads();
      assertTrue(threadsAfter.contains("secdns-axfr-io"), "the I/O thread died");
      assertTrue(
          threadsAfter.size() <= 3, "threads: " + threadsAfter + ", before: " + threadsBefore);
    }
    assertEquals(List.of(), CapturedLogs.problemsSince(logMark));
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
    assertEquals(Set.of(), Resources.threadsLeftSince(jvmThreadsBefore));
  }

  static DatagramSocket udpClient() throws IOException {
    DatagramSocket client = new DatagramSocket(new InetSocketAddress(Addresses.LOOPBACK_1, 0));
    client.setSoTimeout(RawDns.TIMEOUT_MS);
    return client;
  }

  /**
   * Sends one hostile datagram, then an SOA query that must be answered; every reply read on the
   * way (to this message or to earlier ones) is checked.
   */
  static void udpExample(
      Fixture f, DatagramSocket client, Kind kind, long seed, int id, HostileReplies replies) {
    byte[] hostile = HostileMessages.make(kind, new Random(seed));
    String what = kind + " seed " + seed;
    try {
      client.send(new DatagramPacket(hostile, hostile.length, f.address()));
      byte[] good = RawDns.query(id, HostileMessages.ZONE, Type.SOA, false);
      client.send(new DatagramPacket(good, good.length, f.address()));
      if (!RawDns.receiveDatagramUntil(
          client,
          wire -> {
            replies.check(wire, what);
            return isSoaAnswer(wire, id);
          },
          wire -> {})) {
        throw new AssertionError("no SOA answer after " + what);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends one hostile message framed as told on one connection (then, when the framing kept it in
   * step, an SOA query), closes the sending side and reads every reply until the responder closes
   * the connection, checking each; an SOA query must then be answered, on that connection when the
   * framing kept it in step, else on a new one.
   */
  static void tcpExample(
      Fixture f, Kind kind, Framing framing, long seed, int id, HostileReplies replies) {
    Random r = new Random(seed);
    byte[] hostile = HostileMessages.make(kind, r);
    String what = kind + "/" + framing + " seed " + seed;
    try {
      boolean answered = false;
      try (RawDns c = RawDns.connect(f.address())) {
        c.sendRaw(HostileMessages.frame(hostile, framing, r));
        if (framing == Framing.EXACT) {
          c.send(RawDns.query(id, HostileMessages.ZONE, Type.SOA, false));
        }
        c.socket().shutdownOutput();
        for (byte[] reply : c.receiveUntilClosed()) {
          replies.check(reply, what);
          answered |= isSoaAnswer(reply, id);
        }
      } catch (java.net.SocketException resetWhileSending) {
        // HUGE framing: the responder closes at once, possibly before everything was written.
      }
      if (framing == Framing.EXACT) {
        if (!answered) {
          throw new AssertionError("no SOA answer on the connection after " + what);
        }
        return;
      }
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(id, HostileMessages.ZONE, Type.SOA, false));
        awaitSoaAnswer(c, id, what, replies);
      }
    } catch (IOException e) {
      throw new AssertionError("TCP exchange failed after " + what, e);
    }
  }

  private static void awaitSoaAnswer(RawDns c, int id, String what, HostileReplies replies)
      throws IOException {
    while (true) {
      byte[] wire;
      try {
        wire = c.receive();
      } catch (IOException e) {
        throw new AssertionError("no SOA answer after " + what, e);
      }
      replies.check(wire, what);
      if (isSoaAnswer(wire, id)) {
        return;
      }
    }
  }

  static boolean isSoaAnswer(byte[] wire, int id) {
    if (wire.length < 12 || RawDns.id(wire) != id || (RawDns.flags(wire) & 0x8000) == 0) {
      return false;
    }
    Message m;
    try {
      m = new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (m.getQuestion() == null || m.getQuestion().getType() != Type.SOA) {
      return false;
    }
    assertEquals(Rcode.NOERROR, m.getRcode());
    return true;
  }
}
