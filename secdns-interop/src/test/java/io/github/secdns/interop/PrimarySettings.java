package io.github.secdns.interop;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What the primary under test is configured with, in the terms of a host's Secondary DNS
 * configuration: the zone, the transfer ACL (CIDR prefixes), an optional TSIG key that transfers
 * must be signed with (NOTIFY is then signed with it too), the NOTIFY targets, and where it
 * listens.
 *
 * @param zone the zone
 * @param transferAcl who may transfer, as CIDR prefixes such as {@code 127.0.0.2/32}
 * @param tsig when present, transfers must be signed with this key (and come from the ACL)
 * @param notifyTargets where to send NOTIFY on every new version
 * @param listenAddress where it listens (127.0.0.1 or ::1)
 * @param port its port; 0 for an ephemeral one
 */
record PrimarySettings(
    Name zone,
    List<String> transferAcl,
    Optional<TsigSecret> tsig,
    List<InetSocketAddress> notifyTargets,
    InetAddress listenAddress,
    int port) {

  PrimarySettings {
    transferAcl = List.copyOf(transferAcl);
    notifyTargets = List.copyOf(notifyTargets);
  }

  /** On 127.0.0.1 at an ephemeral port. */
  PrimarySettings(
      Name zone,
      List<String> transferAcl,
      Optional<TsigSecret> tsig,
      List<InetSocketAddress> notifyTargets) {
    this(zone, transferAcl, tsig, notifyTargets, Addresses.LOOPBACK_1, 0);
  }

  /** Transfers allowed to all of 127.0.0.0/8 without a key, NOTIFY to the given secondaries. */
  static PrimarySettings openTo(Name zone, List<InetSocketAddress> notifyTargets) {
    return new PrimarySettings(zone, List.of("127.0.0.0/8"), Optional.empty(), notifyTargets);
  }

  /** The same, listening at another address and port. */
  PrimarySettings listeningOn(InetAddress address, int atPort) {
    return new PrimarySettings(zone, transferAcl, tsig, notifyTargets, address, atPort);
  }
}
