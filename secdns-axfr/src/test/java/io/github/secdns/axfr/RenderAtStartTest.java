package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@link AxfrResponder.Builder#renderAtStart}: the zones it names have their first version rendered
 * at start, ahead of any request, and the first transfer uses that rendering; other zones are
 * rendered on their first transfer only (issue 13: nothing nobody asked for). {@link
 * AxfrResponder#renderedAtStart} tells when those renderings have ended (issue 15: {@code serve}
 * gives memory back only then).
 */
class RenderAtStartTest {

  private static final Name NAMED = TestRecords.name("big.example.");
  private static final Name OTHER = TestRecords.name("other.example.");

  @Test
  void onlyTheNamedZonesAreRenderedAtStartAndTheFirstTransferUsesThatRendering() throws Exception {
    ZoneSnapshot named = TestZones.large(NAMED.toString(), 7, 2_000);
    ZoneSnapshot other = TestZones.large(OTHER.toString(), 3, 2_000);
    PublishedZones zones = new PublishedZones();
    zones.publish(named);
    zones.publish(other);
    List<Name> rendered = new CopyOnWriteArrayList<>();
    CountDownLatch namedRendering = new CountDownLatch(1);
    Set<Name> atStart = Set.of(NAMED);
    try (AxfrResponder responder =
        responder(
            zones,
            atStart::contains,
            snapshot -> {
              rendered.add(snapshot.origin());
              if (snapshot.origin().equals(NAMED)) {
                namedRendering.countDown();
              }
            })) {
      responder.start();
      // No client has asked yet: the named zone's rendering starts on its own.
      assertTrue(namedRendering.await(20, TimeUnit.SECONDS), "the named zone is rendered at start");
      assertEquals(List.of(NAMED), rendered, "only the named zone is rendered at start");

      InetSocketAddress address = responder.boundAddresses().get(0);
      ZoneTransferIn first = ZoneTransferIn.newAXFR(NAMED, address, null);
      first.setTimeout(Duration.ofSeconds(20));
      first.run();
      assertEquals(named.size() + 1, first.getAXFR().size()); // the SOA closes it again
      assertEquals(named.soa(), first.getAXFR().get(0));
      assertEquals(1, responder.renders(), "the first transfer streamed the start's rendering");

      ZoneTransferIn otherTransfer = ZoneTransferIn.newAXFR(OTHER, address, null);
      otherTransfer.setTimeout(Duration.ofSeconds(20));
      otherTransfer.run();
      assertEquals(other.size() + 1, otherTransfer.getAXFR().size());
      assertEquals(List.of(NAMED, OTHER), rendered, "the other zone renders on its transfer");
      assertEquals(2, responder.renders());
    }
  }

  @Test
  void renderedAtStartCompletesOnceTheRenderingsBegunAtStartHaveEnded() throws Exception {
    ZoneSnapshot named = TestZones.large(NAMED.toString(), 7, 2_000);
    PublishedZones zones = new PublishedZones();
    zones.publish(named);
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (AxfrResponder responder =
        responder(
            zones,
            NAMED::equals,
            snapshot -> {
              rendering.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })) {
      responder.start();
      assertTrue(rendering.await(20, TimeUnit.SECONDS), "the named zone is rendered at start");
      CompletableFuture<Void> ended = responder.renderedAtStart();
      assertFalse(ended.isDone(), "the rendering begun at start is held: not ended yet");
      release.countDown();
      ended.get(20, TimeUnit.SECONDS);
      assertEquals(1, responder.renders());
      assertTrue(responder.renderCacheBytes() > 0, "the rendering is in the cache once ended");
    }
  }

  @Test
  void renderedAtStartNeverFailsWhenARenderingBegunAtStartFails() throws Exception {
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.large(NAMED.toString(), 7, 2_000));
    try (AxfrResponder responder =
        responder(
            zones,
            NAMED::equals,
            snapshot -> {
              throw new IllegalStateException("rendering refused by the test");
            })) {
      responder.start();
      CompletableFuture<Void> ended = responder.renderedAtStart();
      ended.get(20, TimeUnit.SECONDS); // completes normally: the failure is the transfers' to see
      assertFalse(ended.isCompletedExceptionally());
      assertEquals(0, responder.renderCacheBytes(), "nothing rendered is kept");
    }
  }

  @Test
  void renderedAtStartIsCompleteAtOnceWhenNothingIsRenderedAtStart() throws Exception {
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.large(NAMED.toString(), 7, 2_000));
    try (AxfrResponder responder = responder(zones, zone -> false, snapshot -> {})) {
      assertTrue(responder.renderedAtStart().isDone(), "not started: nothing to wait for");
      responder.start();
      assertTrue(responder.renderedAtStart().isDone(), "no zone is rendered at start");
      assertEquals(0, responder.renders());
    }
  }

  /** A responder on loopback serving {@code zones} to anyone, with no NOTIFY. */
  private static AxfrResponder responder(
      PublishedZones zones, Predicate<Name> renderAtStart, Consumer<ZoneSnapshot> beforeRender) {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(zones)
        .policy(r -> TransferDecision.allow("test"))
        .startupNotify(StartupNotify.off())
        .renderAtStart(renderAtStart)
        .beforeRender(beforeRender)
        .build();
  }
}
