package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link StoreContract} on a throw-away PostgreSQL 15 cluster. */
class PostgresStoreTest extends StoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.postgres(context);
  }
}
