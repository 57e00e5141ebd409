package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * One non-recursive SOA query for the zone, sent to one address of one name server over one
 * transport, and what came back.
 *
 * @param nameServer the name server whose address was asked
 * @param address the address that was asked
 * @param transport UDP or TCP
 * @param outcome whether an answer arrived
 * @param rcode the answer's response code (a dnsjava {@link Rcode} value); empty without answer
 * @param authoritative whether the answer had the AA bit; false without answer
 * @param soa the SOA record of the zone in the answer section, when there was one
 */
public record SoaProbe(
    Name nameServer,
    InetAddress address,
    Transport transport,
    Outcome outcome,
    Optional<Integer> rcode,
    boolean authoritative,
    Optional<SoaData> soa) {

  /** Whether a query produced an answer. */
  public enum Outcome {
    /** An answer arrived (any response code). */
    ANSWERED,
    /** No answer within the time-out. */
    TIMED_OUT,
    /** The network said no: port unreachable, connection refused or reset, no route. */
    NETWORK_ERROR
  }

  /**
   * Checks consistency: an answer has a response code; a missing answer has neither response code,
   * AA bit nor SOA.
   *
   * @throws IllegalArgumentException when the components contradict each other
   */
  public SoaProbe {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(rcode, "rcode");
    Objects.requireNonNull(soa, "soa");
    if (outcome == Outcome.ANSWERED && rcode.isEmpty()) {
      throw new IllegalArgumentException("an answered probe needs a response code");
    }
    if (outcome != Outcome.ANSWERED && (rcode.isPresent() || authoritative || soa.isPresent())) {
      throw new IllegalArgumentException("a probe without answer has no rcode, AA bit or SOA");
    }
    nameServer = Names.canonical(nameServer);
  }

  /**
   * An answer.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param transport the transport
   * @param rcode the response code ({@link Rcode#NOERROR}, {@link Rcode#REFUSED}, ...)
   * @param authoritative the AA bit
   * @param soa the zone's SOA from the answer section, if any
   * @return the probe
   */
  public static SoaProbe answered(
      Name nameServer,
      InetAddress address,
      Transport transport,
      int rcode,
      boolean authoritative,
      Optional<SoaData> soa) {
    return new SoaProbe(
        nameServer, address, transport, Outcome.ANSWERED, Optional.of(rcode), authoritative, soa);
  }

  /**
   * A query that got no answer within its time-out.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param transport the transport
   * @return the probe
   */
  public static SoaProbe timedOut(Name nameServer, InetAddress address, Transport transport) {
    return unanswered(nameServer, address, transport, Outcome.TIMED_OUT);
  }

  /**
   * A query the network refused (ICMP unreachable, TCP connection refused or reset).
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param transport the transport
   * @return the probe
   */
  public static SoaProbe networkError(Name nameServer, InetAddress address, Transport transport) {
    return unanswered(nameServer, address, transport, Outcome.NETWORK_ERROR);
  }

  private static SoaProbe unanswered(
      Name nameServer, InetAddress address, Transport transport, Outcome outcome) {
    return new SoaProbe(
        nameServer, address, transport, outcome, Optional.empty(), false, Optional.empty());
  }

  /**
   * Tells whether an answer arrived.
   *
   * @return true for {@link Outcome#ANSWERED}
   */
  public boolean isAnswered() {
    return outcome == Outcome.ANSWERED;
  }

  /**
   * Tells whether this is a usable authoritative answer: NOERROR, the AA bit, and an SOA.
   *
   * @return true when the server serves the zone authoritatively
   */
  public boolean isAuthoritativeAnswer() {
    return outcome == Outcome.ANSWERED
        && rcode.orElse(-1) == Rcode.NOERROR
        && authoritative
        && soa.isPresent();
  }
}
