/**
 * secdns testkit: the {@code ProviderPresetContract} suite that every preset's test extends, the
 * {@code CatalogLabelStoreContract} suite for label stores, the {@code PublishAllContract} tests
 * for version stores, and in-memory helpers for tests. A test-scope dependency only.
 */
module io.github.secdns.testkit {
  requires transitive io.github.secdns.core;
  requires transitive org.junit.jupiter.api;
  requires static jsr305;

  exports io.github.secdns.testkit;
}
