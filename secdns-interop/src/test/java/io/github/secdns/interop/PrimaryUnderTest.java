package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetSocketAddress;

/**
 * The primary the real secondaries pull from. The target is the embedded responder (secdns-axfr);
 * until it is wired in, a real BIND primary serves the same role so that the harness itself is
 * proven against a reference implementation.
 *
 * <p>Implementations are started by a {@link Factory} and own what they start.
 */
interface PrimaryUnderTest extends AutoCloseable {

  /** Where transfers and SOA queries are served (TCP and UDP). */
  InetSocketAddress endpoint();

  /**
   * Makes {@code next} the served version and sends NOTIFY to the configured targets. Returns once
   * the primary serves it (a later SOA query sees the new serial).
   */
  void publish(ZoneSnapshot next);

  /**
   * Whether an IXFR from this primary keeps the letter case of names. BIND computes IXFR from its
   * journal (ixfr-from-differences), which on 9.18 writes names in lower case; our responder must
   * keep the case.
   */
  boolean ixfrKeepsNameCase();

  @Override
  void close();

  /** Starts a primary serving {@code initial} with the given settings. */
  @FunctionalInterface
  interface Factory {
    PrimaryUnderTest start(PrimarySettings settings, ZoneSnapshot initial);
  }
}
