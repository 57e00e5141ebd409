package io.github.secdns.providers.internal;

import io.github.secdns.testkit.ProviderPresetContract;

class Route53PresetTest extends ProviderPresetContract<Route53Preset> {}
