package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.Binaries;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerProcess;
import io.github.secdns.testsupport.servers.TsigSecret;
import io.github.secdns.testsupport.servers.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;

/**
 * A real BIND, Knot or PowerDNS secondary configured with one catalog zone and nothing else: it
 * learns its member zones from the catalog. Planned first ({@link #plan}: its listening port and
 * source address, so that the primary can NOTIFY it and allow it), then started ({@link #start}).
 * Closing stops the process and its children and deletes its directory. Not thread-safe.
 */
final class CatalogConsumer implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where a consumer will listen and send from, and whether it signs (PowerDNS signs the catalog's
   * transfers, but not its members': the primary lets its address transfer members unsigned).
   *
   * @param kind the consumer
   * @param source the source address of its SOA queries and transfers
   * @param listen where it listens (BIND only on 127.0.0.1, which is configured on lo)
   * @param port its port
   */
  record Plan(ConsumerKind kind, InetAddress source, InetAddress listen, int port) {
    InetSocketAddress endpoint() {
      return new InetSocketAddress(listen, port);
    }

    /** Whether it accepts only NOTIFY signed with the key, so the primary must sign it. */
    boolean signedNotify() {
      return kind != ConsumerKind.POWERDNS;
    }
  }

  private final Plan plan;
  private final Name catalog;
  private final ServerProcess process;

  private CatalogConsumer(Plan plan, Name catalog, ServerProcess process) {
    this.plan = plan;
    this.catalog = catalog;
    this.process = process;
  }

  /** Chooses the addresses and the port of a consumer that sends from {@code source}. */
  static Plan plan(ConsumerKind kind, InetAddress source) {
    InetAddress listen = kind == ConsumerKind.BIND ? Addresses.LOOPBACK_1 : source;
    return new Plan(kind, source, listen, LoopbackPorts.free(listen));
  }

  /**
   * Starts a consumer of {@code catalog} served by {@code primary}: the catalog's transfers signed
   * with {@code key}; BIND and Knot also sign their members' transfers and accept only signed
   * NOTIFY; {@code groups} become Knot templates.
   */
  static CatalogConsumer start(
      Plan plan, Name catalog, InetSocketAddress primary, TsigSecret key, List<String> groups) {
    Path dir = Secondary.newDirectory("secdns-catz-" + plan.kind().server().binary() + "-");
    ServerConfig config =
        ServerConfig.secondary(dir, catalog, plan.listen(), plan.port(), primary, plan.source())
            .withVerboseLog()
            // One worker: the machine has 2 cores shared with the build.
            .withWorkers(1)
            .withKey(key)
            .withCatalogConsumer(groups);
    if (plan.signedNotify()) {
      config = config.withSignedNotifyOnly();
    }
    ServerProcess process =
        plan.kind().server().start(plan.kind() + " catalog consumer", config, START_TIMEOUT);
    return new CatalogConsumer(plan, catalog, process);
  }

  ConsumerKind kind() {
    return plan.kind();
  }

  Plan plan() {
    return plan;
  }

  ServerProcess process() {
    return process;
  }

  /**
   * The serial of {@code zone} it answers with authority over TCP, or -1 when it serves none. TCP:
   * Knot answers queries for a catalog zone only over TCP from an address its transfer ACL allows
   * (REFUSED over UDP), and the read-back comes from 127.0.0.1, which it allows.
   */
  long servedSerial(Name zone) {
    SimpleResolver tcp = process.resolver();
    tcp.setTCP(true);
    tcp.setTimeout(Duration.ofSeconds(2));
    return ServerProcess.servedSerial(tcp, zone);
  }

  /**
   * The serial of a member zone it answers with authority over UDP (cheaper than {@link
   * #servedSerial}, for polling many members), or -1 when it serves none.
   */
  long servedSerialOverUdp(Name member) {
    return process.servedSerial(member);
  }

  /** Waits until it serves {@code zone} with authority and {@code serial}. */
  void awaitServing(Name zone, long serial, Duration timeout) {
    Waits.until(
        kind() + " serving " + zone + " with serial " + serial,
        timeout,
        () -> servedSerial(zone),
        served -> served == serial,
        served ->
            "last served serial: " + (served < 0 ? "none" : served) + "\n" + process.diagnostics());
  }

  /** Waits until it no longer answers for {@code zone} with authority (the member was purged). */
  void awaitNotServing(Name zone, Duration timeout) {
    Waits.until(
        kind() + " no longer serving " + zone,
        timeout,
        () -> servedSerial(zone),
        served -> served < 0,
        served -> "still serves serial " + served + "\n" + process.diagnostics());
  }

  /** Asserts that it serves exactly {@code expected}, read back by AXFR. */
  void assertHolds(ZoneSnapshot expected, String context) {
    ZoneReadBack.assertSameZone(
        expected,
        ZoneReadBack.axfrFrom(process, expected.origin()),
        kind().keepsNameCase() ? ZoneReadBack.NameCase.EXACT : ZoneReadBack.NameCase.FOLDED,
        kind() + " " + context);
  }

  /** How many times its log matches {@code pattern} so far. */
  int countInLog(Pattern pattern) {
    Matcher m = pattern.matcher(process.log());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Waits until its log matches {@code pattern} more than {@code before} times. */
  void awaitLogCount(Pattern pattern, int before, Duration timeout) {
    Waits.until(
        kind() + " logging /" + pattern + "/ more than " + before + " times",
        timeout,
        () -> countInLog(pattern),
        n -> n > before,
        n -> n + " times\n" + process.diagnostics());
  }

  /**
   * What knotd keeps about the members of the catalog: kcatalogprint's lines ("member label catalog
   * group").
   */
  List<String> knotCatalogDatabase() {
    if (kind() != ConsumerKind.KNOT) {
      throw new IllegalStateException("kcatalogprint is Knot's");
    }
    try {
      Process p =
          new ProcessBuilder(
                  Binaries.kcatalogprint().toString(),
                  "-c",
                  process.directory().resolve("knotd.conf").toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("kcatalogprint failed: " + out);
      }
      return out.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A file in its directory, if it exists (Knot writes the zone files of its group templates). */
  Optional<Path> file(String name) {
    Path f = process.directory().resolve(name);
    return Files.exists(f) ? Optional.of(f) : Optional.empty();
  }

  String diagnostics() {
    return process.diagnostics();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return kind() + " consuming " + catalog + " " + process;
  }
}
