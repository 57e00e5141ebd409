package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link ServedFromTheStoreContract} on H2 in a file. */
class H2FileServedFromTheStoreTest extends ServedFromTheStoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2File();
  }
}
