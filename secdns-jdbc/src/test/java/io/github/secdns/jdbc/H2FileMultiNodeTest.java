package io.github.secdns.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;

/** {@link MultiNodeContract} on H2 in a file. */
class H2FileMultiNodeTest extends MultiNodeContract {
  @Override
  TestDatabase openDatabase(ExtensionContext context) throws Exception {
    return TestDatabase.h2File();
  }
}
