package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link JdbcCatalogLabelStoreContract} on H2 in memory. */
class H2MemoryCatalogLabelStoreTest extends JdbcCatalogLabelStoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2Memory();
  }
}
