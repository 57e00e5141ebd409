package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;

/**
 * Harness self-check: the interop contract with a real BIND named as the primary. Proves that the
 * generated configurations, the readiness and serial waits, the read-back comparison and the log
 * evidence for IXFR, NOTIFY and refusals work against a reference implementation, so that a failure
 * with the embedded responder as the primary points at the responder.
 */
@InteropTest
class BindPrimaryInteropTest extends SecondaryInteropContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return BindPrimary.start(settings, initial);
  }
}
