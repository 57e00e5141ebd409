package io.github.secdns.core.lifecycle;

import java.util.Objects;

/**
 * Thrown when the zone's state forbids a lifecycle operation, such as enabling Secondary DNS on a
 * zone signed with DNSSEC. Nothing is planned when it is thrown. The message is meant for the
 * customer; it never contains a secret.
 */
public final class LifecycleException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final LifecycleRefusal reason;

  /**
   * Creates the exception.
   *
   * @param reason the stable code
   * @param message the message for the customer
   */
  public LifecycleException(LifecycleRefusal reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why the operation was refused.
   *
   * @return the stable code
   */
  public LifecycleRefusal reason() {
    return reason;
  }
}
