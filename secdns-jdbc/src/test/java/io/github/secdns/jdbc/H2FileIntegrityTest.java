package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link IntegrityContract} on H2 in a file. */
class H2FileIntegrityTest extends IntegrityContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2File();
  }
}
