package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link JdbcCatalogLabelStoreContract} on a throw-away PostgreSQL 15 cluster. */
class PostgresCatalogLabelStoreTest extends JdbcCatalogLabelStoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.postgres(context);
  }
}
