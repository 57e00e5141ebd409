package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link JdbcCatalogLabelStoreContract} on H2 in a file. */
class H2FileCatalogLabelStoreTest extends JdbcCatalogLabelStoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2File();
  }
}
