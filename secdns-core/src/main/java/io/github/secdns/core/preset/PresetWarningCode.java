package io.github.secdns.core.preset;

/**
 * Stable codes of {@link PresetWarning}s. A host maps them to its own texts and translations; the
 * names never change once released.
 */
public enum PresetWarningCode {
  /** The preset is deprecated (the service is retired): it should not be offered any more. */
  DEPRECATED_PRESET,
  /**
   * Some pre-filled values come from sources that are not the provider's own, current
   * documentation: the customer should check them with the provider.
   */
  VALUES_NEED_VERIFICATION,
  /**
   * The provider gives (more) transfer sources or NOTIFY targets per customer: the customer must
   * paste them, as the warning says.
   */
  CUSTOMER_VALUES_NEEDED,
  /**
   * The provider has announced addresses it starts to use on a later day: they are not pre-filled
   * yet, and should be added by then.
   */
  ADDRESSES_ANNOUNCED
}
