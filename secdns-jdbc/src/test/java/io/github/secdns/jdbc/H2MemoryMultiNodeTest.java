package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link MultiNodeContract} on H2 in memory. */
class H2MemoryMultiNodeTest extends MultiNodeContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2Memory();
  }
}
