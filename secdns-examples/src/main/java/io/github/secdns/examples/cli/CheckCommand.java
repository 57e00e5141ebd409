package io.github.secdns.examples.cli;

import io.github.secdns.axfr.probe.ContentComparison;
import io.github.secdns.axfr.probe.NameServerResolver;
import io.github.secdns.axfr.probe.Prober;
import io.github.secdns.axfr.probe.RootHints;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.ContentProbe;
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
import io.github.secdns.core.zone.ZoneDigest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check ZONE}: asks the zone's name servers (SOA and zone digest) and the parent's servers
 * (given, or found by a walk from root hints) with the prober, runs the diagnostics engine and
 * prints the report like a status page, or as JSON. Exit code 1 when the report has an error.
 */
@Command(
    name = "check",
    synopsisHeading = "usage: ",
    customSynopsis =
        "secdns check ZONE --primary NS (--preset ID | --secondary-ns NS) (--resolve NAME=ADDR |"
            + " --resolver ADDR:PORT) [flags]",
    description = {
      "diagnose a zone's Secondary DNS: name servers, delegation, serials, zone data",
      "",
      "Asks the zone's name servers for their SOA and for the zone digest they serve (their ZONEMD"
          + " record, else a zone transfer where they allow one), and the parent zone's servers for"
          + " the delegation, then prints the report like a status page, or as JSON. Exit code 1"
          + " when it has an error.",
      ""
    },
    sortOptions = false,
    footerHeading = "%n",
    footer = {
      "The delegation: with --parent, those servers are asked. Without it, the parent's servers are"
          + " found by walking from the root servers: by default the Internet's 13 root servers"
          + " (IANA's named.root of 2024-04-18, built in), or those of --root / --root-hints. The"
          + " walk asks only non-recursive questions of the roots and of the servers they refer"
          + " to (at most 64 queries, within the time budget), never a system resolver;"
          + " addresses without a port are asked on --port. The built-in root servers are used"
          + " only with --port 53 (the default): a setup on another port is local and is never"
          + " walked out to the Internet. --root-hints none skips the lookup.",
      "",
      "Flags that take names or addresses accept a comma list: --primary a.example,b.example."
    })
final class CheckCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ZONE", arity = "0..*", description = "the zone to check")
  List<String> zones = new ArrayList<>();

  @Option(
      names = "--primary",
      paramLabel = "NS",
      split = ",",
      description = "the host's own name servers for the zone (required)")
  List<String> primary = new ArrayList<>();

  @Mixin SecondaryFlags secondary = new SecondaryFlags();

  @Mixin TransferFlags transfer = new TransferFlags();

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
          "servers of the parent zone to ask for the delegation (e.g. a TLD server); overrides the"
              + " walk from the root servers")
  List<String> parent = new ArrayList<>();

  @Option(
      names = "--root",
      paramLabel = "ADDR:PORT",
      split = ",",
      description =
          "root servers to walk from to the parent's delegation (default: the Internet's root"
              + " servers, built in)")
  List<String> root = new ArrayList<>();

  @Option(
      names = "--root-hints",
      paramLabel = "FILE|none",
      description =
          "a root hints file (named.root form) to walk from; 'none': do not look up the"
              + " delegation")
  @Nullable
  String rootHints;

  @Option(
      names = "--no-transfer",
      description =
          "compare zone data by the ZONEMD record only, never by a zone transfer (for large"
              + " zones)")
  boolean noTransfer;

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

  @Mixin JsonFlag json = new JsonFlag();

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
    if (!secondary.given()) {
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
        secondary.prefill(zone, secondary.secondaryNs, "check", io.clock());
    SecondaryDnsConfiguration.Builder builder = prefilled.builder();
    Configurations.addTransfers(
        builder, transfer.allow, null, transfer.notifyTargets(), Optional.empty(), false);
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
    int dnsPort = port != null ? Addresses.port(port, "--port", false) : 53;
    Delegation delegation = delegation(parents, dnsPort);
    List<InetSocketAddress> resolvers = new ArrayList<>();
    for (String r : resolver) {
      resolvers.add(Addresses.endpoint(r, "--resolver", false));
    }
    Duration queryTimeout = Duration.ofMillis(millis(timeout == null ? "3000" : timeout));
    NameServerResolver fixed = NameServerResolver.fixed(Addresses.table(resolve, "--resolve"));
    NameServerResolver names =
        resolvers.isEmpty()
            ? fixed
            : fixedThen(fixed, NameServerResolver.dns(resolvers, queryTimeout));

    Prober prober =
        Prober.builder()
            .parentServers(parents)
            .rootHints(delegation.roots())
            .resolver(names)
            .port(dnsPort)
            .queryTimeout(queryTimeout)
            .budget(queryTimeout.multipliedBy(10))
            .contentComparison(
                noTransfer ? ContentComparison.ZONEMD : ContentComparison.ZONEMD_OR_TRANSFER)
            .build();
    Observations observations = prober.probe(config, primaries);
    HostFacts.Builder facts = HostFacts.builder(io.clock()).primaryNameServers(primaries);
    Optional<SoaData> primarySoa = primarySoa(observations, primaries);
    primarySoa.ifPresent(facts::primarySoa);
    primarySoa
        .flatMap(soa -> primaryDigest(observations, primaries, soa))
        .ifPresent(d -> facts.primaryZoneDigest(d.digest(), d.published()));
    signed.ifPresent(facts::dnssecEnabled);
    prefilled.application().ifPresent(a -> facts.provider(a.preset()));
    DiagnosticReport report = DiagnosticEngine.diagnose(config, facts.build(), observations);
    if (json.on()) {
      out.println(
          Json.write(
              CheckJson.of(report, delegation.source(), observations, prefilled.application())));
    } else {
      print(report, delegation.source(), observations, prefilled.application(), out);
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

  /** Where the delegation is asked: the parent's servers given, a walk from root hints, or not. */
  record Delegation(DelegationSource source, List<InetSocketAddress> roots) {}

  /** How {@code check} learned the parent's delegation; its name is the JSON value. */
  enum DelegationSource {
    /** Asked of the parent's servers given with {@code --parent}. */
    PARENT_SERVERS("asked of the parent's servers given"),
    /** Found by a walk from the root servers (built in, {@code --root} or {@code --root-hints}). */
    ROOT_WALK("found by a walk from the root servers"),
    /** Not looked up ({@code --root-hints none}, or {@code --port} other than 53 without roots). */
    NOT_ASKED("not looked up");

    private final String text;

    DelegationSource(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  private Delegation delegation(List<InetSocketAddress> parents, int dnsPort)
      throws UsageException {
    if (!root.isEmpty() && rootHints != null) {
      throw new UsageException("check: give --root or --root-hints, not both");
    }
    List<InetSocketAddress> roots = new ArrayList<>();
    for (String r : root) {
      roots.add(Addresses.endpoint(r, "--root", false));
    }
    if (!parents.isEmpty()) {
      return new Delegation(DelegationSource.PARENT_SERVERS, List.of());
    }
    if ("none".equals(rootHints)) {
      return new Delegation(DelegationSource.NOT_ASKED, List.of());
    }
    if (roots.isEmpty() && rootHints == null && dnsPort != 53) {
      // The Internet's root servers, and every server they refer to, answer on port 53 only: a
      // setup on another port is a local one, which never reaches out to the Internet unasked.
      return new Delegation(DelegationSource.NOT_ASKED, List.of());
    }
    if (roots.isEmpty()) {
      for (InetAddress a : rootHintAddresses()) {
        roots.add(new InetSocketAddress(a, dnsPort));
      }
    }
    return new Delegation(DelegationSource.ROOT_WALK, roots);
  }

  /** The root servers of --root-hints FILE, else the built-in copy of IANA's named.root. */
  private List<InetAddress> rootHintAddresses() throws UsageException {
    if (rootHints == null) {
      return RootHints.iana();
    }
    Path file = Addresses.path(rootHints, "--root-hints");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("--root-hints: cannot read " + file + " (" + e.getMessage() + ")");
    }
    try {
      return RootHints.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--root-hints: " + file + ": " + e.getMessage());
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

  /** The primary's zone digest and whether the zone publishes it. */
  record ObservedDigest(ZoneDigest digest, boolean published) {}

  /**
   * The primary's zone digest, as observed: a ZONEMD record a primary name server serves for the
   * primary's serial, else the digest of a zone transfer from one. The primary name servers are the
   * reference: the command runs outside the host, which would compute it from its own snapshot.
   */
  static Optional<ObservedDigest> primaryDigest(
      Observations observations, List<Name> primaries, SoaData soa) {
    Set<Name> names = new HashSet<>();
    primaries.forEach(p -> names.add(p.canonicalize()));
    Optional<ObservedDigest> transferred = Optional.empty();
    for (ContentProbe p : observations.contentProbes()) {
      if (!names.contains(p.nameServer().canonicalize())
          || p.digest().isEmpty()
          || !p.digest().get().serial().equals(soa.serial())) {
        continue;
      }
      if (p.method() == ContentProbe.Method.ZONEMD) {
        return Optional.of(new ObservedDigest(p.digest().get(), true));
      }
      if (transferred.isEmpty()) {
        transferred = Optional.of(new ObservedDigest(p.digest().get(), false));
      }
    }
    return transferred;
  }

  /**
   * Prints the report like a status page: the status, one line per name server, the delegation (how
   * it was looked up and what the parent lists), what applying the preset said (the day whose
   * values are expected, warnings), then the findings with remedies.
   */
  static void print(
      DiagnosticReport report,
      DelegationSource source,
      Observations observations,
      Optional<PresetApplication> applied,
      PrintStream out) {
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
    out.println(
        "delegation ("
            + source.text()
            + "): "
            + observations
                .parentDelegation()
                .map(
                    d ->
                        d.isEmpty()
                            ? "none, the parent does not delegate the zone"
                            : d.stream().map(Name::toString).collect(Collectors.joining(", ")))
                .orElse(source == DelegationSource.NOT_ASKED ? "-" : "not observed"));
    if (applied.isPresent()) {
      out.println();
      PresetText.printApplication(applied, "", out);
    }
    for (Finding f : report.findings()) {
      out.println();
      out.println(findingLine(f));
      out.println("  -> " + f.remedy());
    }
  }

  /** A finding in one line, {@code [SEVERITY] CODE: message}, as check and serve print it. */
  static String findingLine(Finding f) {
    return "[" + f.severity() + "] " + f.code() + ": " + f.message();
  }
}
