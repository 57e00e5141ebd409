package io.github.secdns.core.config;

import io.github.secdns.core.internal.Problems;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * A server that receives a NOTIFY on every new serial of the zone. Kept apart from the transfer ACL
 * because providers pull from and listen on different addresses.
 *
 * @param address the target address
 * @param port the UDP port, 53 unless the provider says otherwise
 * @param keyName the TSIG key that signs NOTIFYs to this target, absent for unsigned NOTIFY; it
 *     names one of the configuration's {@link SecondaryDnsConfiguration#tsigKeys()}
 * @param provenance the source of a target copied from a provider preset (with its confidence), for
 *     display; absent for targets the customer typed in. It changes nothing about the NOTIFY sent
 */
public record NotifyTarget(
    InetAddress address, int port, Optional<Name> keyName, Optional<Provenance> provenance) {

  /** The DNS port. */
  public static final int DEFAULT_PORT = 53;

  /**
   * Checks for nulls and the port range.
   *
   * @throws IllegalArgumentException when the port is outside 1..65535
   */
  public NotifyTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(provenance, "provenance");
    if (port < Problems.MIN_PORT || port > Problems.MAX_PORT) {
      throw new IllegalArgumentException(Problems.portOutOfRange(port));
    }
  }

  /**
   * Creates a target without provenance (typed in by the customer).
   *
   * @param address the target address
   * @param port the UDP port
   * @param keyName the TSIG key that signs NOTIFYs to this target, absent for unsigned NOTIFY
   * @throws IllegalArgumentException when the port is outside 1..65535
   */
  public NotifyTarget(InetAddress address, int port, Optional<Name> keyName) {
    this(address, port, keyName, Optional.empty());
  }

  // equals and hashCode by hand: a record's generated ones spin classes on first use, and NOTIFY
  // queues compare targets from the first zone a responder announces (docs/ARCHITECTURE.md,
  // "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NotifyTarget other
        && other.address.equals(address)
        && other.port == port
        && other.keyName.equals(keyName)
        && other.provenance.equals(provenance);
  }

  @Override
  public int hashCode() {
    return ((address.hashCode() * 31 + port) * 31 + keyName.hashCode()) * 31
        + provenance.hashCode();
  }

  @Override
  public String toString() {
    String hostPort = AddressPrefix.hostPort(address, port);
    return keyName.map(k -> hostPort + " key " + k).orElse(hostPort);
  }
}
