package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.TsigSecret;
import io.github.secdns.testsupport.servers.ZoneNames;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.xbill.DNS.Name;

/**
 * How long a member added to a catalog takes to be served by the consumers (issue 17), run only on
 * request, on an idle machine for real figures (surefire excludes it otherwise, so a plain verify
 * reports no skipped test; it is not tagged {@code interop}, so the interop gate does not ask for
 * it):
 *
 * <pre>
 * mvn -B -q verify -pl secdns-interop -am -Dtest=CatalogMeasurementTest \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dsecdns.measure=true \
 *   -Dsecdns.measure.members=1000,10000 -Dsecdns.measure.additions=20 \
 *   -Dsecdns.measure.consumers=bind,knot [-Dsecdns.measure.addition.seconds=120]
 * cat secdns-interop/target/catalog-measurements.txt
 * </pre>
 *
 * <p>For each catalog size N: the responder serves N member zones of 10 records and their catalog;
 * the consumers (BIND 9.18, Knot 3.2; PowerDNS 4.7 with {@code powerdns}) start configured with the
 * catalog only, and the time until each serves all N members is reported (the first load). Then A
 * members are added one after the other, each as a host does it ({@link CatalogPrimary}: the member
 * served, then the next catalog version produced, published and NOTIFYed), and each addition is
 * timed from the start of the host's publication to the moment a consumer answers the new member's
 * SOA with authority (polled over TCP every 5 ms, so figures carry up to about 5 ms of polling):
 * per consumer, and until every consumer serves it. The host's own part (producing the catalog
 * version of N+1 members and publishing it) is reported on its own. BIND processes catalog changes
 * at most every {@code min-update-interval}, 1 s in the harness's configuration (BIND's default is
 * 5 s).
 */
@EnabledIfSystemProperty(named = "secdns.measure", matches = "true")
class CatalogMeasurementTest {

  private static final Name CATALOG = ZoneNames.absolute("catalog.measure.test");
  private static final Duration FIRST_LOAD = Duration.ofMinutes(30);
  private static final Duration ADDITION =
      Duration.ofSeconds(Long.getLong("secdns.measure.addition.seconds", 120));
  private static final long SERIAL = 2026120201L;
  private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

  private static List<Integer> ints(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::strip)
        .map(Integer::parseInt)
        .toList();
  }

  private static Name member(int i) {
    return ZoneNames.absolute("m" + i + ".measure.test");
  }

  private static ZoneSnapshot memberZone(int i) {
    GeneratedZone z = ZoneGenerator.sized(member(i), 10, SERIAL, i);
    return ZoneSnapshot.of(z.soa(), z.records());
  }

  @Test
  void measure() throws IOException {
    List<Integer> sizes = ints("secdns.measure.members", "1000,10000");
    int additions = ints("secdns.measure.additions", "20").get(0);
    List<ConsumerKind> kinds =
        Arrays.stream(System.getProperty("secdns.measure.consumers", "bind,knot").split(","))
            .map(s -> ConsumerKind.valueOf(s.strip().toUpperCase(Locale.ROOT)))
            .toList();
    report(
        String.format(
            Locale.ROOT,
            "# %s, %d cores, Java %s, consumers %s, %d additions per size",
            java.time.LocalDate.now(ZoneId.systemDefault()),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            kinds,
            additions));
    for (int size : sizes) {
      measure(size, additions, kinds);
    }
  }

  private void measure(int size, int additions, List<ConsumerKind> kinds) throws IOException {
    TsigSecret key = TsigSecret.generate("measure-key.test", 17);
    List<CatalogConsumer.Plan> plans = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      plans.add(CatalogConsumer.plan(kinds.get(i), Addresses.ip("127.0.0." + (2 + i))));
    }
    List<CatalogConsumer> consumers = new ArrayList<>();
    try (CatalogPrimary primary = CatalogPrimary.start(CATALOG, key, plans)) {
      // The consumers run before the catalog exists, as when a host turns catalogs on: members'
      // NOTIFYs are refused at once (not yet in a catalog they know), none is retried later.
      for (CatalogConsumer.Plan plan : plans) {
        consumers.add(CatalogConsumer.start(plan, CATALOG, primary.endpoint(), key, List.of()));
      }
      List<ZoneSnapshot> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        members.add(memberZone(i));
      }
      long loadStart = System.nanoTime();
      primary.publishCatalog(members, Map.of(), Optional.empty());
      long hostFirst = System.nanoTime() - loadStart;
      long[] loaded =
          awaitServedByEach(
              consumers,
              members.stream().map(ZoneSnapshot::origin).toList(),
              loadStart,
              FIRST_LOAD);
      List<Long> firstLoad = new ArrayList<>();
      for (long t : loaded) {
        firstLoad.add(t - loadStart);
      }
      report(
          String.format(
              Locale.ROOT,
              "catalog of %,6d members: first version (host: %.1f ms to serve the members and the"
                  + " catalog) -> every member served: %s",
              size,
              hostFirst / 1e6,
              perConsumer(consumers, firstLoad)));
      primary.awaitQuiet(Duration.ofSeconds(3), FIRST_LOAD);

      List<Long> host = new ArrayList<>();
      List<List<Long>> each = new ArrayList<>();
      consumers.forEach(c -> each.add(new ArrayList<>()));
      List<Long> all = new ArrayList<>();
      for (int a = 0; a < additions; a++) {
        ZoneSnapshot added = memberZone(size + a);
        members.add(added);
        long t0 = System.nanoTime();
        primary.publishCatalog(members, Map.of(), Optional.empty());
        host.add(System.nanoTime() - t0);
        long[] seen = awaitServedByEach(consumers, List.of(added.origin()), t0, ADDITION);
        long slowest = 0;
        for (int c = 0; c < consumers.size(); c++) {
          each.get(c).add(seen[c] - t0);
          slowest = Math.max(slowest, seen[c] - t0);
        }
        all.add(slowest);
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "catalog of %,6d members: member added -> served, n=%d: host (produce and"
                      + " publish) %s",
                  size,
                  additions,
                  stats(host)));
      for (int c = 0; c < consumers.size(); c++) {
        line.append(" | ").append(consumers.get(c).kind()).append(' ').append(stats(each.get(c)));
      }
      line.append(" | every consumer ").append(stats(all));
      report(line.toString());
      List<String> refusedMembers =
          primary.refusals().stream()
              .filter(r -> r.qname().isPresent() && !r.qname().get().equals(CATALOG))
              .map(Object::toString)
              .toList();
      assertEquals(List.of(), refusedMembers, "requests for members answered with an error");
    } finally {
      for (CatalogConsumer c : consumers) {
        c.close();
      }
    }
  }

  /**
   * Polls every consumer (over UDP, every 5 ms between rounds) until each serves every one of
   * {@code zones}; returns when each consumer was first seen serving them all.
   */
  private static long[] awaitServedByEach(
      List<CatalogConsumer> consumers, List<Name> zones, long t0, Duration timeout) {
    long[] seen = new long[consumers.size()];
    List<List<Name>> pending = new ArrayList<>();
    consumers.forEach(c -> pending.add(new ArrayList<>(zones)));
    int left = consumers.size();
    while (left > 0) {
      for (int c = 0; c < consumers.size(); c++) {
        if (seen[c] != 0) {
          continue;
        }
        CatalogConsumer consumer = consumers.get(c);
        pending.get(c).removeIf(zone -> consumer.servedSerialOverUdp(zone) == SERIAL);
        if (pending.get(c).isEmpty()) {
          seen[c] = System.nanoTime();
          left--;
        }
      }
      if (left > 0 && System.nanoTime() - t0 > timeout.toNanos()) {
        throw new AssertionError(
            "not served within " + timeout + ": still waiting for " + pending + " on " + consumers);
      }
      if (left > 0) {
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
    return seen;
  }

  private static String perConsumer(List<CatalogConsumer> consumers, List<Long> nanos) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < consumers.size(); i++) {
      out.add(String.format(Locale.ROOT, "%s %.1f s", consumers.get(i).kind(), nanos.get(i) / 1e9));
    }
    return String.join(", ", out);
  }

  private static String stats(List<Long> nanos) {
    return String.format(
        Locale.ROOT,
        "p50 %7.1f ms p99 %7.1f ms",
        percentile(nanos, 50) / 1e6,
        percentile(nanos, 99) / 1e6);
  }

  /** The nearest-rank percentile (p99 of 20 values is the largest). */
  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static void report(String line) throws IOException {
    System.out.println(line);
    Path out = Path.of("target", "catalog-measurements.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
