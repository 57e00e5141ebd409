package io.github.secdns.providers.internal;

import io.github.secdns.testkit.ProviderPresetContract;

class NetnodePresetTest extends ProviderPresetContract<NetnodePreset> {}
