package io.github.secdns.testsupport.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the server and client binaries. A missing binary is a test failure with a message that says
 * what to install: under the interop profile nothing is silently skipped.
 */
public final class Binaries {

  /**
   * sbin directories are often not on a non-root user's PATH, but named, knotd and nsd live there.
   */
  private static final List<String> EXTRA_DIRS =
      List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin", "/bin");

  private Binaries() {}

  /**
   * named (Debian package bind9).
   *
   * @return the binary
   */
  public static Path named() {
    return require("named", "bind9");
  }

  /**
   * knotd (knot).
   *
   * @return the binary
   */
  public static Path knotd() {
    return require("knotd", "knot");
  }

  /**
   * nsd (nsd).
   *
   * @return the binary
   */
  public static Path nsd() {
    return require("nsd", "nsd");
  }

  /**
   * pdns_server (pdns-server; its SQLite backend is pdns-backend-sqlite3).
   *
   * @return the binary
   */
  public static Path pdnsServer() {
    return require("pdns_server", "pdns-server");
  }

  /**
   * pdnsutil (pdns-server).
   *
   * @return the binary
   */
  public static Path pdnsutil() {
    return require("pdnsutil", "pdns-server");
  }

  /**
   * sqlite3 (sqlite3), to create PowerDNS's database from its schema.
   *
   * @return the binary
   */
  public static Path sqlite3() {
    return require("sqlite3", "sqlite3");
  }

  /**
   * kcatalogprint (knot), which prints what knotd keeps of the catalogs it consumes.
   *
   * @return the binary
   */
  public static Path kcatalogprint() {
    return require("kcatalogprint", "knot");
  }

  /**
   * dig (bind9-dnsutils).
   *
   * @return the binary
   */
  public static Path dig() {
    return require("dig", "bind9-dnsutils");
  }

  /**
   * kdig (knot-dnsutils).
   *
   * @return the binary
   */
  public static Path kdig() {
    return require("kdig", "knot-dnsutils");
  }

  /**
   * {@code kill}, to send SIGHUP (Java's Process API can only send TERM and KILL).
   *
   * @return the binary
   */
  public static Path kill() {
    return require("kill", "procps");
  }

  /**
   * {@code taskset}, to pin a server under test to its cores (the benchmark harness).
   *
   * @return the binary
   */
  public static Path taskset() {
    return require("taskset", "util-linux");
  }

  /**
   * Finds a binary on PATH or in the sbin directories.
   *
   * @param name the binary
   * @param debianPackage the Debian package that installs it, for the failure message
   * @return the binary
   * @throws AssertionError when it is missing: a failure that says what to install, never a skip
   */
  public static Path require(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":", -1)) {
        if (!dir.isEmpty()) {
          dirs.add(dir);
        }
      }
    }
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "interop profile: the binary '"
            + name
            + "' was not found on PATH or in "
            + EXTRA_DIRS
            + "; install the Debian package '"
            + debianPackage
            + "' (apt-get install -y bind9 knot nsd bind9-dnsutils knot-dnsutils pdns-server"
            + " pdns-backend-sqlite3 sqlite3, as .ci/run does)");
  }
}
