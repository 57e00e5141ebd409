package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.TsigKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * An event the host can store or publish, shaped like DNSimple's webhook payload {@code
 * configuration{id, zone, name_servers[], whitelisted_ips[], ...}}: the configuration as it is
 * after the operation (for {@link EventType#DELETED}, as it was when disabled).
 *
 * <p>It holds no secret: TSIG keys appear by name only, so an event can be written to a log or sent
 * to a third party as it is. It holds no time either: the planner reads no clock, and the host
 * stamps the event when it commits the change (a plan may never be applied). Lists are in a fixed
 * order: names in canonical DNS order, addresses IPv4 first.
 *
 * @param type created, updated or deleted
 * @param configurationId the host's id of the configuration; empty as planned, set by the host with
 *     {@link #withConfigurationId(String)}
 * @param zone the zone
 * @param revision the configuration's revision after the operation
 * @param nameServers the secondary name servers (DNSimple's {@code name_servers})
 * @param allowedAddresses the addresses and networks allowed to transfer the zone (DNSimple's
 *     {@code whitelisted_ips})
 * @param notifyTargets the servers notified of changes
 * @param tsigKeyNames the names of the zone's TSIG keys
 * @param transferAuthentication how transfers are authorized
 */
public record SecondaryDnsEvent(
    EventType type,
    Optional<String> configurationId,
    Name zone,
    long revision,
    NameServerNames nameServers,
    List<AddressPrefix> allowedAddresses,
    List<NotifyTarget> notifyTargets,
    List<Name> tsigKeyNames,
    TransferAuthentication transferAuthentication) {

  /** Checks for nulls and makes every list an unmodifiable copy in the fixed order. */
  public SecondaryDnsEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(configurationId, "configurationId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(nameServers, "nameServers");
    Objects.requireNonNull(transferAuthentication, "transferAuthentication");
    allowedAddresses = Ordering.sorted(allowedAddresses, Ordering.PREFIXES);
    notifyTargets = Ordering.sorted(notifyTargets, Ordering.NOTIFY_TARGETS);
    tsigKeyNames = Ordering.sorted(tsigKeyNames, Name::compareTo);
  }

  /**
   * Describes a configuration as an event.
   *
   * @param type what happened
   * @param configuration the configuration after the operation
   * @return the event, without a configuration id
   */
  public static SecondaryDnsEvent of(EventType type, SecondaryDnsConfiguration configuration) {
    return new SecondaryDnsEvent(
        type,
        Optional.empty(),
        configuration.zone(),
        configuration.revision(),
        NameServerNames.of(configuration.secondaryNameServerNames()),
        configuration.transferAcl().stream().map(AclEntry::prefix).toList(),
        configuration.notifyTargets(),
        configuration.tsigKeys().stream().map(TsigKey::name).toList(),
        configuration.transferAuthentication());
  }

  /**
   * Returns this event with the host's id of the configuration.
   *
   * @param id the id under which the host stores the configuration
   * @return a copy carrying the id
   * @throws IllegalArgumentException when the id is blank
   */
  public SecondaryDnsEvent withConfigurationId(String id) {
    if (id.isBlank()) {
      throw new IllegalArgumentException("a configuration id must not be blank");
    }
    return new SecondaryDnsEvent(
        type,
        Optional.of(id),
        zone,
        revision,
        nameServers,
        allowedAddresses,
        notifyTargets,
        tsigKeyNames,
        transferAuthentication);
  }
}
