package io.github.secdns.axfr.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Finds the addresses of a name server's host name. Injected into the {@link Prober} so that
 * nothing falls back to the system resolver, and so that tests run on loopback.
 *
 * <p>Implementations must be thread-safe (the prober resolves several names at once) and should
 * bound their own time: the prober stops waiting at its budget, but cannot stop a call that blocks
 * forever.
 */
@FunctionalInterface
public interface NameServerResolver {

  /**
   * Resolves a host name to its IPv4 and IPv6 addresses.
   *
   * @param name the absolute host name
   * @return the addresses (an empty set when the name has none), or empty when resolution failed
   *     (time-out, server failure) and nothing is known
   */
  Optional<Set<InetAddress>> addresses(Name name);

  /**
   * A resolver with fixed answers: names in the map resolve to their addresses, any other name
   * fails.
   *
   * @param table addresses per name (names compare case-insensitively)
   * @return the resolver
   */
  static NameServerResolver fixed(Map<Name, ? extends Set<InetAddress>> table) {
    Map<Name, Set<InetAddress>> copy = new HashMap<>();
    table.forEach((k, v) -> copy.put(k.canonicalize(), Set.copyOf(v)));
    return name -> Optional.ofNullable(copy.get(name.canonicalize()));
  }

  /**
   * A resolver that asks recursive resolvers for A and AAAA records over UDP, trying each server in
   * turn until one answers both questions.
   *
   * @param recursiveServers the resolvers to ask, in order
   * @param timeout the time-out of each query
   * @return the resolver
   */
  static NameServerResolver dns(List<InetSocketAddress> recursiveServers, Duration timeout) {
    List<InetSocketAddress> servers = List.copyOf(recursiveServers);
    return name -> {
      for (InetSocketAddress server : servers) {
        Set<InetAddress> found = new LinkedHashSet<>();
        boolean ok = true;
        for (int type : new int[] {Type.A, Type.AAAA}) {
          try {
            Message answer = DnsExchange.udp(server, DnsExchange.query(name, type, true), timeout);
            int rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
              ok = false;
              break;
            }
            for (Record r : answer.getSection(Section.ANSWER)) {
              if (r instanceof ARecord aRecord) {
                found.add(aRecord.getAddress());
              } else if (r instanceof AAAARecord aaaaRecord) {
                found.add(aaaaRecord.getAddress());
              }
            }
          } catch (IOException e) {
            ok = false;
            break;
          }
        }
        if (ok) {
          return Optional.of(found);
        }
      }
      return Optional.empty();
    };
  }
}
