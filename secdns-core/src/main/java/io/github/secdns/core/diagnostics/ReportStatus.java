package io.github.secdns.core.diagnostics;

/**
 * The overall status of a report: the most severe finding, with notices and infos counting as OK.
 */
public enum ReportStatus {
  /** No finding above {@link Severity#NOTICE}. */
  OK,
  /** The most severe finding is {@link Severity#PENDING}: a change is still propagating. */
  PENDING,
  /** The most severe finding is a {@link Severity#WARNING}. */
  WARNING,
  /** At least one finding is an {@link Severity#ERROR}. */
  ERROR;

  static ReportStatus of(Severity worst) {
    return switch (worst) {
      case ERROR -> ERROR;
      case WARNING -> WARNING;
      case PENDING -> PENDING;
      default -> OK;
    };
  }
}
