package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, the target: dig and kdig against the embedded responder. The same contract as
 * {@link BindPrimaryClientToolTest}.
 */
@InteropTest
class ResponderClientToolTest extends ClientToolContract {

  @Override
  protected PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial) {
    return ResponderPrimary.start(settings, initial);
  }

  @Override
  @Test
  @Disabled("needs IXFR (differences between versions) in the responder - issue 5")
  void ixfrInsideTheHistoryIsTheDifference() {
    super.ixfrInsideTheHistoryIsTheDifference();
  }

  @Override
  @Test
  @Disabled("needs TSIG verification and signing in the responder - issue 5")
  void tsigWithDigAndKdig() {
    super.tsigWithDigAndKdig();
  }
}
