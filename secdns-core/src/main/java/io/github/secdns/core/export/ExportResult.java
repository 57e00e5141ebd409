package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * The outcome of a successful export: the snapshot secondaries receive, the warnings and
 * information found, and the ALIAS target values used (to pass to the next export as its previous
 * one).
 *
 * <p>Immutable and thread-safe.
 */
public final class ExportResult {

  private final ZoneSnapshot snapshot;
  private final List<ExportFinding> findings;
  private final Map<Name, TargetResolution.Resolved> targetValues;
  private final boolean contentChanged;

  ExportResult(
      ZoneSnapshot snapshot,
      List<ExportFinding> findings,
      Map<Name, TargetResolution.Resolved> targetValues,
      boolean contentChanged) {
    this.snapshot = snapshot;
    this.findings = List.copyOf(findings);
    // Most zones have no ALIAS target: the shared empty map, not a map per version (a host holds
    // the last result of each of its zones).
    this.targetValues =
        targetValues.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(targetValues));
    this.contentChanged = contentChanged;
  }

  /**
   * Returns the zone as secondaries receive it: only standard records, the rewritten SOA and the
   * apex NS set of primary and secondary name servers.
   *
   * @return the snapshot
   */
  public ZoneSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the serial of the snapshot.
   *
   * @return the serial
   */
  public SerialNumber serial() {
    return snapshot.serial();
  }

  /**
   * Returns the findings: warnings and information, never errors (errors throw {@link
   * ExportException}), in the order found.
   *
   * @return an unmodifiable list
   */
  public List<ExportFinding> findings() {
    return findings;
  }

  /**
   * Returns the findings of one severity.
   *
   * @param severity the severity
   * @return an unmodifiable list
   */
  public List<ExportFinding> findings(ExportSeverity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /**
   * Returns, for each ALIAS target served in this export, the values served (fresh or last good).
   * The next export uses them as last good values.
   *
   * @return an unmodifiable map (keys compare case-insensitively)
   */
  public Map<Name, TargetResolution.Resolved> targetValues() {
    return targetValues;
  }

  /**
   * Tells whether the content differs from the previous export (always true for a first export).
   * When false, the snapshot equals the previous one, serial included: there is nothing to publish
   * and no NOTIFY to send.
   *
   * @return whether the content changed
   */
  public boolean contentChanged() {
    return contentChanged;
  }

  @Override
  public String toString() {
    return "ExportResult["
        + snapshot
        + ", changed="
        + contentChanged
        + ", findings="
        + findings.size()
        + "]";
  }
}
