package io.github.secdns.core.diagnostics;

import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * One attempt to learn which zone data an address of a name server serves, as a zone digest (RFC
 * 8976): its ZONEMD record, or the digest of a zone transfer from it. The engine compares the
 * digest with the primary's ({@link HostFacts#primaryZoneDigest()}) when the address serves the
 * primary's serial.
 *
 * @param nameServer the name server whose address was asked
 * @param address the address that was asked
 * @param method how the digest was sought
 * @param outcome what came of it
 * @param digest the digest, for {@link Outcome#DIGEST} only
 */
public record ContentProbe(
    Name nameServer,
    InetAddress address,
    Method method,
    Outcome outcome,
    Optional<ZoneDigest> digest) {

  /** How a digest was sought. */
  public enum Method {
    /** A ZONEMD query for the zone's apex: the digest the zone publishes. */
    ZONEMD,
    /** A zone transfer (AXFR), digested with {@link ZoneDigest#compute} (SIMPLE, SHA-384). */
    TRANSFER
  }

  /** What came of the attempt. */
  public enum Outcome {
    /** A digest: the ZONEMD record served, or the digest of the transferred zone. */
    DIGEST,
    /**
     * ZONEMD only: an authoritative answer without a usable ZONEMD record (SIMPLE, SHA-384/512).
     */
    NO_DIGEST,
    /** The server said no: the transfer was refused, or the answer had no authority. */
    REFUSED,
    /** No usable answer: time-out, network error, a broken or oversized transfer. */
    FAILED
  }

  /**
   * Checks consistency: a digest comes with {@link Outcome#DIGEST} only, and {@link
   * Outcome#NO_DIGEST} with {@link Method#ZONEMD} only.
   *
   * @throws IllegalArgumentException when the components contradict each other
   */
  public ContentProbe {
    Objects.requireNonNull(nameServer, "nameServer");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(digest, "digest");
    if ((outcome == Outcome.DIGEST) != digest.isPresent()) {
      throw new IllegalArgumentException("a digest comes with the outcome DIGEST, and only then");
    }
    if (outcome == Outcome.NO_DIGEST && method != Method.ZONEMD) {
      throw new IllegalArgumentException("NO_DIGEST is the outcome of a ZONEMD query only");
    }
    nameServer = Names.canonical(nameServer);
  }

  /**
   * A digest learned from an address.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param method how it was learned
   * @param digest the digest
   * @return the probe
   */
  public static ContentProbe digest(
      Name nameServer, InetAddress address, Method method, ZoneDigest digest) {
    return new ContentProbe(nameServer, address, method, Outcome.DIGEST, Optional.of(digest));
  }

  /**
   * An authoritative answer to a ZONEMD query without a usable ZONEMD record.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @return the probe
   */
  public static ContentProbe noDigest(Name nameServer, InetAddress address) {
    return new ContentProbe(
        nameServer, address, Method.ZONEMD, Outcome.NO_DIGEST, Optional.empty());
  }

  /**
   * A refusal: the transfer was refused, or the answer had no authority.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param method what was refused
   * @return the probe
   */
  public static ContentProbe refused(Name nameServer, InetAddress address, Method method) {
    return new ContentProbe(nameServer, address, method, Outcome.REFUSED, Optional.empty());
  }

  /**
   * No usable answer.
   *
   * @param nameServer the name server
   * @param address the address asked
   * @param method what failed
   * @return the probe
   */
  public static ContentProbe failed(Name nameServer, InetAddress address, Method method) {
    return new ContentProbe(nameServer, address, method, Outcome.FAILED, Optional.empty());
  }
}
