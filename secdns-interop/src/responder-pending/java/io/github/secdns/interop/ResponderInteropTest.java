package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, the target: real BIND, Knot and NSD secondaries pull from the embedded responder and
 * end up holding exactly its zone. The same contract as {@link BindPrimaryInteropTest}.
 */
@InteropTest
class ResponderInteropTest extends SecondaryInteropContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return ResponderPrimary.start(settings, initial);
  }

  /**
   * Until the responder sends NOTIFY and computes IXFR: a change published in the responder,
   * announced by a NOTIFY the test sends, reaches each secondary through the responder's
   * AXFR-style answer to IXFR (RFC 1995 section 4), and the secondary again holds exactly ours.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void changeArrivesThroughAxfrStyleIxfrWhenNotified(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    SecondarySettings planned = SecondarySettings.planned(kind, Loopback.ONE, ZONE);
    PrimaryUnderTest primary = primary(PrimarySettings.openTo(ZONE, List.of()), v1);
    Secondary secondary = secondary(kind, planned.withPrimary(primary.endpoint()));
    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);

    ZoneSnapshot v2 = ZoneGenerator.nextVersion(v1, 1);
    primary.publish(v2);
    NotifyFromTest.send(planned.endpoint(), ZONE, v2.soa());

    secondary.awaitSerial(v2.soa().getSerial(), CONVERGE);
    secondary.assertHolds(v2, true, "after an AXFR-style IXFR");
  }

  @Override
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  @Disabled("needs the NOTIFY sender and IXFR in the responder - issue 5")
  void changeArrivesByNotifyAndIxfr(SecondaryKind kind) {
    super.changeArrivesByNotifyAndIxfr(kind);
  }

  @Override
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  @Disabled("needs TSIG verification and signing in the responder - issue 5")
  void tsigSignedTransferSucceedsAndWrongKeyIsRefused(SecondaryKind kind) {
    super.tsigSignedTransferSucceedsAndWrongKeyIsRefused(kind);
  }
}
