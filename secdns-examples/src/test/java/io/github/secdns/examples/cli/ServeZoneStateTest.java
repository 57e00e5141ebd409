package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.examples.cli.SharedNames.SharedName;
import io.github.secdns.testsupport.Allocations;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * A zone's status takes a transfer or a NOTIFY outcome without a new object in the usual cases: the
 * first event of a zone and every later one of a key already heard from. Such an object, held by
 * the zone's long-lived state, was copied by every young collection until it grew old and made the
 * collector scan the state's card each time: a round of transfers of 100,000 zones spent most of
 * each pause there (docs/BENCHMARKS.md). A count of octets, which neither load nor timing changes.
 */
class ServeZoneStateTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final SharedNames NAMES = new SharedNames(8);
  private static final SharedName CLIENT = NAMES.of("192.0.2.1");
  private static final SharedName OTHER_CLIENT = NAMES.of("192.0.2.2");
  private static final SharedName TARGET = NAMES.of("198.51.100.1");
  private static final int ROUNDS = 20_000;

  @Test
  void aZonesFirstTransferAndNotifyOutcomeAllocateNothing() {
    ServeZoneState[] states = new ServeZoneState[2 * ROUNDS];
    for (int i = 0; i < states.length; i++) {
      states[i] = new ServeZoneState();
    }
    int[] next = {0};
    long perEvent =
        Allocations.perCall(
            ROUNDS,
            ROUNDS,
            () -> {
              ServeZoneState fresh = states[next[0]++];
              fresh.client(CLIENT, "AXFR", next[0], 1_000);
              fresh.notified(TARGET, "acknowledged", next[0], 1_000);
            });
    assertEquals(0, perEvent, "octets allocated per first event of a zone");
    assertEquals(
        "status example.com. serial -; last transfer: 192.0.2.1 AXFR serial 40000 at"
            + " 1970-01-01T00:16:40Z; NOTIFY: 198.51.100.1 acknowledged serial 40000 at"
            + " 1970-01-01T00:16:40Z",
        states[states.length - 1].line(ZONE));
  }

  @Test
  void knownClientsAndTargetsAreUpdatedInPlaceWithOneOrMany() {
    ServeZoneState one = new ServeZoneState();
    ServeZoneState two = new ServeZoneState();
    two.client(OTHER_CLIENT, "AXFR", 1, 1_000);
    two.notified(NAMES.of("198.51.100.2"), "acknowledged", 1, 1_000);
    ServeZoneState[] both = {one, two};
    long[] serial = {1};
    long perEvent =
        Allocations.perCall(
            ROUNDS,
            ROUNDS,
            () -> {
              serial[0]++;
              for (ServeZoneState s : both) {
                s.client(CLIENT, "IXFR", serial[0], 2_000);
                s.notified(TARGET, "acknowledged", serial[0], 2_000);
              }
            });
    assertEquals(0, perEvent, "octets allocated per event of a known key");
    assertEquals(
        "status example.com. serial -; last transfer: 192.0.2.1 IXFR serial 40001 at"
            + " 1970-01-01T00:33:20Z; NOTIFY: 198.51.100.1 acknowledged serial 40001 at"
            + " 1970-01-01T00:33:20Z",
        one.line(ZONE));
    assertEquals(
        "status example.com. serial -; last transfer: 192.0.2.2 AXFR serial 1 at"
            + " 1970-01-01T00:16:40Z, 192.0.2.1 IXFR serial 40001 at 1970-01-01T00:33:20Z; NOTIFY:"
            + " 198.51.100.2 acknowledged serial 1 at 1970-01-01T00:16:40Z, 198.51.100.1"
            + " acknowledged serial 40001 at 1970-01-01T00:33:20Z",
        two.line(ZONE));
  }

  @Test
  void aStatusTakenOverKeepsTheOneClientsEventAndTheOthers() {
    ServeZoneState previous = new ServeZoneState();
    previous.client(CLIENT, "AXFR failed (reset)", ServeZoneState.NO_SERIAL, 1_000);
    previous.notified(TARGET, "acknowledged", 7, 1_000);
    previous.notified(NAMES.of("198.51.100.2"), "unanswered after 3 tries", 7, 1_001);
    ServeZoneState next = new ServeZoneState();
    next.statusFrom(previous);
    assertEquals(previous.line(ZONE), next.line(ZONE));
    assertEquals(
        "status example.com. serial -; last transfer: 192.0.2.1 AXFR failed (reset) at"
            + " 1970-01-01T00:16:40Z; NOTIFY: 198.51.100.1 acknowledged serial 7 at"
            + " 1970-01-01T00:16:40Z, 198.51.100.2 unanswered after 3 tries serial 7 at"
            + " 1970-01-01T00:16:41Z",
        next.line(ZONE));
  }
}
