package io.github.secdns.core.diagnostics;

/**
 * The status of one name server, as a status page shows it next to the name (DNSimple's check mark
 * or warning sign).
 */
public enum ServerStatus {
  /**
   * Every probed address answered authoritatively with the primary's serial; nothing concerns it.
   */
  OK,
  /**
   * Nothing wrong is known, but the engine could not confirm that the server serves the current
   * zone (not probed, or the primary's serial is unknown).
   */
  NOT_CHECKED,
  /** The most severe finding naming this server is {@link Severity#PENDING}. */
  PENDING,
  /** The most severe finding naming this server is a {@link Severity#WARNING}. */
  WARNING,
  /** The most severe finding naming this server is an {@link Severity#ERROR}. */
  ERROR;

  /**
   * Tells whether a status page shows a check mark for this status.
   *
   * @return true only for {@link #OK}
   */
  public boolean isCheckMark() {
    return this == OK;
  }

  /**
   * Tells whether a status page shows a warning sign for this status.
   *
   * @return true for {@link #PENDING}, {@link #WARNING} and {@link #ERROR}
   */
  public boolean isWarningSign() {
    return this == PENDING || this == WARNING || this == ERROR;
  }
}
