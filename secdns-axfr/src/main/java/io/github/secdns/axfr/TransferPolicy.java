package io.github.secdns.axfr;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Name;

/**
 * Decides, per request, whether a zone may be transferred to a client.
 *
 * <p>The responder asks the policy only for transfer requests (AXFR, later IXFR) of zones it
 * serves, before it takes a transfer slot, so that refused clients cannot use up the slots. SOA
 * queries are answered without asking (the SOA is public data). Threading: called on the
 * responder's I/O thread for every transfer request (on its lookup threads when the zone source
 * does not subscribe); implementations must be thread-safe, fast and must not block. An exception
 * counts as a refusal.
 *
 * <p>Deny by default: {@link #denyAll()} is what a responder uses unless told otherwise, and a
 * configuration with an empty ACL allows nobody (RFC 5936 section 5: never open to all by default).
 */
@FunctionalInterface
public interface TransferPolicy {

  /**
   * Decides one request.
   *
   * @param request the client, zone, type, transport and verified key name
   * @return allow or refuse, with a reason
   */
  TransferDecision decide(TransferRequest request);

  /**
   * A policy that refuses every transfer: the default.
   *
   * @return the policy
   */
  static TransferPolicy denyAll() {
    return request -> TransferDecision.refuse("no transfer policy allows " + request.zone());
  }

  /**
   * A policy for one zone, from its Secondary DNS configuration: refuses other zones and every
   * transfer while the configuration is disabled; otherwise applies its transfer authentication
   * mode. {@link TransferAuthentication#ADDRESS}: the client must be in the transfer ACL (an empty
   * ACL allows nobody). {@link TransferAuthentication#KEY}: the request must carry a verified
   * signature with one of the configuration's TSIG keys. {@link
   * TransferAuthentication#ADDRESS_AND_KEY}: both. Then its {@link XotPolicy}: a plain TCP transfer
   * of a zone that requires XoT is refused, and so is a transfer over TLS of a zone that does not
   * offer it (RFC 9103 sections 9 and 11: TLS says how the zone travels, the ACL and keys who may
   * have it).
   *
   * @param configuration the zone's configuration
   * @return the policy
   */
  static TransferPolicy fromConfiguration(SecondaryDnsConfiguration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    AllowReasons reasons = new AllowReasons();
    return request -> {
      if (!request.zone().equals(configuration.zone())) {
        return TransferDecision.refuse(
            "the configuration is for " + configuration.zone() + ", not " + request.zone());
      }
      return decideWith(configuration, request, reasons);
    };
  }

  /**
   * A policy for many zones: looks up the zone's current configuration (typically in the host's
   * store) for every request and applies it as {@link #fromConfiguration} does; a zone without
   * configuration is refused. The lookup runs on the I/O thread and must be fast (an in-memory
   * map).
   *
   * @param configurations the configuration of a zone, by origin; empty when it has none
   * @return the policy
   */
  static TransferPolicy fromConfigurations(
      Function<Name, Optional<SecondaryDnsConfiguration>> configurations) {
    Objects.requireNonNull(configurations, "configurations");
    AllowReasons reasons = new AllowReasons();
    return request -> {
      Optional<SecondaryDnsConfiguration> configuration = configurations.apply(request.zone());
      if (configuration.isEmpty()) {
        return TransferDecision.refuse("no Secondary DNS configuration for " + request.zone());
      }
      return decideWith(configuration.get(), request, reasons);
    };
  }

  /** The first ACL entry that allows the client (a loop: asked for every transfer). */
  private static Optional<AclEntry> firstAllowing(List<AclEntry> acl, InetAddress client) {
    for (AclEntry e : acl) {
      if (e.allows(client)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static TransferDecision decideWith(
      SecondaryDnsConfiguration configuration, TransferRequest request, AllowReasons reasons) {
    if (!configuration.enabled()) {
      return TransferDecision.refuse("Secondary DNS is disabled for " + configuration.zone());
    }
    TransferAuthentication mode = configuration.transferAuthentication();
    InetAddress client = request.client().getAddress();
    Optional<AclEntry> entry = Optional.empty();
    if (mode.requiresAddress()) {
      entry = firstAllowing(configuration.transferAcl(), client);
      if (entry.isEmpty()) {
        return TransferDecision.refuse(
            client.getHostAddress() + " is not in the transfer ACL of " + configuration.zone());
      }
    }
    Optional<Name> key = Optional.empty();
    if (mode.requiresKey()) {
      key = request.keyName();
      if (key.isEmpty()) {
        return TransferDecision.refuse(
            "transfers of " + configuration.zone() + " must be signed with a TSIG key");
      }
      if (configuration.tsigKey(key.get()).isEmpty()) {
        return TransferDecision.refuse(
            "key " + key.get() + " is not a transfer key of " + configuration.zone());
      }
    }
    XotPolicy xot = configuration.xotPolicy();
    if (request.transport() == Transport.TLS && !xot.allowsTls()) {
      return TransferDecision.refuse(
          "zone transfers over TLS (XoT) are not offered for " + configuration.zone());
    }
    if (request.transport() != Transport.TLS && !xot.allowsPlainTcp()) {
      return TransferDecision.refuse(
          configuration.zone() + " is transferred over TLS only (XoT required), not over TCP");
    }
    // The reason is written out only here: an ACL entry alone over TCP (a host's every transfer)
    // takes the entry's reason made once.
    if (request.transport() != Transport.TLS && key.isEmpty() && entry.isPresent()) {
      return TransferDecision.allow(reasons.allowedBy(entry.get()));
    }
    String why =
        entry.map(AllowReasons::aclReason).orElse("")
            + (entry.isPresent() && key.isPresent() ? " and " : "")
            + key.map(k -> "TSIG key " + k).orElse("");
    return TransferDecision.allow(
        "allowed by " + why + (request.transport() == Transport.TLS ? " over TLS" : ""));
  }
}
