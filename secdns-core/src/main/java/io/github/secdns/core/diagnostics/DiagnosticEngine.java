package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * Turns a Secondary DNS configuration, the host's facts and network observations into a {@link
 * DiagnosticReport}.
 *
 * <p>Pure: no I/O, no threads, no logging; the time comes from {@link HostFacts#clock()}. The same
 * input always gives an equal report, whatever the order in which observations were added. It never
 * throws for any combination of present, missing or contradictory observations: what it cannot
 * judge becomes an {@link Severity#INFO} finding ({@link DiagnosticCode#isNotJudged()}).
 * Thread-safe (stateless).
 */
public final class DiagnosticEngine {

  private DiagnosticEngine() {}

  /**
   * Diagnoses one zone.
   *
   * @param config the zone's Secondary DNS configuration
   * @param facts what the host knows about its primary
   * @param observations what was observed on the network
   * @return the report
   */
  public static DiagnosticReport diagnose(
      SecondaryDnsConfiguration config, HostFacts facts, Observations observations) {
    Instant now = facts.clock().instant();
    Name zone = Names.canonical(config.zone());
    Set<Name> secondaries = new TreeSet<>();
    config.secondaryNameServerNames().forEach(n -> secondaries.add(Names.canonical(n)));
    FindingList findings = new FindingList();
    if (!config.enabled()) {
      DelegationCheck.disabled(zone, secondaries, observations, findings);
      return new DiagnosticReport(zone, now, List.of(), findings.all());
    }
    Set<Name> primaries = DelegationCheck.minus(facts.primaryNameServers(), secondaries);

    SetupCheck.run(config, facts, findings);
    Optional<CatalogListing> catalog = CatalogCheck.run(config, facts, findings);
    DelegationCheck.run(zone, facts.primaryNameServers(), secondaries, observations, findings);

    Map<Name, NameServerRole> roles = new LinkedHashMap<>();
    secondaries.forEach(n -> roles.put(n, NameServerRole.SECONDARY));
    primaries.forEach(n -> roles.put(n, NameServerRole.PRIMARY));
    record Served(NameServerRole role, ServingCheck.Result result) {}
    Map<Name, Served> results = new LinkedHashMap<>();
    Map<Name, List<InetAddress>> addresses = new LinkedHashMap<>();
    roles.forEach(
        (name, role) -> {
          ServingCheck.Result r =
              ServingCheck.run(name, role, facts, now, catalog, observations, findings);
          results.put(name, new Served(role, r));
          addresses.put(name, r.addresses());
        });
    ContentCheck.run(roles, facts, observations, findings);
    TransferCheck.run(config, observations, addresses, findings);
    XotCheck.run(config, facts, observations, now, findings);

    List<NameServerReport> lines = new ArrayList<>();
    results.forEach(
        (name, served) -> {
          ServingCheck.Result r = served.result();
          lines.add(
              new NameServerReport(
                  name,
                  served.role(),
                  status(name, r, findings.all()),
                  r.addresses(),
                  r.servedSerials()));
        });
    return new DiagnosticReport(zone, now, lines, findings.all());
  }

  /** The most severe finding naming the server, else OK when its serial was confirmed. */
  private static ServerStatus status(
      Name name, ServingCheck.Result result, List<Finding> findings) {
    Severity worst =
        findings.stream()
            .filter(f -> f.concerns(name))
            .map(Finding::severity)
            .max(Enum::compareTo)
            .orElse(Severity.INFO);
    return switch (worst) {
      case ERROR -> ServerStatus.ERROR;
      case WARNING -> ServerStatus.WARNING;
      case PENDING -> ServerStatus.PENDING;
      default -> result.confirmed() ? ServerStatus.OK : ServerStatus.NOT_CHECKED;
    };
  }
}
