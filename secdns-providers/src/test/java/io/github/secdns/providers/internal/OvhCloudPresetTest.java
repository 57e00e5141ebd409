package io.github.secdns.providers.internal;

import io.github.secdns.testkit.ProviderPresetContract;

class OvhCloudPresetTest extends ProviderPresetContract<OvhCloudPreset> {}
