package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;

/**
 * Harness self-check: the dig/kdig contract against a real BIND primary, which shows that the
 * expectations (and the parsing of the clients' output) hold for a reference implementation.
 */
@InteropTest
class BindPrimaryClientToolTest extends ClientToolContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return BindPrimary.start(settings, initial);
  }
}
