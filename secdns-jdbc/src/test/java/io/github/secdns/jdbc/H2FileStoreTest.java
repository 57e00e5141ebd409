package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link StoreContract} on H2 in a file. */
class H2FileStoreTest extends StoreContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2File();
  }
}
