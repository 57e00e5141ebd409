package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.NameServerReport;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The JSON document of {@code check --json}: the diagnostics report. Field names are stable.
 *
 * @param zone the zone, absolute ({@code example.com.})
 * @param status the report's status: {@code OK}, {@code PENDING}, {@code WARNING}, {@code ERROR}
 * @param generatedAt when the report was made (ISO-8601 instant)
 * @param nameServers one entry per name server
 * @param findings the findings in the report's order
 * @param preset what applying the preset said (the day whose values are expected, warnings); {@code
 *     null} without {@code --preset}
 */
record CheckJson(
    String zone,
    String status,
    String generatedAt,
    List<NameServer> nameServers,
    List<FindingEntry> findings,
    @Nullable AppliedPresetJson preset) {

  /**
   * One name server's line.
   *
   * @param name the name server, absolute
   * @param role {@code PRIMARY} or {@code SECONDARY}
   * @param status its status ({@code OK}, {@code WARNING}, ...)
   * @param addresses the addresses it was asked at
   * @param servedSerials the serials it served (numbers)
   */
  record NameServer(
      String name, String role, String status, List<String> addresses, List<Long> servedSerials) {}

  /**
   * One finding.
   *
   * @param code the stable code (docs/DIAGNOSTICS.md)
   * @param severity {@code ERROR}, {@code WARNING}, {@code PENDING}, {@code NOTICE} or {@code INFO}
   * @param nameServers the name servers concerned
   * @param addresses the addresses concerned
   * @param message what is wrong
   * @param remedy what to do
   */
  record FindingEntry(
      String code,
      String severity,
      List<String> nameServers,
      List<String> addresses,
      String message,
      String remedy) {}

  static CheckJson of(DiagnosticReport report, Optional<PresetApplication> applied) {
    return new CheckJson(
        report.zone().toString(),
        report.status().name(),
        report.generatedAt().toString(),
        report.nameServers().stream().map(CheckJson::nameServer).toList(),
        report.findings().stream().map(CheckJson::finding).toList(),
        AppliedPresetJson.of(applied));
  }

  private static NameServer nameServer(NameServerReport n) {
    return new NameServer(
        n.name().toString(),
        n.role().name(),
        n.status().name(),
        addresses(n.addresses()),
        n.servedSerials().stream().map(SerialNumber::value).toList());
  }

  private static FindingEntry finding(Finding f) {
    return new FindingEntry(
        f.code().name(),
        f.severity().name(),
        f.nameServers().stream().map(Name::toString).toList(),
        addresses(f.addresses()),
        f.message(),
        f.remedy());
  }

  static List<String> addresses(Collection<InetAddress> addresses) {
    return addresses.stream().map(a -> AddressPrefix.of(a).toString()).toList();
  }
}
