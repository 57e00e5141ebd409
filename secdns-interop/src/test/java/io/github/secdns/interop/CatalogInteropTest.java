package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.core.catalog.CatalogVersion;
import io.github.secdns.core.catalog.RemovalHeldBackException;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.TsigSecret;
import io.github.secdns.testsupport.servers.ZoneNames;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * Issue 17: real catalog consumers (BIND 9.18, Knot 3.2, PowerDNS 4.7) configured with the catalog
 * zone only, no member zone in their configuration, pull the catalog the embedded responder serves
 * (produced by core, TSIG-signed transfers) and end up serving every member zone exactly as we
 * serve it; a member added appears on each, a removed one disappears, a change inside a member
 * reaches BIND and Knot by IXFR (PowerDNS asks for AXFR for members); the {@code group} property
 * selects a Knot template. Every new catalog version is published in {@link
 * io.github.secdns.core.catalog.CatalogPublication}'s order, and no consumer ever asks for a member
 * the primary does not serve.
 */
@InteropTest
class CatalogInteropTest {

  static final Name CATALOG = ZoneNames.absolute("catalog.interop.test");
  static final String PREMIUM = "premium";
  static final long FIRST_SERIAL = 2026120201L;
  static final Duration CONVERGE = Duration.ofSeconds(60);

  private final StartedServers started = new StartedServers();
  private final Set<String> threadsBefore = ThreadCheck.secdnsThreads();

  static Name member(int i) {
    return ZoneNames.absolute("m" + i + ".members.test");
  }

  /** A small member zone; the first is letter-case mixed (BIND must keep the case). */
  static ZoneSnapshot memberZone(int i) {
    GeneratedZone zone =
        i == 1
            ? ZoneGenerator.mixedCase(member(i), FIRST_SERIAL, 8, 17L)
            : ZoneGenerator.sized(member(i), 12 + i, FIRST_SERIAL, i);
    return ZoneSnapshot.of(zone.soa(), zone.records());
  }

  @AfterEach
  void stopAll() throws Exception {
    started.close();
    assertEquals(Set.of(), ThreadCheck.leftSince(threadsBefore), "threads left");
  }

  private <T extends AutoCloseable> T closing(T resource) {
    return started.closing(resource);
  }

  @Test
  void consumersConfiguredWithTheCatalogOnlyServeEveryMemberAndFollowEveryChange() {
    TsigSecret key = TsigSecret.generate("catalog-key.interop.test", 9432);
    List<CatalogConsumer.Plan> plans =
        List.of(
            CatalogConsumer.plan(ConsumerKind.BIND, Addresses.ip("127.0.0.2")),
            CatalogConsumer.plan(ConsumerKind.KNOT, Addresses.ip("127.0.0.3")),
            CatalogConsumer.plan(ConsumerKind.POWERDNS, Addresses.ip("127.0.0.4")));
    CatalogPrimary primary = closing(CatalogPrimary.start(CATALOG, key, plans));

    // The consumers run before the catalog exists, as when a host turns catalogs on: each member's
    // first NOTIFY is refused at once (not in a catalog they know yet), and none is retried into
    // a later step (PowerDNS runs a SOA check for every NOTIFY it accepts, and one running while
    // it processes a catalog change can make that change fail: see catalog.md).
    List<CatalogConsumer> consumers = new ArrayList<>();
    for (CatalogConsumer.Plan plan : plans) {
      consumers.add(
          closing(CatalogConsumer.start(plan, CATALOG, primary.endpoint(), key, List.of(PREMIUM))));
    }
    // A member leaves only once every consumer serves the catalog version without it: none of
    // them asks for it in vain meanwhile (PowerDNS still checks the SOA of members it was
    // NOTIFYed about, for as long as it lists them).
    primary.beforeWithdrawing(
        catalog ->
            consumers.forEach(c -> c.awaitServing(CATALOG, catalog.serial().value(), CONVERGE)));
    // Version 1: four members, m3 in the group that selects Knot's "premium" template.
    List<ZoneSnapshot> members = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      members.add(memberZone(i));
    }
    Map<Name, List<String>> groups = Map.of(member(3), List.of(PREMIUM));
    CatalogVersion v1 = primary.publishCatalog(members, groups, Optional.empty());
    assertEquals(
        List.of(
            "serve member m1.members.test.",
            "serve member m2.members.test.",
            "serve member m3.members.test.",
            "serve member m4.members.test.",
            "serve catalog serial " + v1.snapshot().serial()),
        primary.steps(),
        "members first, then the catalog listing them");

    for (CatalogConsumer c : consumers) {
      c.awaitServing(CATALOG, v1.snapshot().serial().value(), CONVERGE);
      for (ZoneSnapshot m : members) {
        c.awaitServing(m.origin(), m.serial().value(), CONVERGE);
      }
    }
    for (CatalogConsumer c : consumers) {
      c.assertHolds(v1.snapshot(), "holds the catalog");
      for (ZoneSnapshot m : members) {
        c.assertHolds(m, "learned " + m.origin() + " from the catalog");
      }
    }
    assertCatalogTransfersSigned(primary, consumers);

    // The group: Knot gave m3 the "premium" template (its zone file is m3's, by that template),
    // and its catalog database says so.
    CatalogConsumer knot = consumers.get(1);
    List<String> database = knot.knotCatalogDatabase();
    assertTrue(
        database.stream().anyMatch(l -> l.startsWith(member(3).toString()) && l.endsWith(PREMIUM)),
        "kcatalogprint: " + database);
    assertTrue(
        database.stream().anyMatch(l -> l.startsWith(member(2).toString()) && !l.endsWith(PREMIUM)),
        "kcatalogprint: " + database);
    assertTrue(knot.file("m3.members.test." + PREMIUM + ".zone").isPresent(), "premium zone file");
    assertFalse(knot.file("m2.members.test." + PREMIUM + ".zone").isPresent());

    // A member added: served first, then the catalog lists it; each consumer adds and serves it.
    ZoneSnapshot m5 = memberZone(5);
    members.add(m5);
    int stepsBefore = primary.steps().size();
    List<Integer> catalogIxfrsBefore =
        consumers.stream().map(c -> c.countInLog(c.kind().incrementalTransferOf(CATALOG))).toList();
    CatalogVersion v2 = primary.publishCatalog(members, groups, Optional.empty());
    assertEquals(List.of(m5.origin()), v2.added());
    assertEquals(
        List.of("serve member m5.members.test.", "serve catalog serial " + v2.snapshot().serial()),
        primary.steps().subList(stepsBefore, primary.steps().size()));
    primary.awaitNotifyAcknowledgedByAll(CATALOG, v2.snapshot().serial().value(), CONVERGE);
    for (CatalogConsumer c : consumers) {
      c.awaitServing(m5.origin(), m5.serial().value(), CONVERGE);
      c.assertHolds(m5, "added " + m5.origin());
      c.awaitServing(CATALOG, v2.snapshot().serial().value(), CONVERGE);
    }
    // The catalog's own change (one PTR added) reached BIND and Knot by IXFR; PowerDNS 4.7
    // transfers a consumer zone by AXFR only (see PowerDnsConfig).
    for (int i = 0; i < consumers.size(); i++) {
      CatalogConsumer c = consumers.get(i);
      if (c.kind().asksForIxfr()) {
        assertEquals(
            catalogIxfrsBefore.get(i) + 1,
            c.countInLog(c.kind().incrementalTransferOf(CATALOG)),
            c.kind() + ": the catalog's change arrived by IXFR\n" + c.diagnostics());
      }
    }

    // A member removed: 1 of 5 is above the brake's 10 %, held back until the host confirms.
    List<ZoneSnapshot> without2 = new ArrayList<>(members);
    without2.remove(1);
    RemovalHeldBackException held =
        assertThrows(
            RemovalHeldBackException.class,
            () -> primary.publishCatalog(without2, groups, Optional.empty()));
    assertEquals(List.of(member(2)), held.removed());
    stepsBefore = primary.steps().size();
    CatalogVersion v3 = primary.publishCatalog(without2, groups, Optional.of(held.confirmation()));
    assertEquals(
        List.of(
            "serve catalog serial " + v3.snapshot().serial(), "withdraw member m2.members.test."),
        primary.steps().subList(stepsBefore, primary.steps().size()),
        "the catalog first, then the member is withdrawn");
    for (CatalogConsumer c : consumers) {
      c.awaitNotServing(member(2), CONVERGE);
      c.awaitServing(CATALOG, v3.snapshot().serial().value(), CONVERGE);
      c.assertHolds(v3.snapshot(), "holds the catalog without m2");
      c.awaitServing(member(1), FIRST_SERIAL, CONVERGE);
    }

    // A change inside a member: NOTIFY, then IXFR on BIND and Knot (PowerDNS: AXFR).
    ZoneSnapshot m4 = primary.member(member(4));
    ZoneSnapshot m4v2 =
        InteropZones.snapshot(
            ZoneGenerator.withOneChange(new GeneratedZone(m4.soa(), m4.records()), 3));
    List<Integer> ixfrsBefore = new ArrayList<>();
    for (CatalogConsumer c : consumers) {
      ixfrsBefore.add(c.countInLog(c.kind().incrementalTransferOf(member(4))));
    }
    primary.publishMemberVersion(m4v2);
    primary.awaitNotifyAcknowledgedByAll(member(4), m4v2.serial().value(), CONVERGE);
    for (int i = 0; i < consumers.size(); i++) {
      CatalogConsumer c = consumers.get(i);
      c.awaitServing(member(4), m4v2.serial().value(), CONVERGE);
      c.assertHolds(m4v2, "after a change inside " + member(4));
      Pattern ixfr = c.kind().incrementalTransferOf(member(4));
      if (c.kind().asksForIxfr()) {
        assertEquals(
            ixfrsBefore.get(i) + 1,
            c.countInLog(ixfr),
            c.kind() + ": the change arrived by IXFR\n" + c.diagnostics());
      } else {
        assertEquals(ixfrsBefore.get(i), c.countInLog(ixfr), c.kind() + " asks AXFR for members");
      }
    }

    // Because members were served before the catalog listed them and withdrawn only after it
    // stopped listing them, no consumer ever asked for a member the primary did not serve.
    List<TransferRefusal> refusedMembers =
        primary.refusals().stream()
            .filter(r -> r.qname().isPresent() && !r.qname().get().equals(CATALOG))
            .toList();
    assertEquals(List.of(), refusedMembers, "requests for members answered with an error");
  }

  /** Every transfer of the catalog was signed with the key, by every consumer. */
  private static void assertCatalogTransfersSigned(
      CatalogPrimary primary, List<CatalogConsumer> consumers) {
    List<CatalogPrimary.Transfer> transfers = primary.transfersOf(CATALOG);
    Set<String> sources =
        transfers.stream()
            .map(t -> t.request().client().getAddress().getHostAddress())
            .collect(Collectors.toSet());
    for (CatalogConsumer c : consumers) {
      assertTrue(
          sources.contains(c.plan().source().getHostAddress()),
          c.kind() + " transferred the catalog: " + sources);
    }
    assertTrue(
        transfers.stream().allMatch(t -> t.request().keyName().isPresent()),
        "unsigned catalog transfers: " + transfers);
  }
}
