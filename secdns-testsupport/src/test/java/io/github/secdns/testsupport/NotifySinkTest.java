package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The shared NOTIFY sink: counts everything, reports what it watches, answers when told to. */
class NotifySinkTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static byte[] notify(int id, String zone, long serial) {
    Name origin = Name.fromConstantString(zone);
    Message m = new Message(id);
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().setFlag(Flags.AA);
    m.getHeader().unsetFlag(Flags.RD);
    m.addRecord(Record.newRecord(origin, Type.SOA, DClass.IN), Section.QUESTION);
    m.addRecord(
        new SOARecord(origin, DClass.IN, 3600, origin, origin, serial, 1, 1, 1, 1), Section.ANSWER);
    return m.toWire();
  }

  private static void send(DatagramSocket client, byte[] message, InetSocketAddress to)
      throws Exception {
    client.send(new DatagramPacket(message, message.length, to));
  }

  @Test
  void countsEveryDatagramAndQueuesOnlyTheWatchedZonesInArrivalOrder() throws Exception {
    try (NotifySink sink =
            new NotifySink(Addresses.LOOPBACK_2, false)
                .watch(Name.fromConstantString("watched.example."));
        DatagramSocket client =
            new DatagramSocket(new InetSocketAddress(Addresses.LOOPBACK_1, 0))) {
      send(client, notify(1, "other.example.", 5), sink.address());
      send(client, notify(2, "watched.example.", 6), sink.address());
      send(client, new byte[] {1, 2, 3}, sink.address());
      send(client, notify(3, "watched.example.", 7), sink.address());
      assertTrue(sink.awaitReceived(4, WAIT), "received " + sink.received());
      NotifySink.Seen first = sink.next(WAIT).orElseThrow();
      assertEquals(6, first.serial());
      assertEquals(1, first.receivedBefore());
      NotifySink.Seen second = sink.next(WAIT).orElseThrow();
      assertEquals(7, second.serial());
      assertEquals(3, second.receivedBefore());
      assertTrue(second.arrivedNanos() - first.arrivedNanos() >= 0);
      assertEquals(List.of(), sink.drain());
      assertEquals(1, sink.mostArrivalsOfOneId());
    }
  }

  @Test
  void awaitSkipsOtherSerialsUntilTheOneAsked() throws Exception {
    Name zone = Name.fromConstantString("z1.example.");
    try (NotifySink sink = new NotifySink(Addresses.LOOPBACK_2, false).watchAll();
        DatagramSocket client =
            new DatagramSocket(new InetSocketAddress(Addresses.LOOPBACK_1, 0))) {
      send(client, notify(1, "z1.example.", 1), sink.address());
      send(client, notify(2, "z2.example.", 2), sink.address());
      send(client, notify(3, "z1.example.", 2), sink.address());
      NotifySink.Seen seen = sink.await(zone, 2, WAIT).orElseThrow();
      assertEquals(2, seen.receivedBefore());
      assertFalse(sink.await(zone, 3, Duration.ofMillis(200)).isPresent());
    }
  }

  @Test
  void anAnsweringSinkAcknowledgesWithTheQueryIdAndARepeatedIdIsCounted() throws Exception {
    try (NotifySink sink = new NotifySink(Addresses.LOOPBACK_2, true);
        DatagramSocket client =
            new DatagramSocket(new InetSocketAddress(Addresses.LOOPBACK_1, 0))) {
      client.setSoTimeout((int) WAIT.toMillis());
      for (int i = 0; i < 2; i++) {
        send(client, notify(4242, "z1.example.", 1), sink.address());
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        client.receive(reply);
        Message answer = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        assertEquals(4242, answer.getHeader().getID());
        assertTrue(answer.getHeader().getFlag(Flags.QR));
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertEquals(Opcode.NOTIFY, answer.getHeader().getOpcode());
      }
      assertEquals(2, sink.mostArrivalsOfOneId());
    }
  }

  @Test
  void closeEndsItsThread() throws Exception {
    NotifySink sink = new NotifySink(Addresses.LOOPBACK_2, false);
    sink.close();
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("notify-sink-127.0.0.2") && t.isAlive()),
        "the receiving thread is left");
  }
}
