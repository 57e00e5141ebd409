package io.github.secdns.axfr;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds the responder keeps to, whatever its clients do.
 *
 * @param maxConnections open TCP connections at most; further ones are accepted and closed at once
 *     (default 2048)
 * @param maxConcurrentTransfers transfers streaming at the same time at most, over all clients; an
 *     allowed request finding no free slot gets REFUSED at once (default 10, as BIND's {@code
 *     transfers-out}). The ACL is checked before a slot is taken. The transfers pipelined on one
 *     TCP connection stream one after the other and hold one slot between them.
 * @param idleTimeout a TCP connection with nothing to send is closed when no complete message
 *     arrived for this long; partial messages do not reset it (RFC 7766 section 6.2.3; default 10
 *     s)
 * @param transferDeadline a transfer still streaming this long after it started is aborted and its
 *     connection closed (slow readers; default 30 min)
 * @param shutdownGrace how long {@link AxfrResponder#close()} lets transfers in flight finish
 *     before it cuts them off (default 5 s)
 * @param targetMessageSize a transfer message is closed once the next record would take it past
 *     this size; 512 to 65535 (default 16384, as Knot: compression pointers reach 16383)
 * @param renderCacheBytes the renderings of zone versions kept for later transfers hold at most
 *     this many octets together (the memory each retains: its message bodies plus 16 octets per
 *     message); beyond it the least recently used are dropped and rendered again when asked for
 *     (default 128 MiB: about a hundred thousand small zones, or a 1M-record zone (about 28 MB)
 *     with room to spare; 0 keeps nothing beyond the transfers in flight)
 */
public record ResponderLimits(
    int maxConnections,
    int maxConcurrentTransfers,
    Duration idleTimeout,
    Duration transferDeadline,
    Duration shutdownGrace,
    int targetMessageSize,
    long renderCacheBytes) {

  /** The default bound of the render cache: 128 MiB. */
  public static final long DEFAULT_RENDER_CACHE_BYTES = 128L << 20;

  /** Checks every limit; a bad one is named in the exception. */
  public ResponderLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(transferDeadline, "transferDeadline");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    if (maxConcurrentTransfers < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentTransfers must be at least 1: " + maxConcurrentTransfers);
    }
    positive("idleTimeout", idleTimeout);
    positive("transferDeadline", transferDeadline);
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
    }
    if (targetMessageSize < 512 || targetMessageSize > 65535) {
      throw new IllegalArgumentException(
          "targetMessageSize must be between 512 and 65535: " + targetMessageSize);
    }
    if (renderCacheBytes < 0) {
      throw new IllegalArgumentException(
          "renderCacheBytes must not be negative: " + renderCacheBytes);
    }
  }

  /**
   * Creates limits with the default render cache bound.
   *
   * @param maxConnections see the record
   * @param maxConcurrentTransfers see the record
   * @param idleTimeout see the record
   * @param transferDeadline see the record
   * @param shutdownGrace see the record
   * @param targetMessageSize see the record
   */
  public ResponderLimits(
      int maxConnections,
      int maxConcurrentTransfers,
      Duration idleTimeout,
      Duration transferDeadline,
      Duration shutdownGrace,
      int targetMessageSize) {
    this(
        maxConnections,
        maxConcurrentTransfers,
        idleTimeout,
        transferDeadline,
        shutdownGrace,
        targetMessageSize,
        DEFAULT_RENDER_CACHE_BYTES);
  }

  private static void positive(String what, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  /**
   * Returns the default limits (see the component descriptions).
   *
   * @return the defaults
   */
  public static ResponderLimits defaults() {
    return new ResponderLimits(
        2048,
        10,
        Duration.ofSeconds(10),
        Duration.ofMinutes(30),
        Duration.ofSeconds(5),
        16384,
        DEFAULT_RENDER_CACHE_BYTES);
  }

  /**
   * Returns a copy with another connection limit.
   *
   * @param value the new limit
   * @return the copy
   */
  public ResponderLimits withMaxConnections(int value) {
    return new ResponderLimits(
        value,
        maxConcurrentTransfers,
        idleTimeout,
        transferDeadline,
        shutdownGrace,
        targetMessageSize,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another concurrent transfer limit.
   *
   * @param value the new limit
   * @return the copy
   */
  public ResponderLimits withMaxConcurrentTransfers(int value) {
    return new ResponderLimits(
        maxConnections,
        value,
        idleTimeout,
        transferDeadline,
        shutdownGrace,
        targetMessageSize,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another idle timeout.
   *
   * @param value the new timeout
   * @return the copy
   */
  public ResponderLimits withIdleTimeout(Duration value) {
    return new ResponderLimits(
        maxConnections,
        maxConcurrentTransfers,
        value,
        transferDeadline,
        shutdownGrace,
        targetMessageSize,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another whole-transfer deadline.
   *
   * @param value the new deadline
   * @return the copy
   */
  public ResponderLimits withTransferDeadline(Duration value) {
    return new ResponderLimits(
        maxConnections,
        maxConcurrentTransfers,
        idleTimeout,
        value,
        shutdownGrace,
        targetMessageSize,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another shutdown grace period.
   *
   * @param value the new grace period
   * @return the copy
   */
  public ResponderLimits withShutdownGrace(Duration value) {
    return new ResponderLimits(
        maxConnections,
        maxConcurrentTransfers,
        idleTimeout,
        transferDeadline,
        value,
        targetMessageSize,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another target message size.
   *
   * @param value the new size, 512 to 65535
   * @return the copy
   */
  public ResponderLimits withTargetMessageSize(int value) {
    return new ResponderLimits(
        maxConnections,
        maxConcurrentTransfers,
        idleTimeout,
        transferDeadline,
        shutdownGrace,
        value,
        renderCacheBytes);
  }

  /**
   * Returns a copy with another render cache bound.
   *
   * @param value the bound in octets, 0 or more
   * @return the copy
   */
  public ResponderLimits withRenderCacheBytes(long value) {
    return new ResponderLimits(
        maxConnections,
        maxConcurrentTransfers,
        idleTimeout,
        transferDeadline,
        shutdownGrace,
        targetMessageSize,
        value);
  }
}
