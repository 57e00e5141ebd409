package io.github.secdns.axfr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** The sender's outcome becomes the diagnostics engine's fact in one place. */
class NotifyOutcomeTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void eachOutcomeConvertsToWhatTheDiagnosticsEngineReads() throws Exception {
    InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    NotifyTarget target = new NotifyTarget(address, 5300, Optional.empty());
    SerialNumber serial = SerialNumber.of(7);

    assertEquals(
        Optional.of(
            io.github.secdns.core.diagnostics.NotifyOutcome.answered(
                address, 5300, Rcode.NOTIMP, AT)),
        new NotifyOutcome.Acknowledged(ZONE, serial, target, 1, Rcode.NOTIMP).toDiagnostics(AT));
    assertEquals(
        Optional.of(
            io.github.secdns.core.diagnostics.NotifyOutcome.answered(
                address, 5300, Rcode.BADSIG, AT)),
        new NotifyOutcome.Rejected(ZONE, serial, target, 2, Rcode.BADSIG).toDiagnostics(AT));
    assertEquals(
        Optional.of(io.github.secdns.core.diagnostics.NotifyOutcome.unanswered(address, 5300, AT)),
        new NotifyOutcome.Unanswered(ZONE, serial, target, 5).toDiagnostics(AT));
    assertEquals(
        Optional.empty(),
        new NotifyOutcome.Superseded(ZONE, serial, target, 1, SerialNumber.of(8))
            .toDiagnostics(AT));
  }

  /** Every outcome prints in one shape (serve prints them as `notify` lines). */
  @Test
  void everyOutcomeReadsTheSameWay() throws Exception {
    NotifyTarget target =
        new NotifyTarget(
            InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 5300, Optional.empty());
    SerialNumber serial = SerialNumber.of(7);
    assertEquals(
        "Acknowledged[example.com. 7 by 127.0.0.2:5300 after 1 tries, NOERROR]",
        new NotifyOutcome.Acknowledged(ZONE, serial, target, 1, Rcode.NOERROR).toString());
    assertEquals(
        "Rejected[example.com. 7 by 127.0.0.2:5300 after 2 tries, REFUSED]",
        new NotifyOutcome.Rejected(ZONE, serial, target, 2, Rcode.REFUSED).toString());
    assertEquals(
        "Unanswered[example.com. 7 to 127.0.0.2:5300 after 5 tries, no answer]",
        new NotifyOutcome.Unanswered(ZONE, serial, target, 5).toString());
    assertEquals(
        "Superseded[example.com. 7 to 127.0.0.2:5300 after 1 tries, replaced by serial 8]",
        new NotifyOutcome.Superseded(ZONE, serial, target, 1, SerialNumber.of(8)).toString());
  }
}
