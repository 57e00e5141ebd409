package io.github.secdns.axfr;

import io.github.secdns.core.diagnostics.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A zone transfer request as the policy sees it.
 *
 * @param client the client's address and port
 * @param zone the zone's origin as it is served (letter case of the snapshot, not of the query)
 * @param qtype the requested type, {@link Type#AXFR} or {@link Type#IXFR}
 * @param transport the transport the request arrived on
 * @param keyName the name of the TSIG key the request was signed with, present only once the
 *     signature has been verified; empty for unsigned requests
 * @param tls what the TLS connection negotiated, present exactly when {@code transport} is {@link
 *     Transport#TLS}
 */
public record TransferRequest(
    InetSocketAddress client,
    Name zone,
    int qtype,
    Transport transport,
    Optional<Name> keyName,
    Optional<TlsDetails> tls) {

  /** Checks that no component is null and that TLS details come with the TLS transport only. */
  public TransferRequest {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(tls, "tls");
    if (tls.isPresent() != (transport == Transport.TLS)) {
      throw new IllegalArgumentException(
          "TLS details come with the TLS transport and only with it, not with " + transport);
    }
  }

  /**
   * A request over UDP or plain TCP.
   *
   * @param client the client's address and port
   * @param zone the zone's origin as it is served
   * @param qtype the requested type
   * @param transport {@link Transport#UDP} or {@link Transport#TCP}
   * @param keyName the verified TSIG key name, if any
   */
  public TransferRequest(
      InetSocketAddress client, Name zone, int qtype, Transport transport, Optional<Name> keyName) {
    this(client, zone, qtype, transport, keyName, Optional.empty());
  }

  /**
   * Returns the requested type as text, e.g. {@code AXFR}.
   *
   * @return the mnemonic of {@link #qtype()}
   */
  public String qtypeName() {
    return Type.string(qtype);
  }
}
