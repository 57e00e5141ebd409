package io.github.secdns.examples.plugin;

import io.github.secdns.testkit.ProviderPresetContract;

class ExampleSecondaryPresetTest extends ProviderPresetContract<ExampleSecondaryPreset> {}
