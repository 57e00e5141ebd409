package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.CommandLine.Option.flag;
import static io.github.secdns.examples.cli.CommandLine.Option.repeatable;
import static io.github.secdns.examples.cli.CommandLine.Option.value;

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
import io.github.secdns.core.serial.SerialComparison;
import io.github.secdns.core.spi.ProviderPreset;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * {@code check ZONE}: asks the zone's name servers (and the parent's, when given) with the prober,
 * runs the diagnostics engine and prints the report like a status page, or as JSON. Exit code 1
 * when the report has an error.
 */
final class CheckCommand {

  static final String SYNOPSIS =
      "secdns check ZONE --primary NS (--preset ID | --secondary-ns"
          + " NS) (--resolve NAME=ADDR | --resolver ADDR:PORT) [flags]";

  static final List<CommandLine.Option> OPTIONS =
      List.of(
          repeatable("primary", "NS", "the host's own name servers for the zone (required)"),
          value("preset", "ID", "the secondary provider's preset (its name servers are expected)"),
          repeatable("secondary-ns", "NS", "the secondary name servers expected"),
          repeatable(
              "allow",
              "ADDR_OR_CIDR",
              "the transfer ACL the primary applies (besides a" + " preset's addresses)"),
          repeatable("notify", "ADDR:PORT", "the NOTIFY targets the primary sends to"),
          value("dnssec", "on|off", "whether the zone is signed (default: unknown)"),
          repeatable(
              "parent",
              "ADDR:PORT",
              "servers of the parent zone to ask for the delegation"
                  + " (e.g. a TLD server); without: the delegation is not checked"),
          repeatable("resolve", "NAME=ADDR[,ADDR]", "a name server's addresses (no DNS lookup)"),
          repeatable("resolver", "ADDR:PORT", "a recursive resolver to find name server addresses"),
          value("port", "PORT", "the port name servers answer on (default 53)"),
          value("timeout", "MILLIS", "time-out of each query (default 3000)"),
          flag("json", "print the report as JSON"));

  private CheckCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    CommandLine line = CommandLine.parse("check", OPTIONS, args);
    if (line.positionals().size() != 1) {
      throw new UsageException(
          "check: give exactly one zone, e.g. check example.com --primary"
              + " ns1.example.com --secondary-ns ns1.secondary.com --resolver 9.9.9.9:53");
    }
    String zone = Addresses.name(line.positionals().get(0), "check").toString();
    if (line.all("primary").isEmpty()) {
      throw new UsageException("check: --primary NS is required (the host's own name servers)");
    }
    if (line.one("preset").isEmpty() && line.all("secondary-ns").isEmpty()) {
      throw new UsageException(
          "check: say which secondaries to expect: --preset ID or" + " --secondary-ns NS");
    }
    if (line.all("resolve").isEmpty() && line.all("resolver").isEmpty()) {
      throw new UsageException(
          "check: say how to find name server addresses: --resolve"
              + " NAME=ADDR or --resolver ADDR:PORT (the system resolver is never used)");
    }
    List<Name> primaries = new ArrayList<>();
    for (String p : line.all("primary")) {
      primaries.add(Addresses.name(p, "--primary"));
    }
    SecondaryDnsConfiguration.Builder builder =
        Configurations.start(zone, line.one("preset"), line.all("secondary-ns"), "check");
    for (String a : line.all("allow")) {
      builder.addAclEntry(a);
    }
    for (String n : line.all("notify")) {
      InetSocketAddress target = Addresses.endpoint(n, "--notify", false);
      builder.addNotifyTarget(target.getAddress().getHostAddress(), target.getPort(), null);
    }
    SecondaryDnsConfiguration config = Configurations.build(builder, "check");
    Optional<Boolean> dnssec = Optional.empty();
    if (line.one("dnssec").isPresent()) {
      String d = line.one("dnssec").get();
      if (!d.equals("on") && !d.equals("off")) {
        throw new UsageException("--dnssec: say on or off, not '" + d + "'");
      }
      dnssec = Optional.of(d.equals("on"));
    }
    List<InetSocketAddress> parents = new ArrayList<>();
    for (String p : line.all("parent")) {
      parents.add(Addresses.endpoint(p, "--parent", false));
    }
    List<InetSocketAddress> resolvers = new ArrayList<>();
    for (String r : line.all("resolver")) {
      resolvers.add(Addresses.endpoint(r, "--resolver", false));
    }
    int port =
        line.one("port").isPresent() ? Addresses.port(line.one("port").get(), "--port", false) : 53;
    Duration timeout = Duration.ofMillis(millis(line.one("timeout").orElse("3000")));
    NameServerResolver fixed =
        NameServerResolver.fixed(Addresses.table(line.all("resolve"), "--resolve"));
    NameServerResolver resolver =
        resolvers.isEmpty() ? fixed : fixedThen(fixed, NameServerResolver.dns(resolvers, timeout));

    Prober prober =
        Prober.builder()
            .parentServers(parents)
            .resolver(resolver)
            .port(port)
            .queryTimeout(timeout)
            .budget(timeout.multipliedBy(5))
            .build();
    Observations observations = prober.probe(config, primaries);
    HostFacts.Builder facts = HostFacts.builder(Clock.systemUTC()).primaryNameServers(primaries);
    primarySoa(observations, primaries).ifPresent(facts::primarySoa);
    dnssec.ifPresent(facts::dnssecEnabled);
    if (line.one("preset").isPresent()) {
      ProviderPreset preset = Configurations.preset(line.one("preset").get(), "check");
      facts.provider(preset);
    }
    DiagnosticReport report = DiagnosticEngine.diagnose(config, facts.build(), observations);
    if (line.has("json")) {
      out.println(json(report));
    } else {
      print(report, out);
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

  static void print(DiagnosticReport report, PrintStream out) {
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
    for (Finding f : report.findings()) {
      out.println();
      out.println("[" + f.severity() + "] " + f.code() + ": " + f.message());
      out.println("  -> " + f.remedy());
    }
  }

  static String json(DiagnosticReport report) {
    StringBuilder b = new StringBuilder("{");
    field(b, "zone", report.zone().toString()).append(',');
    field(b, "status", report.status().name()).append(',');
    field(b, "generatedAt", report.generatedAt().toString()).append(",\"nameServers\":[");
    for (int i = 0; i < report.nameServers().size(); i++) {
      NameServerReport n = report.nameServers().get(i);
      b.append(i == 0 ? "{" : ",{");
      field(b, "name", n.name().toString()).append(',');
      field(b, "role", n.role().name()).append(',');
      field(b, "status", n.status().name()).append(',');
      strings(b, "addresses", n.addresses().stream().map(InetAddress::getHostAddress).toList())
          .append(",\"servedSerials\":[")
          .append(n.servedSerials().stream().map(Object::toString).collect(Collectors.joining(",")))
          .append("]}");
    }
    b.append("],\"findings\":[");
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      b.append(i == 0 ? "{" : ",{");
      field(b, "code", f.code().name()).append(',');
      field(b, "severity", f.severity().name()).append(',');
      strings(b, "nameServers", f.nameServers().stream().map(Name::toString).toList()).append(',');
      strings(b, "addresses", f.addresses().stream().map(InetAddress::getHostAddress).toList())
          .append(',');
      field(b, "message", f.message()).append(',');
      field(b, "remedy", f.remedy()).append('}');
    }
    return b.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    return b.append(quote(name)).append(':').append(quote(value));
  }

  private static StringBuilder strings(StringBuilder b, String name, List<String> values) {
    return b.append(quote(name))
        .append(":[")
        .append(values.stream().map(CheckCommand::quote).collect(Collectors.joining(",")))
        .append(']');
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
