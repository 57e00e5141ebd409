package io.github.secdns.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.CatalogMember;
import io.github.secdns.core.catalog.CatalogProducer;
import io.github.secdns.core.catalog.CatalogRequest;
import io.github.secdns.core.catalog.CatalogVersion;
import io.github.secdns.core.catalog.InMemoryCatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.core.catalog.RemovalHeldBackException;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The README's "produce a catalog zone" snippet, compiled and run. */
class CatalogSnippetTest {

  private final CatalogProducer producer = CatalogProducer.create(Clock.systemUTC());
  private final MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
  private Optional<ZoneSnapshot> served = Optional.empty();

  private static List<Name> zones(int count) {
    List<Name> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Name.fromConstantString("customer" + i + ".example."));
    }
    return out;
  }

  /** The snippet; returns the held-back error, if any. */
  private Optional<RemovalHeldBackException> update(List<Name> memberZones) {
    // --- README snippet: begin
    Name catalog = Name.fromConstantString("catalog.example.net.");
    CatalogRequest.Builder request = CatalogRequest.builder(catalog);
    served.ifPresent(request::previous); // the version consumers hold now
    labels
        .assign(catalog, memberZones) // a label is chosen once per zone, then kept
        .forEach((zone, label) -> request.addMember(CatalogMember.of(zone, label)));
    try {
      CatalogVersion next = producer.produce(request.build());
      if (next.changed()) {
        served = Optional.of(next.snapshot()); // publish it like any zone: AXFR, IXFR, NOTIFY
      }
    } catch (RemovalHeldBackException e) { // it removes more than 10 % of the members
      System.out.println(e.getMessage()); // names them, and the confirmation that lets them go
      return Optional.of(e);
    }
    // --- README snippet: end
    return Optional.empty();
  }

  @Test
  void aShrunkenCatalogIsHeldBackUntilConfirmed() {
    assertEquals(Optional.empty(), update(zones(20)));
    ZoneSnapshot twenty = served.orElseThrow();
    assertEquals(20 + 2, twenty.records().size());

    RemovalHeldBackException held = update(zones(10)).orElseThrow();
    assertEquals(10, held.removed().size());
    assertTrue(held.getMessage().contains("removes 10 of its 20 member zones"));
    assertEquals(twenty, served.orElseThrow());

    CatalogRequest.Builder confirmed =
        CatalogRequest.builder(Name.fromConstantString("catalog.example.net."))
            .previous(twenty)
            .confirmRemoval(held.confirmation());
    labels
        .assign(twenty.origin(), zones(10))
        .forEach((zone, label) -> confirmed.addMember(CatalogMember.of(zone, label)));
    assertEquals(10, producer.produce(confirmed.build()).removed().size());
  }
}
