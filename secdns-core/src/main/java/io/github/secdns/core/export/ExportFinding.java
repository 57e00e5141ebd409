package io.github.secdns.core.export;

import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * One thing the exporter reports about a zone: an error that stops the export, a warning about what
 * was left out, changed or will be refused by secondaries, or information.
 *
 * @param code the stable code; it decides the severity
 * @param name the owner name concerned (the zone origin for zone-wide findings)
 * @param subject the record concerned, as text (for example {@code example.com. 300 ALIAS
 *     lb.example.net.} or {@code www.example.com. A}), so a customer can find it
 * @param message what happened and what it means, for a customer
 * @param affects which secondaries it affects, when it is about what they accept
 */
public record ExportFinding(
    ExportFindingCode code, Name name, String subject, String message, Optional<String> affects) {

  /** Checks that no component is null. */
  public ExportFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(affects, "affects");
  }

  /**
   * Creates a finding whose affected secondaries are those of its code.
   *
   * @param code the code
   * @param name the owner name concerned
   * @param subject the record concerned, as text
   * @param message the message
   * @return the finding
   */
  public static ExportFinding of(
      ExportFindingCode code, Name name, String subject, String message) {
    return new ExportFinding(code, name, subject, message, code.affects());
  }

  /**
   * Returns the severity, which the code decides.
   *
   * @return the severity
   */
  public ExportSeverity severity() {
    return code.severity();
  }

  @Override
  public String toString() {
    return severity()
        + " "
        + code
        + " at "
        + name
        + " ("
        + subject
        + "): "
        + message
        + affects.map(a -> " [affects " + a + "]").orElse("");
  }
}
