package io.github.secdns.core.export;

/** How serious an {@link ExportFinding} is. */
public enum ExportSeverity {
  /** The zone cannot be exported as given; the export fails with an {@link ExportException}. */
  ERROR,
  /**
   * The zone was exported, but something was left out or changed, or some secondaries will refuse
   * it.
   */
  WARNING,
  /** Worth telling the customer; nothing is wrong. */
  INFO
}
