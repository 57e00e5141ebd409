package io.github.secdns.axfr.refresh;

import static io.github.secdns.testsupport.Addresses.ip;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Properties of a sequence of refreshes with arbitrary resolver outcomes (one of three address
 * sets, or a failure), each refresh after the back-off has passed: a version is published exactly
 * when the served values change, serials only move forward, and the zone always serves the last
 * values that resolved.
 */
class RefreshPropertyTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final Name TARGET = Name.fromConstantString("lb.cdn.example.net.");
  private static final Name PRIMARY = Name.fromConstantString("ns1.host.example.");
  private static final List<List<InetAddress>> SETS =
      List.of(
          List.of(ip("192.0.2.1")),
          List.of(ip("192.0.2.2"), ip("2001:db8::2")),
          List.of(ip("2001:db8::3")));
  private static final HostZone HOST_ZONE =
      RefreshTesting.aliasAtTheApex(
              ZONE, PRIMARY, Name.fromConstantString("hostmaster.example.com."), TARGET)
          .build();

  @AfterEach
  void noThreadLeft() {
    RefreshTesting.assertNoThreads(java.util.regex.Pattern.compile("secdns-refresh-.*"));
  }

  @Test
  void publishesExactlyWhenTheServedValuesChangeAndServesTheLastGoodOnes() {
    // -1 = the resolution fails; 0..2 = it gives that address set.
    qt().withExamples(60)
        .forAll(lists().of(integers().between(-1, 2)).ofSizeBetween(1, 8))
        .checkAssert(RefreshPropertyTest::check);
  }

  private static void check(List<Integer> steps) {
    List<ZoneSnapshot> published = new ArrayList<>();
    AtomicInteger step = new AtomicInteger();
    MutableClock backoffClock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    TargetResolver resolver =
        target -> {
          int outcome = steps.get(step.get());
          return CompletableFuture.completedFuture(
              outcome < 0
                  ? TargetResolution.unresolved("SERVFAIL")
                  : TargetResolution.resolved(SETS.get(outcome), 60));
        };
    SecondaryDnsConfiguration configuration =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("ns1.secondary.example.net")
            .build();
    try (AliasRefresher refresher =
        AliasRefresher.builder(
                ZoneExporter.create(
                    Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC)),
                resolver,
                published::add)
            .interval(Duration.ofHours(1))
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
            .clock(backoffClock)
            .build()) {
      refresher.register(
          RefreshTesting.registered(
                  configuration,
                  () -> HOST_ZONE,
                  PRIMARY,
                  Name.fromConstantString("hostmaster.example.com."))
              .build());

      Set<String> served = null; // null: nothing published yet
      Set<String> lastGood = Set.of();
      for (int i = 0; i < steps.size(); i++) {
        step.set(i);
        backoffClock.advance(Duration.ofSeconds(8));
        int before = published.size();
        RefreshEvent.Outcome outcome = refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS);
        if (steps.get(i) >= 0) {
          lastGood = addresses(SETS.get(steps.get(i)));
        }
        boolean changes = served == null || !served.equals(lastGood);
        assertEquals(changes ? before + 1 : before, published.size(), "step " + i + " " + outcome);
        if (changes) {
          assertTrue(outcome instanceof RefreshEvent.Refreshed, outcome.toString());
          if (before > 0) {
            assertTrue(
                published.get(before).serial().isNewerThan(published.get(before - 1).serial()));
          }
        } else {
          assertTrue(outcome instanceof RefreshEvent.Unchanged, outcome.toString());
        }
        served = lastGood;
        assertEquals(served, apex(published.get(published.size() - 1)));
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> addresses(List<InetAddress> list) {
    Set<String> out = new TreeSet<>();
    list.forEach(a -> out.add(a.getHostAddress()));
    return out;
  }

  private static Set<String> apex(ZoneSnapshot snapshot) {
    Set<String> out = new TreeSet<>();
    for (Record r : snapshot.records()) {
      if (r.getName().equals(ZONE) && (r.getType() == Type.A || r.getType() == Type.AAAA)) {
        out.add(r.rdataToString());
      }
    }
    return out;
  }
}
