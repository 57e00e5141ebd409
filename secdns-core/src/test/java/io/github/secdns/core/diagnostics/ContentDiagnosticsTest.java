package io.github.secdns.core.diagnostics;

import static io.github.secdns.core.diagnostics.DiagnosticCode.CONTENT_NOT_COMPARED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.NAME_SERVER_DATA_DIFFERS;
import static io.github.secdns.core.diagnostics.DiagnosticCode.NAME_SERVER_PROPAGATING;
import static io.github.secdns.core.diagnostics.Scenario.NS1_PRIMARY;
import static io.github.secdns.core.diagnostics.Scenario.NS1_SECONDARY;
import static io.github.secdns.core.diagnostics.Scenario.NS2_PRIMARY;
import static io.github.secdns.core.diagnostics.Scenario.NS2_SECONDARY;
import static io.github.secdns.core.diagnostics.Scenario.SERIAL;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.diagnostics.ContentProbe.Method;
import io.github.secdns.core.zone.ZoneDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** "Not serving the same zone data": zone digests compared, not only serials (RFC 8976). */
class ContentDiagnosticsTest {

  private final Scenario s = new Scenario();

  private Set<DiagnosticCode> codes() {
    return s.codes().isEmpty() ? EnumSet.noneOf(DiagnosticCode.class) : s.codes();
  }

  private Finding only(DiagnosticCode code) {
    List<Finding> found = s.report().findings(code);
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }

  /** A digest of the primary's serial, each octet {@code fill}: other data than the primary's. */
  private static ContentProbe otherData(Name ns, String address, Method method, int fill) {
    return ContentProbe.digest(ns, ip(address), method, Scenario.digest(SERIAL, (byte) fill));
  }

  private static void assertMentions(Finding f, String text) {
    assertTrue(f.message().contains(text), f.message());
  }

  @Test
  void theSameDigestEverywhereConfirmsTheData() {
    assertEquals(Set.of(), codes());
    s.report().nameServers().forEach(n -> assertEquals(ServerStatus.OK, n.status()));
  }

  @Test
  void theRightSerialWithOtherDataIsCaughtFromItsZonemd() {
    s.content(otherData(NS2_SECONDARY, "192.0.2.2", Method.ZONEMD, 7));
    assertEquals(EnumSet.of(NAME_SERVER_DATA_DIFFERS), codes());
    Finding f = only(NAME_SERVER_DATA_DIFFERS);
    assertEquals(Severity.ERROR, f.severity());
    assertEquals(List.of(NS2_SECONDARY), f.nameServers());
    assertEquals(List.of(ip("192.0.2.2")), f.addresses());
    assertTrue(
        f.message()
            .startsWith(
                "The secondary name server ns2.secondary.com is not serving the same zone data as"
                    + " the primary: it serves the primary's serial 2026112401, but the zone digest"
                    + " (RFC 8976) differs from the primary's (0101010101010101...): 192.0.2.2:"
                    + " digest 0707070707070707... in its ZONEMD record."),
        f.message());
    assertEquals(ServerStatus.ERROR, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
    assertEquals(ReportStatus.ERROR, s.report().status());
  }

  @Test
  void theRightSerialWithOtherDataIsCaughtFromATransfer() {
    s.digestPublished = false;
    s.contentProbes.clear();
    for (Name ns : List.of(NS1_PRIMARY, NS2_PRIMARY, NS1_SECONDARY, NS2_SECONDARY)) {
      s.addresses
          .get(ns)
          .forEach(
              a -> {
                s.content(ContentProbe.noDigest(ns, a));
                s.content(ContentProbe.digest(ns, a, Method.TRANSFER, Scenario.DIGEST));
              });
    }
    assertEquals(Set.of(), codes(), "the same data transferred from everyone");

    s.content(otherData(NS1_SECONDARY, "2001:db8::1", Method.TRANSFER, 9));
    Finding f = only(NAME_SERVER_DATA_DIFFERS);
    assertEquals(List.of(ip("2001:db8::1")), f.addresses());
    assertMentions(f, "2001:db8::1: digest 0909090909090909... of a zone transfer from it");
  }

  @Test
  void noZonemdWhereThePrimaryPublishesOneIsOtherData() {
    s.content(ContentProbe.noDigest(NS1_SECONDARY, ip("192.0.2.1")));
    Finding f = only(NAME_SERVER_DATA_DIFFERS);
    assertEquals(List.of(ip("192.0.2.1")), f.addresses());
    assertMentions(f, "192.0.2.1: no ZONEMD record, which the primary's zone has");
  }

  @Test
  void withoutZonemdAndWithoutATransferOnlySerialsAreCompared() {
    s.digestPublished = false;
    s.content(ContentProbe.noDigest(NS2_SECONDARY, ip("192.0.2.2")));
    s.content(ContentProbe.refused(NS2_SECONDARY, ip("192.0.2.2"), Method.TRANSFER));
    assertEquals(EnumSet.of(CONTENT_NOT_COMPARED), codes());
    Finding f = only(CONTENT_NOT_COMPARED);
    assertEquals(Severity.INFO, f.severity());
    assertTrue(f.code().isNotJudged());
    assertEquals(List.of(NS2_SECONDARY), f.nameServers());
    assertEquals(
        "Only the serials were compared for ns2.secondary.com: it serves the primary's serial"
            + " 2026112401, but whether with the same zone data is unknown: 192.0.2.2 has no"
            + " ZONEMD record, refused a zone transfer.",
        f.message());
    assertEquals(
        ServerStatus.OK,
        s.report().nameServer(NS2_SECONDARY).orElseThrow().status(),
        "the serial is confirmed; an INFO finding does not take the check mark");
  }

  @Test
  void withoutThePrimarysDigestOneFindingSaysOnlySerialsWereCompared() {
    s.primaryDigest = null;
    assertEquals(EnumSet.of(CONTENT_NOT_COMPARED), codes());
    Finding f = only(CONTENT_NOT_COMPARED);
    assertEquals(List.of(NS1_PRIMARY, NS2_PRIMARY, NS1_SECONDARY, NS2_SECONDARY), f.nameServers());
    assertTrue(
        f.message()
            .startsWith(
                "Only the serials were compared: ns1.secondary.com, ns2.secondary.com,"
                    + " ns1.dnsimple.com, ns2.dnsimple.com serve the primary's serial 2026112401,"
                    + " but whether with the same zone data is unknown, because the primary's zone"
                    + " digest is unknown"),
        f.message());

    s.primaryDigest = Scenario.digest(SERIAL - 1, (byte) 1);
    assertTrue(
        only(CONTENT_NOT_COMPARED)
            .message()
            .contains("the primary's zone digest given is for serial 2026112400"));
  }

  @Test
  void aServerBehindIsNotComparedItsSerialSaysEnough() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    s.content(otherData(NS2_SECONDARY, "192.0.2.2", Method.ZONEMD, 5));
    assertEquals(EnumSet.of(NAME_SERVER_PROPAGATING), codes());
  }

  @Test
  void aDigestOfAnotherSerialOrAlgorithmIsNotComparedAndSaysWhy() {
    s.digestPublished = false;
    s.content(
        ContentProbe.digest(
            NS1_SECONDARY, ip("192.0.2.1"), Method.ZONEMD, Scenario.digest(SERIAL + 1, (byte) 1)));
    s.content(
        ContentProbe.digest(
            NS2_SECONDARY,
            ip("192.0.2.2"),
            Method.ZONEMD,
            io.github.secdns.core.zone.ZoneDigest.of(
                io.github.secdns.core.serial.SerialNumber.of(SERIAL), 1, 2, new byte[64])));
    List<Finding> found = s.report().findings(CONTENT_NOT_COMPARED);
    assertEquals(2, found.size(), found::toString);
    assertTrue(
        found
            .get(0)
            .message()
            .contains("192.0.2.1 its ZONEMD query gave the digest of serial" + " 2026112402"),
        found.get(0).message());
    assertTrue(
        found
            .get(1)
            .message()
            .contains("its ZONEMD query gave a digest of scheme 1, hash" + " algorithm 2"),
        found.get(1).message());
  }

  @Test
  void aPrimaryNameServerWithOtherDataIsNamedAsAPrimary() {
    s.content(otherData(NS2_PRIMARY, "198.51.100.11", Method.ZONEMD, 3));
    assertTrue(
        only(NAME_SERVER_DATA_DIFFERS)
            .message()
            .startsWith(
                "The primary name server ns2.dnsimple.com is not serving the zone data the"
                    + " primary publishes"));
  }

  @Test
  void theOrderProbesWereAddedInDoesNotChangeTheReport() {
    s.digestPublished = false;
    s.content(ContentProbe.noDigest(NS2_SECONDARY, ip("192.0.2.2")));
    s.content(ContentProbe.failed(NS2_SECONDARY, ip("192.0.2.2"), Method.TRANSFER));
    s.content(otherData(NS1_SECONDARY, "192.0.2.1", Method.TRANSFER, 4));
    List<ContentProbe> probes = new java.util.ArrayList<>(s.observations().contentProbes());
    // The same address answered twice, with two other digests: one finding, whatever the order.
    probes.add(otherData(NS1_SECONDARY, "192.0.2.1", Method.ZONEMD, 5));
    List<ContentProbe> reversed = new java.util.ArrayList<>(probes);
    java.util.Collections.reverse(reversed);
    DiagnosticReport one = withContent(probes);
    assertEquals(one, withContent(reversed));
    assertEquals(2, one.findings().size(), one.findings()::toString);
  }

  private DiagnosticReport withContent(List<ContentProbe> probes) {
    Observations base = s.observations();
    Observations.Builder b = Observations.builder();
    base.parentDelegation().ifPresent(b::parentDelegation);
    base.apexNameServers().ifPresent(b::apexNameServers);
    base.nameServerAddresses().forEach(b::nameServerAddresses);
    return DiagnosticEngine.diagnose(
        s.config.build(),
        s.facts(),
        b.soaProbes(base.soaProbes())
            .transferAttempts(base.transferAttempts())
            .contentProbes(probes)
            .build());
  }

  private static void assertContradiction(
      Method method, ContentProbe.Outcome outcome, Optional<ZoneDigest> digest) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ContentProbe(NS1_SECONDARY, ip("192.0.2.1"), method, outcome, digest));
  }

  @Test
  void contentProbesRefuseContradictions() {
    assertContradiction(Method.ZONEMD, ContentProbe.Outcome.DIGEST, Optional.empty());
    assertContradiction(Method.TRANSFER, ContentProbe.Outcome.NO_DIGEST, Optional.empty());
    assertContradiction(Method.TRANSFER, ContentProbe.Outcome.FAILED, Optional.of(Scenario.DIGEST));
  }
}
