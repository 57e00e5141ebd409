package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.HostileMessages.Framing;
import io.github.secdns.axfr.HostileMessages.Kind;
import org.junit.jupiter.api.Test;

/** The fuzz harness at a reduced scale in the default build; it reports what it tried. */
class HostileInputFuzzTest {

  @Test
  void aShortFuzzRunTriesEveryKindAndFramingAndCrashesNothing() throws Exception {
    long messages = Long.getLong("secdns.fuzz.messages", 30_000);
    HostileInputFuzz.Report report = HostileInputFuzz.run(messages, 20261124L, 20);
    assertEquals(0, report.crashes, report.toString());
    assertEquals(messages, report.messages, report.toString());
    for (Kind kind : Kind.values()) {
      assertTrue(report.perKind.getOrDefault(kind, 0L) > 0, kind + " not tried: " + report);
    }
    for (Framing framing : Framing.values()) {
      assertTrue(
          report.perFraming.getOrDefault(framing, 0L) > 0, framing + " not tried: " + report);
    }
    // Hostile requests get replies too, and not only one kind of them.
    assertTrue(report.rcodes.containsKey("FORMERR"), report.toString());
    assertTrue(report.rcodes.containsKey("NOTIMP"), report.toString());
    assertTrue(report.rcodes.containsKey("NOTAUTH"), report.toString());
  }
}
