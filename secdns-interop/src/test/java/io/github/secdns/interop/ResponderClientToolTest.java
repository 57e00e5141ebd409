package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;

/**
 * Issue 10, the target: dig and kdig against the embedded responder. The same contract as {@link
 * BindPrimaryClientToolTest}, IXFR and TSIG included.
 */
@InteropTest
class ResponderClientToolTest extends ClientToolContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return ResponderPrimary.start(settings, initial);
  }
}
