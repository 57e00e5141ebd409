package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.HostileMessages.Framing;
import io.github.secdns.axfr.HostileMessages.Kind;
import org.junit.jupiter.api.Test;

/**
 * The fuzz harness at a reduced scale in the default build (30,000 messages per policy; a million
 * by hand, see docs/SECURITY.md); it reports what it tried.
 */
class HostileInputFuzzTest {

  private static final long MESSAGES = Long.getLong("secdns.fuzz.messages", 30_000);

  @Test
  void aShortFuzzRunTriesEveryKindAndFramingAndCrashesNothing() throws Exception {
    HostileInputFuzz.Report report = assertTriedEverything(HostileInputFuzz.Policy.ALLOW_ALL);
    // Hostile requests get replies too, and not only one kind of them.
    assertTrue(report.rcodes.containsKey("FORMERR"), report.toString());
    assertTrue(report.rcodes.containsKey("NOTIMP"), report.toString());
    assertTrue(report.rcodes.containsKey("NOTAUTH"), report.toString());
  }

  /** With a key required, not one reply carries a record of the protected zone. */
  @Test
  void aShortFuzzRunWithAKeyRequiredLeaksNoZoneData() throws Exception {
    HostileInputFuzz.Report report = assertTriedEverything(HostileInputFuzz.Policy.KEY_REQUIRED);
    assertTrue(report.rcodes.containsKey("REFUSED"), report.toString());
    assertTrue(report.rcodes.containsKey("NOTAUTH"), report.toString());
  }

  private static HostileInputFuzz.Report assertTriedEverything(HostileInputFuzz.Policy policy)
      throws Exception {
    long messages = MESSAGES;
    HostileInputFuzz.Report report = HostileInputFuzz.run(messages, 20261124L, 20, policy);
    System.out.println(report);
    assertEquals(0, report.crashes, report.toString());
    assertEquals(messages, report.messages, report.toString());
    for (Kind kind : Kind.values()) {
      assertTrue(report.perKind.getOrDefault(kind, 0L) > 0, kind + " not tried: " + report);
    }
    for (Framing framing : Framing.values()) {
      assertTrue(
          report.perFraming.getOrDefault(framing, 0L) > 0, framing + " not tried: " + report);
    }
    assertTrue(report.replies > messages / 2, "replies checked: " + report);
    return report;
  }
}
