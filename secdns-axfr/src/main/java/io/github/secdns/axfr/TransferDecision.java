package io.github.secdns.axfr;

import java.util.Objects;

/**
 * A policy's answer to a {@link TransferRequest}.
 *
 * @param allowed whether the transfer may proceed
 * @param reason why, for logs and events (never holds a secret)
 */
public record TransferDecision(boolean allowed, String reason) {

  /** Checks that the reason is present. */
  public TransferDecision {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Allows a transfer.
   *
   * @param reason why, e.g. the ACL entry that matched
   * @return the decision
   */
  public static TransferDecision allow(String reason) {
    return new TransferDecision(true, reason);
  }

  /**
   * Refuses a transfer.
   *
   * @param reason why, e.g. "127.0.0.2 is not in the transfer ACL of example.com."
   * @return the decision
   */
  public static TransferDecision refuse(String reason) {
    return new TransferDecision(false, reason);
  }
}
