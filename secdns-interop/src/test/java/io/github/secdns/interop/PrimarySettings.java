package io.github.secdns.interop;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What the primary under test is configured with, in the terms of a host's Secondary DNS
 * configuration: the zone, the transfer ACL (CIDR prefixes), an optional TSIG key that transfers
 * must be signed with, and the NOTIFY targets.
 *
 * @param zone the zone
 * @param transferAcl who may transfer, as CIDR prefixes such as {@code 127.0.0.2/32}
 * @param tsig when present, transfers must be signed with this key (and come from the ACL)
 * @param notifyTargets where to send NOTIFY on every new version
 */
record PrimarySettings(
    Name zone,
    List<String> transferAcl,
    Optional<TsigSecret> tsig,
    List<InetSocketAddress> notifyTargets) {

  PrimarySettings {
    transferAcl = List.copyOf(transferAcl);
    notifyTargets = List.copyOf(notifyTargets);
  }

  /** Transfers allowed to all of 127.0.0.0/8 without a key, NOTIFY to the given secondaries. */
  static PrimarySettings openTo(Name zone, List<InetSocketAddress> notifyTargets) {
    return new PrimarySettings(zone, List.of("127.0.0.0/8"), Optional.empty(), notifyTargets);
  }
}
