package io.github.secdns.core.diagnostics;

/** How much a finding matters, from least to most severe. Reports list the most severe first. */
public enum Severity {
  /** Something the engine could not judge, or a fact worth knowing; nothing to fix. */
  INFO,
  /** A deviation from best practice that does not break Secondary DNS today. */
  NOTICE,
  /** A change that is still on its way; it should resolve itself without action. */
  PENDING,
  /** Something is wrong and needs attention; resolution still works. */
  WARNING,
  /** Secondary DNS does not work, or the configuration cannot take effect. */
  ERROR
}
