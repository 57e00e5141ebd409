package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * An H2 database in a file in a temporary directory, new for each test
 * ({@code @RegisterExtension}), for the commands that take {@code --db}: shut down and deleted
 * after the test. Several commands in this JVM share it (no server needed in one process).
 */
final class TemporaryH2 implements BeforeEachCallback, AfterEachCallback {

  private final String prefix;
  Path dir;
  String url;

  TemporaryH2(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory(prefix);
    url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The one number a query of the database answers, read on a connection of its own (one more
   * session while it runs).
   */
  long scalar(String sql) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** An IXFR from {@code from}, which must be answered incrementally; returns its deltas. */
  static List<ZoneTransferIn.Delta> ixfr(InetSocketAddress server, Name zone, long from)
      throws Exception {
    ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(zone, from, false, server, null);
    ixfr.setTimeout(Duration.ofSeconds(10));
    ixfr.run();
    assertTrue(ixfr.isIXFR(), "expected an incremental answer");
    return ixfr.getIXFR();
  }
}
