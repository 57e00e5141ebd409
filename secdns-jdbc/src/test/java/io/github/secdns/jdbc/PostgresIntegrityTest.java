package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link IntegrityContract} on a throw-away PostgreSQL 15 cluster. */
class PostgresIntegrityTest extends IntegrityContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.postgres(context);
  }
}
