package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Shows that the contract fails presets that break it. The suites are called directly, the way
 * JUnit would call them on an empty subclass.
 */
class ProviderPresetContractTest {

  static class GoodContract extends ProviderPresetContract<SamplePresets.Good> {}

  static final class PrivateContract extends ProviderPresetContract<SamplePresets.PrivateSource> {}

  static final class ContradictoryContract
      extends ProviderPresetContract<SamplePresets.Contradictory> {}

  static final class NotASecondaryContract
      extends ProviderPresetContract<SamplePresets.NotASecondary> {}

  static final class FutureSourceContract
      extends ProviderPresetContract<SamplePresets.FutureSource> {}

  static final class LyingContract extends ProviderPresetContract<SamplePresets.Lying> {}

  @Test
  void aGoodRegisteredPresetPassesEveryCheck() {
    runAll(new GoodContract());
  }

  @Test
  void aServiceThatIsNotASecondaryPassesEveryCheck() {
    runAll(new NotASecondaryContract());
  }

  private static void runAll(ProviderPresetContract<?> c) {
    c.presetClassCanBeLoadedByServiceLoader();
    c.definitionIsPresentAndRegisters();
    c.valuesAreTheSameEveryTime();
    c.shortcutsAgreeWithTheDefinition();
    c.idIsStableLowerCaseText();
    c.displayNameIsPresentable();
    c.nameServersAreFixedHostNamesOrCustomerSuppliedWithAHint();
    c.transferSourcesArePublicAddresses();
    c.notifyTargetsArePublicAddresses();
    c.everySourceIsDatedAndNotInTheFuture();
    c.capabilitiesAgreeWithTheAddresses();
    c.deprecationAndDocumentationAreUsable();
    c.applyingTodayYieldsAValidConfigurationWithTodaysValuesAndTheirSources();
    c.applyingWithoutNeededNameServersFailsClearly();
    c.presetIsDiscoverableThroughServiceLoader();
  }

  @Test
  void aGoodPresetIsCheckedOnTheDayTheClockSays() {
    // On 2026-11-30 the Good preset's old address is still in use and its new one is not yet.
    new GoodContract() {
      @Override
      protected java.time.Clock clock() {
        return java.time.Clock.fixed(
            java.time.Instant.parse("2026-11-30T12:00:00Z"), java.time.ZoneOffset.UTC);
      }
    }.applyingTodayYieldsAValidConfigurationWithTodaysValuesAndTheirSources();
  }

  @Test
  void aSourceReadInTheFutureFails() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> new FutureSourceContract().everySourceIsDatedAndNotInTheFuture());
    assertTrue(e.getMessage().contains("read in the future"), e.getMessage());
  }

  @Test
  void aShortcutThatDisagreesWithTheDefinitionFails() {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> new LyingContract().shortcutsAgreeWithTheDefinition());
    assertTrue(e.getMessage().contains("displayName()"), e.getMessage());
  }

  @Test
  void aPrivateTransferSourceFails() {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> new PrivateContract().transferSourcesArePublicAddresses());
    assertTrue(e.getMessage().contains("private address"), e.getMessage());
  }

  @Test
  void anUnregisteredPresetIsNotDiscoverable() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> new PrivateContract().presetIsDiscoverableThroughServiceLoader());
    assertTrue(e.getMessage().contains("META-INF/services"), e.getMessage());
  }

  @Test
  void capabilitiesThatContradictTheAddressesFail() {
    assertThrows(
        AssertionError.class,
        () -> new ContradictoryContract().capabilitiesAgreeWithTheAddresses());
  }
}
