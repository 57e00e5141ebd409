package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.Prerequisites;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import io.github.secdns.testsupport.servers.TransferGate;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Issues 10 and 19, the target: real BIND, Knot and NSD secondaries pull from the embedded
 * responder and end up holding exactly its zone. The same contract as {@link
 * BindPrimaryInteropTest} (changes by the responder's own NOTIFY and incremental IXFR, TSIG-signed
 * transfers, NOTIFY and IXFR, refusals read from the answers), and what only the responder is
 * asked: a zone of 100,000 records to every kind of secondary at once (overlap made certain by a
 * {@link TransferGate}), a restart of the responder, and IPv6.
 */
@InteropTest
class ResponderInteropTest extends SecondaryInteropContract {

  private static final int LARGE = 100_000;

  /** Octets a transfer connection receives before the gate holds it: past an SOA answer. */
  private static final int HELD_AFTER = 4096;

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return ResponderPrimary.start(settings, initial);
  }

  /**
   * A zone of 100,000 records reaches a BIND, a Knot and an NSD secondary transferring at the same
   * time: they are started before the responder, which NOTIFYs all three as it starts. That the
   * transfers overlap is made certain, not hoped for: the secondaries pull through a {@link
   * TransferGate} on 127.0.0.1 (another port; NOTIFY goes from the responder to them directly) that
   * holds every connection once it has received the first {@value #HELD_AFTER} octets (past any SOA
   * answer, inside the transfer) until all three are held at once. The gate opening because all
   * three arrived is the proof that they were mid-transfer at the same moment; its deadline only
   * keeps a broken run from hanging, and opening by it fails the test. Then each holds exactly the
   * zone, and a one-record change reaches each by IXFR (through the gate, open by then).
   */
  @Test
  void aLargeZoneReachesEveryKindOfSecondaryTransferringAtOnce() throws Exception {
    ZoneSnapshot v1 = InteropZones.large(LARGE);
    assertEquals(LARGE, v1.size());
    InetSocketAddress responderEndpoint =
        new InetSocketAddress(Addresses.LOOPBACK_1, LoopbackPorts.free(Addresses.LOOPBACK_1));
    int everyKind = SecondaryKind.values().length;
    TransferGate gate =
        closing(
            TransferGate.start(
                new InetSocketAddress(
                    Addresses.LOOPBACK_1, LoopbackPorts.free(Addresses.LOOPBACK_1)),
                responderEndpoint,
                everyKind,
                HELD_AFTER,
                CONVERGE));
    Map<SecondaryKind, SecondarySettings> planned = new EnumMap<>(SecondaryKind.class);
    for (SecondaryKind kind : SecondaryKind.values()) {
      planned.put(
          kind,
          SecondarySettings.planned(kind, Addresses.LOOPBACK_1, ZONE).withPrimary(gate.endpoint()));
    }
    List<Secondary> secondaries = new ArrayList<>();
    for (SecondaryKind kind : SecondaryKind.values()) {
      secondaries.add(secondary(kind, planned.get(kind)));
    }
    PrimaryUnderTest primary =
        primary(
            PrimarySettings.openTo(
                    ZONE, planned.values().stream().map(SecondarySettings::endpoint).toList())
                .listeningOn(responderEndpoint.getAddress(), responderEndpoint.getPort()),
            v1);

    // The first arrival comes within CONVERGE, the deadline CONVERGE after it.
    TransferGate.Opening opening = gate.awaitOpening(CONVERGE.plus(CONVERGE));
    assertEquals(
        TransferGate.Opening.ARRIVALS,
        opening,
        "the "
            + everyKind
            + " secondaries were not mid-transfer at the same moment: at most "
            + gate.mostHeldAtOnce()
            + " were held at the gate at once before its deadline");
    for (Secondary secondary : secondaries) {
      secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);
    }
    for (Secondary secondary : secondaries) {
      secondary.assertHolds(v1, true, "after the first transfer of " + LARGE + " records");
    }

    ZoneSnapshot v2 = InteropZones.withOneChange(v1, 4242);
    primary.publish(v2);
    for (Secondary secondary : secondaries) {
      secondary.awaitSerial(v2.soa().getSerial(), CONVERGE);
      secondary.assertIncremental(v1.soa().getSerial(), v2.soa().getSerial(), CONVERGE);
      secondary.assertHolds(v2, true, "after a one-record change of " + LARGE + " records");
    }
  }

  /**
   * The responder is closed and started again on the same port, as a host process restarting: it
   * restores the IXFR history from the journal (an IXFR from before the restart is still answered
   * incrementally), NOTIFYs the secondary of the next version, and the secondary follows by IXFR.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void theSecondaryFollowsTheResponderAcrossARestart(SecondaryKind kind) throws Exception {
    ZoneSnapshot v1 = firstVersion();
    PrimaryAndSecondary pair = primaryNotifying(kind, v1);
    ResponderPrimary primary = (ResponderPrimary) pair.primary();
    pair.secondary().awaitSerial(v1.soa().getSerial(), CONVERGE);
    ZoneSnapshot v2 = assertNextVersionArrivesIncrementally(pair, v1, 1);
    assertEquals(1, primary.journalEntries(), "the delta v1 -> v2 is in the journal");

    primary.restart();

    ZoneTransferIn ixfr =
        ZoneTransferIn.newIXFR(ZONE, v1.soa().getSerial(), false, primary.endpoint(), null);
    ixfr.run();
    assertTrue(
        ixfr.isIXFR() && ixfr.getIXFR().size() == 1,
        "after the restart an IXFR from v1 is still incremental (history from the journal)");
    ZoneSnapshot v3 = assertNextVersionArrivesIncrementally(pair, v2, 2);
    pair.secondary().assertHolds(v3, true, "after a restart of the responder");
  }

  /**
   * Over IPv6: the responder listens on ::1, the secondary on ::1 transfers from there and follows
   * a change by NOTIFY and IXFR.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void aSecondaryOnIpv6TransfersAndFollowsAChange(SecondaryKind kind) {
    Prerequisites.require(Addresses.hasIpv6Loopback(), "no IPv6 loopback (::1) on this machine");
    ZoneSnapshot v1 = firstVersion();
    SecondarySettings planned = SecondarySettings.planned(kind, Addresses.LOOPBACK_V6, ZONE);
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                    ZONE, List.of("::1/128"), Optional.empty(), List.of(planned.endpoint()))
                .listeningOn(Addresses.LOOPBACK_V6, 0),
            v1);
    Secondary secondary = secondary(kind, planned.withPrimary(primary.endpoint()));

    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);
    secondary.assertHolds(v1, true, "after a transfer over IPv6");
    ZoneSnapshot v2 =
        assertNextVersionArrivesIncrementally(new PrimaryAndSecondary(primary, secondary), v1, 1);
    secondary.assertHolds(v2, true, "after NOTIFY and IXFR over IPv6");
  }
}
