package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;

/**
 * Issue 10, the target: real BIND, Knot and NSD secondaries pull from the embedded responder and
 * end up holding exactly its zone. The same contract as {@link BindPrimaryInteropTest}: changes
 * arrive by the responder's own NOTIFY and an incremental IXFR, and TSIG-signed transfers verify.
 */
@InteropTest
class ResponderInteropTest extends SecondaryInteropContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return ResponderPrimary.start(settings, initial);
  }
}
