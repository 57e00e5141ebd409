package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Shows that the contract fails presets that break it. The suites are called directly, the way
 * JUnit would call them on an empty subclass.
 */
class ProviderPresetContractTest {

  static final class GoodContract extends ProviderPresetContract<SamplePresets.Good> {}

  static final class PrivateContract extends ProviderPresetContract<SamplePresets.PrivateSource> {}

  static final class ContradictoryContract
      extends ProviderPresetContract<SamplePresets.Contradictory> {}

  @Test
  void aGoodRegisteredPresetPassesEveryCheck() {
    GoodContract c = new GoodContract();
    c.presetClassCanBeLoadedByServiceLoader();
    c.dataPassesCoreChecks();
    c.valuesAreTheSameEveryTime();
    c.idIsStableLowerCaseText();
    c.displayNameIsPresentable();
    c.nameServersAreFixedHostNamesOrCustomerSuppliedWithAHint();
    c.transferSourcesArePublicAddresses();
    c.notifyTargetsArePublicAddresses();
    c.capabilitiesAgreeWithTheAddresses();
    c.deprecationAndDocumentationAreUsable();
    c.applyingYieldsAValidConfigurationWithThePresetsValues();
    c.applyingWithoutNeededNameServersFailsClearly();
    c.presetIsDiscoverableThroughServiceLoader();
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
