package io.github.secdns.interop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What a real secondary is told: the zone, where its primary listens, an optional TSIG key for the
 * transfers, the source address of its SOA queries and transfers (transfer-source / via /
 * outgoing-interface: how the ACL tests put one secondary inside and another outside the transfer
 * ACL), and where it listens itself (for NOTIFY and for reading the zone back).
 *
 * <p>NOTIFY is accepted, unsigned, from all of 127.0.0.0/8 (the primary under test may send it from
 * another loopback address or port than the one it serves transfers on).
 *
 * @param zone the zone, spelled as the secondary's configuration names it
 * @param primary where the primary serves transfers
 * @param tsig the key that signs SOA queries and transfers, if any
 * @param sourceAddress the source address of its queries to the primary (in 127.0.0.0/8)
 * @param listenAddress where it listens
 * @param port its listening port (chosen upfront so that the primary can NOTIFY it)
 */
record SecondarySettings(
    Name zone,
    InetSocketAddress primary,
    Optional<TsigSecret> tsig,
    InetAddress sourceAddress,
    InetAddress listenAddress,
    int port) {

  /**
   * Plans a secondary of {@code kind} that sends its queries from {@code source}; the port is
   * chosen now so that the primary can be configured to NOTIFY it before it starts. named 9.18
   * listens only on addresses configured on an interface (127.0.0.1, not the rest of 127/8), so
   * BIND listens on 127.0.0.1 whatever its source address.
   */
  static SecondarySettings planned(SecondaryKind kind, InetAddress source, Name zone) {
    InetAddress listen = kind == SecondaryKind.BIND ? Loopback.ONE : source;
    return new SecondarySettings(
        zone,
        new InetSocketAddress(Loopback.ONE, 0),
        Optional.empty(),
        source,
        listen,
        LoopbackPorts.free(listen));
  }

  SecondarySettings withPrimary(InetSocketAddress primaryEndpoint) {
    return new SecondarySettings(zone, primaryEndpoint, tsig, sourceAddress, listenAddress, port);
  }

  SecondarySettings withTsig(TsigSecret key) {
    return new SecondarySettings(
        zone, primary, Optional.of(key), sourceAddress, listenAddress, port);
  }

  /** Where it listens: the NOTIFY target for the primary. */
  InetSocketAddress endpoint() {
    return new InetSocketAddress(listenAddress, port);
  }
}
