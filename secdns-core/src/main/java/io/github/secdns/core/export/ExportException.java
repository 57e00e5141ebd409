package io.github.secdns.core.export;

import java.util.List;

/**
 * Thrown when a zone cannot be exported. It carries <em>every</em> error found (not just the
 * first), each naming the record concerned, plus the warnings found on the way, so a host can show
 * them all at once. Nothing is exported when it is thrown; the previous export stays valid.
 */
public final class ExportException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<ExportFinding> findings;

  /**
   * Creates the exception.
   *
   * @param zone the zone being exported, for the first line of the message
   * @param findings the findings; at least one is an {@link ExportSeverity#ERROR}
   * @throws IllegalArgumentException when no finding is an error
   */
  public ExportException(String zone, List<ExportFinding> findings) {
    super(format(zone, findings));
    if (findings.stream().noneMatch(f -> f.severity() == ExportSeverity.ERROR)) {
      throw new IllegalArgumentException("an ExportException needs at least one error");
    }
    this.findings = List.copyOf(findings);
  }

  /**
   * Returns the errors, in the order they were found.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<ExportFinding> errors() {
    return findings.stream().filter(f -> f.severity() == ExportSeverity.ERROR).toList();
  }

  /**
   * Returns every finding: the errors and the warnings and information found beside them.
   *
   * @return an unmodifiable list
   */
  public List<ExportFinding> findings() {
    return findings;
  }

  private static String format(String zone, List<ExportFinding> findings) {
    List<ExportFinding> errors =
        findings.stream().filter(f -> f.severity() == ExportSeverity.ERROR).toList();
    StringBuilder sb = new StringBuilder();
    sb.append("zone ")
        .append(zone)
        .append(" cannot be exported (")
        .append(errors.size())
        .append(errors.size() == 1 ? " error)" : " errors)");
    for (ExportFinding f : errors) {
      sb.append(System.lineSeparator()).append("  - ").append(f);
    }
    return sb.toString();
  }
}
