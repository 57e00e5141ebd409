package io.github.secdns.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster from Debian's {@code postgresql} package: {@code initdb} into a
 * temporary directory, {@code pg_ctl start} with the socket in that directory, listening on
 * 127.0.0.1 on a free port, password authentication (scram-sha-256) with a random password; {@link
 * #close()} stops it and deletes the directory.
 *
 * <p>initdb refuses to run as root, so as root (here and in CI) the binaries run as the {@code
 * postgres} user through {@code runuser}, and the directory belongs to that user.
 */
final class PostgresCluster implements AutoCloseable {

  static final Path BIN =
      Path.of(System.getProperty("secdns.postgres.bin", "/usr/lib/postgresql/15/bin"));
  static final String USER = "secdns";

  private final Path dir;
  private final int port;
  private final String password;
  private final boolean asPostgresUser;
  private boolean stopped;

  private PostgresCluster(Path dir, int port, String password, boolean asPostgresUser) {
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.asPostgresUser = asPostgresUser;
  }

  /** Whether a missing PostgreSQL must fail the build instead of skipping (CI, -Pinterop). */
  static boolean required() {
    return Boolean.getBoolean("secdns.interop") || Boolean.getBoolean("secdns.postgres.required");
  }

  /** Why no cluster can be started here, if so. */
  static Optional<String> unavailable() {
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(BIN.resolve(tool))) {
        return Optional.of(
            "PostgreSQL 15 is not installed ("
                + BIN.resolve(tool)
                + " missing; Debian: apt-get install postgresql)");
      }
    }
    if (isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
      return Optional.of("running as root, but runuser is missing (initdb refuses root)");
    }
    return Optional.empty();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Starts a cluster.
   *
   * @param durable false for tests (no fsync: a throw-away cluster), true for measurements
   */
  static PostgresCluster start(boolean durable) throws IOException {
    reapOrphans();
    Path dir = Files.createTempDirectory(PREFIX);
    Files.writeString(dir.resolve(OWNER), owner(ProcessHandle.current()));
    boolean asPostgres = isRoot();
    String password = randomPassword();
    try {
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
      if (asPostgres) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        Files.setOwner(pwfile, postgres);
      }
      PostgresCluster cluster = null;
      IOException last = null;
      List<String> initdb = new ArrayList<>();
      initdb.addAll(
          List.of(
              BIN.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              USER,
              "--pwfile=" + pwfile,
              "-A",
              "scram-sha-256",
              "-E",
              "UTF8",
              "--no-locale",
              "--no-sync"));
      run(asPostgres, initdb, dir.resolve("initdb.log"));
      Files.delete(pwfile);
      // A port found free can be taken before the server binds it: try a few.
      for (int attempt = 0; attempt < 5 && cluster == null; attempt++) {
        int port = freePort();
        String options =
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                + (durable
                    ? ""
                    : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        try {
          pgCtl(
              asPostgres,
              dir,
              "-l",
              dir.resolve("server.log").toString(),
              "-w",
              "-t",
              "120",
              "-o",
              options,
              "start");
          cluster = new PostgresCluster(dir, port, password, asPostgres);
        } catch (IOException e) {
          last = e;
        }
      }
      if (cluster == null) {
        throw last;
      }
      // A test JVM that is killed (a build interrupted, a surefire time-out) cannot run its
      // after-all callbacks; this stops the cluster on SIGTERM and Ctrl-C, and reapOrphans() the
      // next run stops one whose JVM died harder.
      PostgresCluster started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "secdns-test-postgres-stop"));
      return cluster;
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private static final String PREFIX = "secdns-pg-";
  private static final String OWNER = "owner";

  /** The JVM that owns a cluster: its pid and start time (a pid alone may be reused). */
  private static String owner(ProcessHandle process) {
    return process.pid() + " " + process.info().startInstant().map(Object::toString).orElse("?");
  }

  /**
   * Stops and deletes clusters of earlier test runs whose JVM is gone. A cluster whose owner still
   * runs (another build on this machine) or that has no owner file yet is left alone.
   */
  private static void reapOrphans() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> dirs = Files.list(tmp)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
        Path ownerFile = dir.resolve(OWNER);
        if (!Files.isRegularFile(ownerFile)) {
          continue;
        }
        String recorded = Files.readString(ownerFile).strip();
        long pid = Long.parseLong(recorded.split(" ", -1)[0]);
        boolean alive = ProcessHandle.of(pid).map(p -> owner(p).equals(recorded)).orElse(false);
        if (alive) {
          continue;
        }
        if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
          try {
            stopServer(isRoot(), dir);
          } catch (IOException e) {
            continue; // not ours to force; left for a person to look at
          }
        }
        deleteTree(dir);
      }
    } catch (IOException | RuntimeException e) {
      // Reaping is a courtesy; the new cluster does not depend on it.
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return "pw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return s.getLocalPort();
    }
  }

  private static void run(boolean asPostgres, List<String> command, Path log) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    try {
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 180 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          command.get(0) + " failed with exit code " + p.exitValue() + ": " + tail(log));
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  int port() {
    return port;
  }

  String password() {
    return password;
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database. */
  void createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** A pool on a database; the caller closes it. */
  HikariDataSource pool(String database, int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(database));
    config.setUsername(USER);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName(name);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      stopServer(asPostgresUser, dir);
    } catch (IOException e) {
      throw new IllegalStateException("could not stop the PostgreSQL cluster in " + dir, e);
    } finally {
      deleteTree(dir);
    }
  }

  /** Stops the server of a cluster directory at once (a throw-away cluster needs no checkpoint). */
  private static void stopServer(boolean asPostgres, Path dir) throws IOException {
    pgCtl(asPostgres, dir, "-m", "immediate", "-w", "-t", "60", "stop");
  }

  /** Runs {@code pg_ctl} on the cluster's data directory, its output in {@code pg_ctl.log}. */
  private static void pgCtl(boolean asPostgres, Path dir, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BIN.resolve("pg_ctl").toString());
    command.add("-D");
    command.add(dir.resolve("data").toString());
    command.addAll(List.of(arguments));
    run(asPostgres, command, dir.resolve("pg_ctl.log"));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is under the temporary directory.
    }
  }
}
