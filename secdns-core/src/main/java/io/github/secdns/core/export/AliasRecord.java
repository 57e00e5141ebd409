package io.github.secdns.core.export;

import org.xbill.DNS.Name;

/**
 * An ALIAS record: a name (usually the zone apex, where a CNAME is not allowed) that serves the A
 * and AAAA records of another host name.
 *
 * <p>The exporter replaces it by A and AAAA records at {@link #name()} carrying the target's
 * addresses, taken from the resolved values it is given. Their TTL is this record's TTL, lowered to
 * the target's TTL when the resolution knows it (see {@link TargetResolution.Resolved}).
 *
 * @param name the owner, an absolute name inside the zone
 * @param ttl the TTL in seconds, {@code 0 <= ttl <= 2147483647}
 * @param target the host name whose addresses are served, absolute
 */
public record AliasRecord(Name name, long ttl, Name target) implements VirtualRecord {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when a name is not absolute or the TTL is out of range
   */
  public AliasRecord {
    Arguments.checkAbsolute(name, "ALIAS owner");
    Arguments.checkAbsolute(target, "ALIAS target");
    Arguments.checkTtl(ttl, "ALIAS TTL");
  }

  @Override
  public String toString() {
    return name + " " + ttl + " ALIAS " + target;
  }
}
