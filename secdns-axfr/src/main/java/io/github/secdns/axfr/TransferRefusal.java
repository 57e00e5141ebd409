package io.github.secdns.axfr;

import io.github.secdns.core.diagnostics.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * A request answered with an error instead of data: not allowed, zone not served, malformed, not
 * implemented, or no transfer slot free.
 *
 * @param client the client's address and port
 * @param transport the transport the request arrived on
 * @param qname the question name, when it could be read
 * @param qtype the question type, when it could be read
 * @param rcode the response code sent (see {@link Rcode})
 * @param reason why, for logs
 */
public record TransferRefusal(
    InetSocketAddress client,
    Transport transport,
    Optional<Name> qname,
    OptionalInt qtype,
    int rcode,
    String reason) {

  /** Checks that no component is null. */
  public TransferRefusal {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(qname, "qname");
    Objects.requireNonNull(qtype, "qtype");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the response code as text, e.g. {@code REFUSED}.
   *
   * @return the mnemonic of {@link #rcode()}
   */
  public String rcodeName() {
    return Rcode.string(rcode);
  }
}
