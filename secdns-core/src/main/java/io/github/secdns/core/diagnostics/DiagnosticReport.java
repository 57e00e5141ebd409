package io.github.secdns.core.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The outcome of one diagnosis: an overall status, a status per name server and the findings, most
 * severe first.
 *
 * <p>Immutable and thread-safe. Two reports of the same input are equal: the order of findings is
 * fixed (severity, code, name servers, addresses, message), independent of the order in which
 * observations were given.
 */
public final class DiagnosticReport {

  private final Name zone;
  private final Instant generatedAt;
  private final ReportStatus status;
  private final List<NameServerReport> nameServers;
  private final List<Finding> findings;

  DiagnosticReport(
      Name zone, Instant generatedAt, List<NameServerReport> nameServers, List<Finding> findings) {
    this.zone = zone;
    this.generatedAt = generatedAt;
    this.nameServers = List.copyOf(nameServers);
    this.findings =
        findings.stream().sorted(Finding.ORDER).collect(Collectors.toUnmodifiableList());
    this.status =
        ReportStatus.of(
            this.findings.stream()
                .map(Finding::severity)
                .max(Enum::compareTo)
                .orElse(Severity.INFO));
  }

  /**
   * Returns the zone diagnosed.
   *
   * @return the zone's absolute name
   */
  public Name zone() {
    return zone;
  }

  /**
   * Returns when the diagnosis ran, from the host's clock.
   *
   * @return the instant
   */
  public Instant generatedAt() {
    return generatedAt;
  }

  /**
   * Returns the overall status: the most severe finding.
   *
   * @return the status
   */
  public ReportStatus status() {
    return status;
  }

  /**
   * Returns one line per name server: the configured secondaries, then the primary's own, each
   * group sorted by name.
   *
   * @return an unmodifiable list
   */
  public List<NameServerReport> nameServers() {
    return nameServers;
  }

  /**
   * Returns the status line of one name server.
   *
   * @param name the name server (any letter case)
   * @return its line, or empty when the report has none for it
   */
  public Optional<NameServerReport> nameServer(Name name) {
    Name canonical = Names.canonical(name);
    return nameServers.stream().filter(n -> n.name().equals(canonical)).findFirst();
  }

  /**
   * Returns every finding, most severe first.
   *
   * @return an unmodifiable list
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns the findings with one code.
   *
   * @param code the code
   * @return those findings, in report order
   */
  public List<Finding> findings(DiagnosticCode code) {
    return findings.stream().filter(f -> f.code() == code).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Tells whether some finding has this code.
   *
   * @param code the code
   * @return true when at least one finding has it
   */
  public boolean has(DiagnosticCode code) {
    return findings.stream().anyMatch(f -> f.code() == code);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof DiagnosticReport r)) {
      return false;
    }

    return zone.equals(r.zone)
        && generatedAt.equals(r.generatedAt)
        && status == r.status
        && nameServers.equals(r.nameServers)
        && findings.equals(r.findings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, generatedAt, status, nameServers, findings);
  }

  /** Returns the status, then one line per name server and per finding code, for logs. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("DiagnosticReport[")
            .append(Names.display(zone))
            .append(' ')
            .append(status);
    for (NameServerReport n : nameServers) {
      sb.append(", ").append(Names.display(n.name())).append('=').append(n.status());
    }
    for (Finding f : findings) {
      sb.append(", ").append(f.code());
    }
    return sb.append(']').toString();
  }
}
