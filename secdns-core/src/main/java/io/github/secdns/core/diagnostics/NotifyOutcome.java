package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Rcode;

/**
 * The result of the host's last NOTIFY (RFC 1996) to one target, as recorded by the sender.
 *
 * @param address the target's address
 * @param port the target's port
 * @param rcode the response code of the reply (a dnsjava {@link Rcode} value), empty when no reply
 *     came after every retry
 * @param at when the outcome was recorded
 */
public record NotifyOutcome(InetAddress address, int port, Optional<Integer> rcode, Instant at) {

  /** Checks for nulls. */
  public NotifyOutcome {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(rcode, "rcode");
    Objects.requireNonNull(at, "at");
  }

  /**
   * A reply arrived.
   *
   * @param address the target
   * @param port its port
   * @param rcode the reply's response code
   * @param at when
   * @return the outcome
   */
  public static NotifyOutcome answered(InetAddress address, int port, int rcode, Instant at) {
    return new NotifyOutcome(address, port, Optional.of(rcode), at);
  }

  /**
   * No reply came after every retry.
   *
   * @param address the target
   * @param port its port
   * @param at when the sender gave up
   * @return the outcome
   */
  public static NotifyOutcome unanswered(InetAddress address, int port, Instant at) {
    return new NotifyOutcome(address, port, Optional.empty(), at);
  }
}
