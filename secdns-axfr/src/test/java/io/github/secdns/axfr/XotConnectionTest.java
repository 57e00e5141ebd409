package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The TLS connection itself: close_notify both ways, a large transfer to a slow reader, a stalled
 * or dribbled handshake, and nothing left behind (threads, descriptors).
 */
class XotConnectionTest {

  @Test
  void aClientThatClosesItsSideAfterTheQueryStillGetsTheAnswerThenOurCloseNotify()
      throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (RawDns c = client().connect(f.tls())) {
        SSLSocket socket = (SSLSocket) c.socket();
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
        socket.shutdownOutput(); // TLS 1.3: our close_notify, the read side stays open
        List<byte[]> transfer = c.receiveTransfer();
        assertEquals(Rcode.NOERROR, new Message(transfer.get(0)).getRcode());
        // Then the server closes with close_notify: a clean end of stream, not an error.
        assertEquals(-1, socket.getInputStream().read());
      }
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(Transport.TLS, stats.request().transport());
    }
  }

  @Test
  void queriesDecryptedWhileReadingPausedAreAnsweredWithoutNewInput() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (RawDns c = client().connect(f.tls())) {
        // 40 queries in one write: one TLS record, decrypted at once; reading pauses at 16
        // queued responses with the rest already decrypted, which no socket event announces.
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (int id = 1; id <= 40; id++) {
          byte[] q = RawDns.query(id, ZONE, Type.SOA, false);
          burst.write(q.length >> 8);
          burst.write(q.length);
          burst.write(q);
        }
        c.sendRaw(burst.toByteArray());
        for (int id = 1; id <= 40; id++) {
          assertEquals(id, RawDns.id(c.receive()));
        }
      }
    }
  }

  @Test
  void aLargeTransferReachesASlowReaderWhole() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      ZoneSnapshot zone = TestZones.large(ZONE, 1, 100_000);
      f.zones.publish(zone);
      try (SSLSocket socket = client().receiveBuffer(4096).open(f.tls())) {
        socket.startHandshake();
        RawDns c = RawDns.over(socket);
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
        Set<Record> received = new HashSet<>();
        int messages = 0;
        for (byte[] wire : c.receiveTransfer()) {
          messages++;
          if (messages % 20 == 0) {
            Thread.yield(); // a reader that lags behind: the server's writes fill up
          }
          received.addAll(new Message(wire).getSection(Section.ANSWER));
        }
        assertEquals(new HashSet<>(TestZones.allRecords(zone)), received);
      }
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(100_003, stats.records(), "every record, and the SOA again at the end");
    }
  }

  @Test
  void aSilentOrDribblingTlsClientIsClosedAtTheIdleTimeout() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withIdleTimeout(Duration.ofMillis(500));
    try (XotFixture f =
        new XotFixture(XotFixture.listener(), limits, configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (Socket silent = new Socket();
          Socket dribbler = new Socket()) {
        silent.connect(f.tls(), RawDns.TIMEOUT_MS);
        silent.setSoTimeout(RawDns.TIMEOUT_MS);
        dribbler.connect(f.tls(), RawDns.TIMEOUT_MS);
        dribbler.setSoTimeout(100);
        // A TLS record header of a ClientHello, then one octet at a time, slower than the limit
        // allows for the whole handshake.
        OutputStream out = dribbler.getOutputStream();
        InputStream in = dribbler.getInputStream();
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};
        boolean closed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; !closed && System.nanoTime() < deadline; i = (i + 1) % hello.length) {
          try {
            out.write(hello[i]);
            out.flush();
            closed = in.read() < 0;
          } catch (java.net.SocketTimeoutException e) {
            // nothing yet: dribble on
          } catch (java.io.IOException e) {
            closed = true; // reset
          }
        }
        assertTrue(closed, "the dribbling handshake was cut off");
        // Closed, after at most an alert: the server may say goodbye in TLS before it closes.
        assertTrue(RawDns.over(silent).closedByServerAfterDraining(), "the silent client closed");
      }
      assertTrue(
          Resources.await(() -> f.responder.openConnections() == 0, 10, TimeUnit.SECONDS),
          "connections: " + f.responder.openConnections());
    }
  }

  @Test
  void manyConnectionsGoodAndBadLeaveNoThreadOrDescriptorBehind() throws Exception {
    long fdsBefore = Resources.fileDescriptorBaseline();
    Set<String> threadsBefore = Resources.secdnsThreads();
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      List<RawDns> open = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          try (RawDns c = client().connect(f.tls())) {
            c.send(RawDns.query(i, ZONE, Type.AXFR, false));
            c.receiveTransfer();
          }
          try (SSLSocket bad = client().protocols("TLSv1.2").open(f.tls())) {
            try {
              bad.startHandshake();
            } catch (javax.net.ssl.SSLException expected) {
              // refused, as XotRefusalTest shows
            }
          }
          open.add(client().connect(f.tls())); // left open: close() of the responder ends it
        }
        assertTrue(
            Resources.await(() -> f.responder.openConnections() == 5, 10, TimeUnit.SECONDS),
            "connections: " + f.responder.openConnections());
      } finally {
        f.close();
        for (RawDns c : open) {
          assertTrue(c.closedByServer());
          c.close();
        }
      }
    }
    assertEquals(threadsBefore, Resources.secdnsThreads());
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
  }
}
