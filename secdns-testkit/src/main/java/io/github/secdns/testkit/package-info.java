/**
 * Test support for plugin authors and for secdns's own tests: the {@link
 * io.github.secdns.testkit.ProviderPresetContract} suite that every provider preset's test extends,
 * the {@link io.github.secdns.testkit.CatalogLabelStoreContract} suite that every catalog label
 * store's test extends, the {@link io.github.secdns.testkit.PublishAllContract} tests that every
 * version store's test implements (batches of publishes, all or nothing), {@link
 * io.github.secdns.testkit.InMemoryZoneVersionStore}, and {@link
 * io.github.secdns.testkit.InMemoryZoneJournal}, a journal standing in for a host's database. A
 * test-scope dependency only; never a runtime dependency.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.testkit;

import javax.annotation.ParametersAreNonnullByDefault;
