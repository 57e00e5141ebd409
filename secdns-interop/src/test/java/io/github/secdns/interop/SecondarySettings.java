package io.github.secdns.interop;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import io.github.secdns.testsupport.servers.PrimaryTls;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What a real secondary is told: the zone, where its primary listens, an optional TSIG key for the
 * transfers (and, when asked, for NOTIFY), the source address of its SOA queries and transfers
 * (transfer-source / via / outgoing-interface: how the ACL tests put one secondary inside and
 * another outside the transfer ACL), and where it listens itself (for NOTIFY and for reading the
 * zone back).
 *
 * <p>NOTIFY is accepted from all of the loopback of the source's family (the primary under test may
 * send it from another port than the one it serves transfers on), unsigned unless {@code
 * signedNotifyOnly}.
 *
 * @param zone the zone, spelled as the secondary's configuration names it
 * @param primary where the primary serves transfers
 * @param tsig the key that signs SOA queries and transfers, if any
 * @param sourceAddress the source address of its queries to the primary (in 127.0.0.0/8 or ::1)
 * @param listenAddress where it listens
 * @param port its listening port (chosen upfront so that the primary can NOTIFY it)
 * @param signedNotifyOnly whether it accepts only NOTIFY signed with its key
 * @param primaryTls when present, it pulls over TLS (XoT) from the primary's TLS port,
 *     authenticating it as this says
 */
record SecondarySettings(
    Name zone,
    InetSocketAddress primary,
    Optional<TsigSecret> tsig,
    InetAddress sourceAddress,
    InetAddress listenAddress,
    int port,
    boolean signedNotifyOnly,
    Optional<PrimaryTls> primaryTls) {

  /**
   * Plans a secondary of {@code kind} that sends its queries from {@code source}; the port is
   * chosen now so that the primary can be configured to NOTIFY it before it starts. named 9.18
   * listens only on addresses configured on an interface (127.0.0.1, not the rest of 127/8), so
   * BIND listens on 127.0.0.1 (or ::1) whatever its source address.
   */
  static SecondarySettings planned(SecondaryKind kind, InetAddress source, Name zone) {
    boolean v6 = source instanceof Inet6Address;
    InetAddress listen =
        kind == SecondaryKind.BIND ? (v6 ? Addresses.LOOPBACK_V6 : Addresses.LOOPBACK_1) : source;
    return new SecondarySettings(
        zone,
        new InetSocketAddress(v6 ? Addresses.LOOPBACK_V6 : Addresses.LOOPBACK_1, 0),
        Optional.empty(),
        source,
        listen,
        LoopbackPorts.free(listen),
        false,
        Optional.empty());
  }

  SecondarySettings withPrimary(InetSocketAddress primaryEndpoint) {
    return new SecondarySettings(
        zone,
        primaryEndpoint,
        tsig,
        sourceAddress,
        listenAddress,
        port,
        signedNotifyOnly,
        primaryTls);
  }

  SecondarySettings withTsig(TsigSecret key) {
    return new SecondarySettings(
        zone,
        primary,
        Optional.of(key),
        sourceAddress,
        listenAddress,
        port,
        signedNotifyOnly,
        primaryTls);
  }

  /** Accepts only NOTIFY signed with its key (the key must be set). */
  SecondarySettings withSignedNotifyOnly() {
    return new SecondarySettings(
        zone, primary, tsig, sourceAddress, listenAddress, port, true, primaryTls);
  }

  /** Pulls over TLS from the primary, whose endpoint ({@link #withPrimary}) is its TLS port. */
  SecondarySettings withPrimaryTls(PrimaryTls tls) {
    return new SecondarySettings(
        zone,
        primary,
        tsig,
        sourceAddress,
        listenAddress,
        port,
        signedNotifyOnly,
        Optional.of(tls));
  }

  /** Where it listens: the NOTIFY target for the primary. */
  InetSocketAddress endpoint() {
    return new InetSocketAddress(listenAddress, port);
  }

  /** The shared server configuration, with the log level the interop evidence needs. */
  ServerConfig toConfig(Path directory) {
    return toConfig(directory, List.of(zone));
  }

  /**
   * The same for a secondary of many zones, all with these settings ({@link #zone()} is the first
   * of them).
   */
  ServerConfig toConfig(Path directory, List<Name> zones) {
    if (!zones.get(0).equals(zone)) {
      throw new IllegalArgumentException("the first zone is the settings' zone " + zone);
    }
    ServerConfig config =
        ServerConfig.secondary(directory, zones, listenAddress, port, primary, sourceAddress)
            .withVerboseLog()
            // One worker: the machine has 2 cores shared with the build.
            .withWorkers(1);
    if (tsig.isPresent()) {
      config = config.withKey(tsig.get());
      if (signedNotifyOnly) {
        config = config.withSignedNotifyOnly();
      }
    }
    if (primaryTls.isPresent()) {
      config = config.withPrimaryTls(primaryTls.get());
    }
    return config;
  }
}
