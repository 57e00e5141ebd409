package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Name;

/**
 * What an edit changes in a configuration. Lists are in a fixed order (names in canonical DNS
 * order, addresses IPv4 first), never in the order the customer typed them.
 *
 * <p>TSIG keys appear by name only: a key whose algorithm or secret changed is listed in {@link
 * #tsigKeysChanged()}, and nothing in this value ever holds or shows a secret. An ACL entry or
 * NOTIFY target whose label or key changed counts as one removed and one added.
 *
 * @param nameServersAdded secondary name servers that are new
 * @param nameServersRemoved secondary name servers that are gone
 * @param glueChanged secondary name servers kept with other glue addresses
 * @param aclAdded transfer ACL entries that are new
 * @param aclRemoved transfer ACL entries that are gone
 * @param notifyTargetsAdded NOTIFY targets that are new
 * @param notifyTargetsRemoved NOTIFY targets that are gone
 * @param tsigKeysAdded names of TSIG keys that are new
 * @param tsigKeysRemoved names of TSIG keys that are gone
 * @param tsigKeysChanged names of TSIG keys kept with another algorithm or secret
 * @param settingsChanged the single-valued settings that changed
 */
public record ConfigurationDiff(
    NameServerNames nameServersAdded,
    NameServerNames nameServersRemoved,
    NameServerNames glueChanged,
    List<AclEntry> aclAdded,
    List<AclEntry> aclRemoved,
    List<NotifyTarget> notifyTargetsAdded,
    List<NotifyTarget> notifyTargetsRemoved,
    List<Name> tsigKeysAdded,
    List<Name> tsigKeysRemoved,
    List<Name> tsigKeysChanged,
    Set<ConfigurationSetting> settingsChanged) {

  /** Checks for nulls and makes every collection an unmodifiable copy in the fixed order. */
  public ConfigurationDiff {
    Objects.requireNonNull(nameServersAdded, "nameServersAdded");
    Objects.requireNonNull(nameServersRemoved, "nameServersRemoved");
    Objects.requireNonNull(glueChanged, "glueChanged");
    aclAdded = Ordering.sorted(aclAdded, Ordering.ACL_ENTRIES);
    aclRemoved = Ordering.sorted(aclRemoved, Ordering.ACL_ENTRIES);
    notifyTargetsAdded = Ordering.sorted(notifyTargetsAdded, Ordering.NOTIFY_TARGETS);
    notifyTargetsRemoved = Ordering.sorted(notifyTargetsRemoved, Ordering.NOTIFY_TARGETS);
    tsigKeysAdded = Ordering.sorted(tsigKeysAdded, Name::compareTo);
    tsigKeysRemoved = Ordering.sorted(tsigKeysRemoved, Name::compareTo);
    tsigKeysChanged = Ordering.sorted(tsigKeysChanged, Name::compareTo);
    settingsChanged =
        settingsChanged.isEmpty()
            ? Collections.emptySet()
            : Collections.unmodifiableSet(EnumSet.copyOf(settingsChanged));
  }

  /**
   * Computes what changes from one configuration to another. The zone, the revision and the enabled
   * flag are not compared: they are the planner's business, not the customer's edit.
   *
   * @param before the configuration as it is
   * @param after the configuration as edited
   * @return the difference; {@link #isEmpty()} exactly when the two are equal but for revision and
   *     enabled flag
   */
  public static ConfigurationDiff between(
      SecondaryDnsConfiguration before, SecondaryDnsConfiguration after) {
    Map<Name, NameServer> oldServers = byName(before.secondaryNameServers());
    Map<Name, NameServer> newServers = byName(after.secondaryNameServers());
    List<Name> glueChanged = new ArrayList<>();
    for (Map.Entry<Name, NameServer> e : newServers.entrySet()) {
      NameServer old = oldServers.get(e.getKey());
      if (old != null && !old.glue().equals(e.getValue().glue())) {
        glueChanged.add(e.getKey());
      }
    }
    Map<Name, TsigKey> oldKeys = keysByName(before.tsigKeys());
    Map<Name, TsigKey> newKeys = keysByName(after.tsigKeys());
    List<Name> keysChanged = new ArrayList<>();
    for (Map.Entry<Name, TsigKey> e : newKeys.entrySet()) {
      TsigKey old = oldKeys.get(e.getKey());
      if (old != null && !old.equals(e.getValue())) {
        keysChanged.add(e.getKey());
      }
    }
    Set<ConfigurationSetting> settings = EnumSet.noneOf(ConfigurationSetting.class);
    if (!before.origin().equals(after.origin())) {
      settings.add(ConfigurationSetting.ORIGIN);
    }
    if (before.transferAuthentication() != after.transferAuthentication()) {
      settings.add(ConfigurationSetting.TRANSFER_AUTHENTICATION);
    }
    if (before.ixfrEnabled() != after.ixfrEnabled()) {
      settings.add(ConfigurationSetting.IXFR);
    }
    if (!before.catalogMembership().equals(after.catalogMembership())) {
      settings.add(ConfigurationSetting.CATALOG_MEMBERSHIP);
    }
    return new ConfigurationDiff(
        NameServerNames.of(minusKeys(newServers, oldServers)),
        NameServerNames.of(minusKeys(oldServers, newServers)),
        NameServerNames.of(glueChanged),
        minus(after.transferAcl(), before.transferAcl()),
        minus(before.transferAcl(), after.transferAcl()),
        minus(after.notifyTargets(), before.notifyTargets()),
        minus(before.notifyTargets(), after.notifyTargets()),
        minusKeys(newKeys, oldKeys),
        minusKeys(oldKeys, newKeys),
        keysChanged,
        settings);
  }

  /**
   * Tells whether nothing changed.
   *
   * @return true when every list and set is empty
   */
  public boolean isEmpty() {
    return nameServersAdded.isEmpty()
        && nameServersRemoved.isEmpty()
        && glueChanged.isEmpty()
        && aclAdded.isEmpty()
        && aclRemoved.isEmpty()
        && notifyTargetsAdded.isEmpty()
        && notifyTargetsRemoved.isEmpty()
        && tsigKeysAdded.isEmpty()
        && tsigKeysRemoved.isEmpty()
        && tsigKeysChanged.isEmpty()
        && settingsChanged.isEmpty();
  }

  /**
   * Tells whether the set of secondary name server names changed, which is what moves the apex NS
   * set and the delegation.
   *
   * @return true when a name server was added or removed
   */
  public boolean nameServersChanged() {
    return !nameServersAdded.isEmpty() || !nameServersRemoved.isEmpty();
  }

  private static Map<Name, NameServer> byName(Collection<NameServer> servers) {
    Map<Name, NameServer> out = new TreeMap<>();
    for (NameServer ns : servers) {
      out.put(ns.name(), ns);
    }
    return out;
  }

  private static Map<Name, TsigKey> keysByName(Collection<TsigKey> keys) {
    Map<Name, TsigKey> out = new TreeMap<>();
    for (TsigKey k : keys) {
      out.put(k.name(), k);
    }
    return out;
  }

  private static List<Name> minusKeys(Map<Name, ?> a, Map<Name, ?> b) {
    List<Name> out = new ArrayList<>();
    for (Name n : a.keySet()) {
      if (!b.containsKey(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private static <T> List<T> minus(List<T> a, List<T> b) {
    Set<T> remove = new HashSet<>(b);
    List<T> out = new ArrayList<>();
    for (T t : a) {
      if (!remove.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
