package io.github.secdns.examples.cli;

import io.github.secdns.axfr.probe.NameServerResolver;
import io.github.secdns.axfr.probe.Prober;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.NameServerReport;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.ReportStatus;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.diagnostics.SoaProbe;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.serial.SerialComparison;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check ZONE}: asks the zone's name servers (and the parent's, when given) with the prober,
 * runs the diagnostics engine and prints the report like a status page, or as JSON. Exit code 1
 * when the report has an error.
 */
@Command(
    name = "check",
    synopsisHeading = "usage: ",
    customSynopsis =
        "secdns check ZONE --primary NS (--preset ID | --secondary-ns NS) (--resolve NAME=ADDR |"
            + " --resolver ADDR:PORT) [flags]",
    description = {
      "diagnose a zone's Secondary DNS: name servers, delegation, serials",
      "",
      "Asks the zone's name servers (and the parent's, with --parent), then prints the report"
          + " like a status page, or as JSON. Exit code 1 when it has an error.",
      ""
    },
    sortOptions = false,
    footerHeading = "%n",
    footer =
        "Flags that take names or addresses accept a comma list: --primary a.example,b.example.")
final class CheckCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ZONE", arity = "0..*", description = "the zone to check")
  List<String> zones = new ArrayList<>();

  @Option(
      names = "--primary",
      paramLabel = "NS",
      split = ",",
      description = "the host's own name servers for the zone (required)")
  List<String> primary = new ArrayList<>();

  @Option(
      names = "--preset",
      paramLabel = "ID",
      description = "the secondary provider's preset (its name servers are expected)")
  @Nullable
  String preset;

  @Option(
      names = "--secondary-ns",
      paramLabel = "NS",
      split = ",",
      description = "the secondary name servers expected")
  List<String> secondaryNs = new ArrayList<>();

  @Option(
      names = "--allow",
      paramLabel = "ADDR_OR_CIDR",
      split = ",",
      description = "the transfer ACL the primary applies (besides a preset's addresses)")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--notify",
      paramLabel = "ADDR:PORT",
      split = ",",
      description = "the NOTIFY targets the primary sends to")
  List<String> notify = new ArrayList<>();

  @Option(
      names = "--dnssec",
      paramLabel = "on|off",
      description = "whether the zone is signed (default: unknown)")
  @Nullable
  String dnssec;

  @Option(
      names = "--parent",
      paramLabel = "ADDR:PORT",
      split = ",",
      description =
          "servers of the parent zone to ask for the delegation (e.g. a TLD server); without: the"
              + " delegation is not checked")
  List<String> parent = new ArrayList<>();

  @Option(
      names = "--resolve",
      paramLabel = "NAME=ADDR[,ADDR]",
      description = "a name server's addresses (no DNS lookup)")
  List<String> resolve = new ArrayList<>();

  @Option(
      names = "--resolver",
      paramLabel = "ADDR:PORT",
      split = ",",
      description = "a recursive resolver to find name server addresses")
  List<String> resolver = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "the port name servers answer on (default 53)")
  @Nullable
  String port;

  @Option(
      names = "--timeout",
      paramLabel = "MILLIS",
      description = "time-out of each query (default 3000)")
  @Nullable
  String timeout;

  @Option(
      names = "--json",
      description = "print the report as JSON (one line; shape in docs/architecture/examples.md)")
  boolean json;

  private final Io io;

  CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    PrintStream out = io.out();
    if (zones.size() != 1) {
      throw new UsageException(
          "check: give exactly one zone, e.g. check example.com --primary"
              + " ns1.example.com --secondary-ns ns1.secondary.com --resolver 9.9.9.9:53");
    }
    String zone = Addresses.name(zones.get(0), "check").toString();
    if (primary.isEmpty()) {
      throw new UsageException("check: --primary NS is required (the host's own name servers)");
    }
    if (preset == null && secondaryNs.isEmpty()) {
      throw new UsageException(
          "check: say which secondaries to expect: --preset ID or" + " --secondary-ns NS");
    }
    if (resolve.isEmpty() && resolver.isEmpty()) {
      throw new UsageException(
          "check: say how to find name server addresses: --resolve"
              + " NAME=ADDR or --resolver ADDR:PORT (the system resolver is never used)");
    }
    List<Name> primaries = new ArrayList<>();
    for (String p : primary) {
      primaries.add(Addresses.name(p, "--primary"));
    }
    Configurations.Prefilled prefilled =
        Configurations.start(zone, Optional.ofNullable(preset), secondaryNs, "check", io.clock());
    SecondaryDnsConfiguration.Builder builder = prefilled.builder();
    for (String a : allow) {
      builder.addAclEntry(a);
    }
    for (String n : notify) {
      InetSocketAddress target = Addresses.endpoint(n, "--notify", false);
      builder.addNotifyTarget(target.getAddress().getHostAddress(), target.getPort(), null);
    }
    SecondaryDnsConfiguration config = Configurations.build(builder, "check");
    Optional<Boolean> signed = Optional.empty();
    if (dnssec != null) {
      if (!dnssec.equals("on") && !dnssec.equals("off")) {
        throw new UsageException("--dnssec: say on or off, not '" + dnssec + "'");
      }
      signed = Optional.of(dnssec.equals("on"));
    }
    List<InetSocketAddress> parents = new ArrayList<>();
    for (String p : parent) {
      parents.add(Addresses.endpoint(p, "--parent", false));
    }
    List<InetSocketAddress> resolvers = new ArrayList<>();
    for (String r : resolver) {
      resolvers.add(Addresses.endpoint(r, "--resolver", false));
    }
    int dnsPort = port != null ? Addresses.port(port, "--port", false) : 53;
    Duration queryTimeout = Duration.ofMillis(millis(timeout == null ? "3000" : timeout));
    NameServerResolver fixed = NameServerResolver.fixed(Addresses.table(resolve, "--resolve"));
    NameServerResolver names =
        resolvers.isEmpty()
            ? fixed
            : fixedThen(fixed, NameServerResolver.dns(resolvers, queryTimeout));

    Prober prober =
        Prober.builder()
            .parentServers(parents)
            .resolver(names)
            .port(dnsPort)
            .queryTimeout(queryTimeout)
            .budget(queryTimeout.multipliedBy(5))
            .build();
    Observations observations = prober.probe(config, primaries);
    HostFacts.Builder facts = HostFacts.builder(io.clock()).primaryNameServers(primaries);
    primarySoa(observations, primaries).ifPresent(facts::primarySoa);
    signed.ifPresent(facts::dnssecEnabled);
    prefilled.application().ifPresent(a -> facts.provider(a.preset()));
    DiagnosticReport report = DiagnosticEngine.diagnose(config, facts.build(), observations);
    if (json) {
      out.println(Json.write(CheckJson.of(report, prefilled.application())));
    } else {
      print(report, prefilled.application(), out);
    }
    return report.status() == ReportStatus.ERROR ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private static long millis(String text) throws UsageException {
    try {
      long m = Long.parseLong(text.strip());
      if (m < 1 || m > 60_000) {
        throw new NumberFormatException();
      }
      return m;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--timeout: '" + text + "' is not a number of milliseconds between 1 and 60000");
    }
  }

  private static NameServerResolver fixedThen(NameServerResolver first, NameServerResolver second) {
    return name -> first.addresses(name).or(() -> second.addresses(name));
  }

  /**
   * The SOA the primary serves, as observed: the newest serial a primary name server answered
   * authoritatively. The command runs outside the host, so this is its best knowledge.
   */
  static Optional<SoaData> primarySoa(Observations observations, List<Name> primaries) {
    Set<Name> names = new HashSet<>();
    primaries.forEach(p -> names.add(p.canonicalize()));
    SoaData best = null;
    for (SoaProbe p : observations.soaProbes()) {
      if (!names.contains(p.nameServer().canonicalize())
          || !p.authoritative()
          || p.rcode().orElse(-1) != Rcode.NOERROR
          || p.soa().isEmpty()) {
        continue;
      }
      SoaData soa = p.soa().get();
      if (best == null || soa.serial().compareWith(best.serial()) == SerialComparison.GREATER) {
        best = soa;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Prints the report like a status page: the status, one line per name server, what applying the
   * preset said (the day whose values are expected, warnings), then the findings with remedies.
   */
  static void print(DiagnosticReport report, Optional<PresetApplication> applied, PrintStream out) {
    out.println(report.zone() + " status: " + report.status());
    int width =
        report.nameServers().stream().mapToInt(n -> n.name().toString().length()).max().orElse(0);
    for (NameServerReport n : report.nameServers()) {
      String mark = n.status().isCheckMark() ? "✓" : n.status().isWarningSign() ? "⚠" : "?";
      String name = n.name().toString();
      out.println(
          mark
              + " "
              + name
              + " ".repeat(width - name.length() + 2)
              + String.format("%-8s %-9s", n.role(), n.status())
              + (n.servedSerials().isEmpty()
                  ? ""
                  : " serves "
                      + n.servedSerials().stream()
                          .map(Object::toString)
                          .collect(Collectors.joining(", "))));
    }
    if (applied.isPresent()) {
      out.println();
      PresetText.printApplication(applied, "", out);
    }
    for (Finding f : report.findings()) {
      out.println();
      out.println("[" + f.severity() + "] " + f.code() + ": " + f.message());
      out.println("  -> " + f.remedy());
    }
  }
}
