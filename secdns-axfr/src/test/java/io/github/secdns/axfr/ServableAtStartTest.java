package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * {@link AxfrResponder#servableAtStart()}: a host that says "ready" once every zone present at
 * start is servable (issue 13: {@code serve --db} said {@code listening on} before the database's
 * zones were) can wait on the responder itself, whatever its zone source.
 */
class ServableAtStartTest {

  private static final int ZONES = 2_000;

  private static AxfrResponder.Builder responder(ZoneSource source, VersionListener listener) {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(source)
        .versionListener(listener);
  }

  private static PublishedZones published(int count) {
    PublishedZones zones = new PublishedZones();
    for (int i = 0; i < count; i++) {
      zones.publish(TestZones.small("z" + i + ".example.", 1));
    }
    return zones;
  }

  /** Records the zones reported servable, by the time each report returns. */
  private static final class Recorded implements VersionListener {
    final Set<Name> servable = ConcurrentHashMap.newKeySet();

    @Override
    public void servable(ServedVersion version) {
      servable.add(version.zone());
    }
  }

  @Test
  void completesOnceEveryZoneOfTheStartWasReportedServable() throws Exception {
    PublishedZones zones = published(ZONES);
    Recorded recorded = new Recorded();
    try (AxfrResponder responder = responder(zones, recorded).build()) {
      assertFalse(responder.servableAtStart().isDone(), "not started yet");
      responder.start();
      responder.servableAtStart().get(60, TimeUnit.SECONDS);
      // Every report returned before the stage completed: a host printing a line per zone prints
      // them all before its "ready" line.
      assertEquals(zones.zones(), recorded.servable);
      for (Name zone : zones.zones()) {
        assertTrue(responder.servedVersion(zone).isPresent(), zone::toString);
      }
      // A zone added afterwards is not awaited, and the stage stays completed.
      zones.publish(TestZones.small("late.example.", 1));
      assertTrue(responder.servableAtStart().isDone());
    }
  }

  @Test
  void aZoneWhoseHistoryFailsDoesNotHoldTheOthersBack() throws Exception {
    PublishedZones zones = published(20);
    Name broken = TestRecords.name("z7.example.");
    // An Error escapes the history's own recovery (a RuntimeException restarts the history and
    // the zone is servable as usual): the zone's first version then never becomes servable.
    ZoneJournal journal =
        new ZoneJournal() {
          @Override
          public List<HistoryEntry> load(Name zone) {
            if (zone.equals(broken)) {
              throw new AssertionError("the journal of " + zone + " is broken");
            }
            return List.of();
          }

          @Override
          public void append(Name zone, HistoryEntry entry) {}

          @Override
          public void keepNewest(Name zone, int count) {}
        };
    Recorded recorded = new Recorded();
    try (AxfrResponder responder = responder(zones, recorded).journal(journal).build()) {
      responder.start();
      responder.servableAtStart().get(60, TimeUnit.SECONDS);
      Set<Name> others = new HashSet<>(zones.zones());
      others.remove(broken);
      assertEquals(others, recorded.servable);
      // Never reported servable: no applied version either (its full transfers are still answered).
      assertTrue(responder.servedVersion(broken).isEmpty());
    }
  }

  @Test
  void completesAtStartForALookedUpSourceAndForNoZone() throws Exception {
    ZoneSource lookedUp = zone -> Optional.<ZoneSnapshot>empty();
    try (AxfrResponder responder = responder(lookedUp, VersionListener.NONE).build()) {
      responder.start();
      assertTrue(responder.servableAtStart().isDone(), "nothing to wait for");
    }
    try (AxfrResponder responder = responder(new PublishedZones(), VersionListener.NONE).build()) {
      responder.start();
      assertTrue(responder.servableAtStart().isDone(), "no zone");
    }
  }

  @Test
  void failsWhenTheResponderClosesFirst() {
    AxfrResponder responder = responder(published(1), VersionListener.NONE).build();
    responder.close(); // never started
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> responder.servableAtStart().get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }
}
