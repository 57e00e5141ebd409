package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link ServedFromTheStoreContract} on PostgreSQL. */
class PostgresServedFromTheStoreTest extends ServedFromTheStoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.postgres(context);
  }
}
