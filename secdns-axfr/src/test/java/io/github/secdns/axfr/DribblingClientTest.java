package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.XotPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Slowloris on an established connection: a client that sends a partial query one octet at a time,
 * more often than the idle timeout, never completes a message, so the idle timeout must close it
 * (docs/SECURITY.md: only a complete message, or the queue draining after a send, restarts it). The
 * transport reads after every segment; the timer must not restart on a read that merely found
 * nothing to send. Over plain TCP and over TLS, where each octet is a TLS record of its own.
 */
class DribblingClientTest {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  /** A third of the idle timeout: each octet arrives well before the timeout would pass. */
  private static final long DRIBBLE_MILLIS = 300;

  /** How long the client waits for the server to close, at most: far beyond the idle timeout. */
  private static final int CLOSE_BOUND_MILLIS = 30_000;

  @Test
  void aTcpClientDribblingAPartialQueryIsClosedAtTheIdleTimeout() throws Exception {
    try (XotFixture f = fixture()) {
      try (RawDns c = RawDns.connect(f.plain())) {
        assertClosedWhileDribbling(c);
      }
    }
  }

  @Test
  void aTlsClientDribblingAPartialQueryIsClosedAtTheIdleTimeout() throws Exception {
    try (XotFixture f = fixture()) {
      try (RawDns c = client().connect(f.tls())) {
        assertClosedWhileDribbling(c);
      }
    }
  }

  private static XotFixture fixture() throws IOException {
    XotFixture f =
        new XotFixture(
            XotFixture.listener(),
            ResponderLimits.defaults().withIdleTimeout(IDLE_TIMEOUT),
            configuration(XotPolicy.ALLOWED));
    f.zones.publish(TestZones.small(ZONE, 1));
    return f;
  }

  /**
   * Asks one complete query (answered: the connection works, and the timer restarts once the answer
   * has left), then sends the length of a long query and dribbles its octets until the server
   * closes; fails when the server keeps the connection open for {@link #CLOSE_BOUND_MILLIS}.
   */
  private static void assertClosedWhileDribbling(RawDns c) throws Exception {
    c.send(RawDns.query(7, ZONE, Type.SOA, false));
    assertEquals(7, RawDns.id(c.receive()));
    c.socket().setSoTimeout(CLOSE_BOUND_MILLIS);
    c.sendRaw(new byte[] {0x3F, 0x00}); // 16,128 octets announced: never all sent
    ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    try {
      dribbler.scheduleWithFixedDelay(
          () -> {
            try {
              c.sendRaw(new byte[] {0});
            } catch (IOException e) {
              throw new UncheckedIOException(e); // closed by the server: the dribble ends
            }
          },
          DRIBBLE_MILLIS,
          DRIBBLE_MILLIS,
          TimeUnit.MILLISECONDS);
      // Blocks until the server closes (end of stream or a reset); a socket timeout fails.
      assertTrue(c.closedByServerAfterDraining(), "the dribbling client was closed");
    } finally {
      dribbler.shutdownNow();
      assertTrue(dribbler.awaitTermination(10, TimeUnit.SECONDS), "the dribbler ended");
    }
  }
}
