package io.github.secdns.providers.internal;

import io.github.secdns.testkit.ProviderPresetContract;

class Ns1PresetTest extends ProviderPresetContract<Ns1Preset> {}
