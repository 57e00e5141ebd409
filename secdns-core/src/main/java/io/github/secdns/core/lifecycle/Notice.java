package io.github.secdns.core.lifecycle;

import java.util.Objects;

/**
 * Something the customer or the host must know or do about a plan, with a stable code for hosts
 * that show their own text and an English message for those that do not.
 *
 * @param code the stable code
 * @param message a message a customer can act on; it never contains a secret
 */
public record Notice(NoticeCode code, String message) {

  /** Checks for nulls. */
  public Notice {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
