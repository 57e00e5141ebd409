package io.github.secdns.core.config;

/**
 * How far a value from a provider preset can be trusted, judged by its source. A host shows it next
 * to the value ("official", "medium: verify before use"), so that a customer checks what needs
 * checking before relying on it.
 */
public enum Confidence {
  /** The provider's own, current documentation states the value. */
  OFFICIAL("official"),
  /**
   * Third-party sources that agree (configurations of several users, a provider's values as another
   * host ships them), or the provider's own documentation when it is old or disputed.
   */
  MEDIUM("medium: verify before use"),
  /** A single, dated or disputed third-party source. */
  LOW("low: verify before use");

  private final String label;

  Confidence(String label) {
    this.label = label;
  }

  /**
   * Returns the text a UI shows next to the value, such as {@code medium: verify before use}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Tells whether the customer should check the value with the provider before relying on it.
   *
   * @return true for everything but {@link #OFFICIAL}
   */
  public boolean needsVerification() {
    return this != OFFICIAL;
  }
}
