package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link IntegrityContract} on H2 in memory. */
class H2MemoryIntegrityTest extends IntegrityContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2Memory();
  }
}
