package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link MultiNodeContract} on a throw-away PostgreSQL 15 cluster. */
class PostgresMultiNodeTest extends MultiNodeContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.postgres(context);
  }
}
