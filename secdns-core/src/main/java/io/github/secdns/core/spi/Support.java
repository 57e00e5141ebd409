package io.github.secdns.core.spi;

/**
 * Whether a provider supports a capability, as far as its published documentation tells.
 *
 * <p>{@link #UNKNOWN} is a real answer: a preset must not claim support (or the lack of it) that no
 * source states. Diagnostics treat {@code UNKNOWN} as "do not warn".
 */
public enum Support {
  /** A source states that the provider supports it. */
  SUPPORTED,
  /** A source states that the provider does not support it. */
  NOT_SUPPORTED,
  /** No source says either way. */
  UNKNOWN
}
