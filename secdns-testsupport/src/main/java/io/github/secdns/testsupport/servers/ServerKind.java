package io.github.secdns.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real DNS servers the tests and benchmarks run beside secdns: BIND {@code named}, Knot {@code
 * knotd} and NSD {@code nsd} (Debian 12: BIND 9.18, Knot 3.2, NSD 4.6), and the PowerDNS
 * Authoritative Server {@code pdns_server} (4.7, as a secondary only: the third catalog consumer).
 * Writes a {@link ServerConfig} as the server's own configuration and starts it as a {@link
 * ServerProcess}.
 */
public enum ServerKind {
  /** BIND 9 named. */
  BIND("named", NamedConfig.LOG),
  /** Knot DNS knotd. */
  KNOT("knotd", KnotConfig.LOG),
  /** NSD. */
  NSD("nsd", NsdConfig.LOG),
  /** PowerDNS Authoritative Server with the gsqlite3 backend, as a secondary. */
  POWERDNS("pdns_server", PowerDnsConfig.LOG);

  private final String binary;
  private final String logName;

  ServerKind(String binary, String logName) {
    this.binary = binary;
    this.logName = logName;
  }

  /**
   * The binary's name.
   *
   * @return named, knotd, nsd or pdns_server
   */
  public String binary() {
    return binary;
  }

  /**
   * The server's log file in its directory.
   *
   * @param directory the server's directory
   * @return the log file
   */
  public Path logFile(Path directory) {
    return directory.resolve(logName);
  }

  /**
   * The configuration file's text.
   *
   * @param config what the server is told
   * @return named.conf, knot.conf, nsd.conf or pdns.conf
   */
  public String configuration(ServerConfig config) {
    return switch (this) {
      case BIND -> NamedConfig.write(config);
      case KNOT -> KnotConfig.write(config);
      case NSD -> NsdConfig.write(config);
      case POWERDNS -> PowerDnsConfig.write(config);
    };
  }

  /**
   * Writes the configuration into the server's directory (creating what the server does not create
   * itself) and returns the command line that runs it in the foreground (under the configuration's
   * launcher, if any).
   *
   * @param config what the server is told
   * @return the command line
   * @throws UncheckedIOException when the directory cannot be written
   */
  public List<String> prepare(ServerConfig config) {
    Path dir = config.directory();
    Path conf = dir.resolve(this == POWERDNS ? PowerDnsConfig.CONFIG_FILE : binary + ".conf");
    try {
      Files.createDirectories(dir);
      if (this == KNOT) {
        // knotd does not create its storage directory: every transfer would fail without it.
        Files.createDirectories(dir.resolve("db"));
      }
      if (this == BIND && config.catalogConsumer()) {
        // Nor does named create the directory of a catalog's member zones.
        Files.createDirectories(dir.resolve(NamedConfig.CATALOG_DIRECTORY));
      }
      Files.writeString(conf, configuration(config), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + this + " in " + dir, e);
    }
    if (this == POWERDNS) {
      // PowerDNS keeps its zones in its database, not in the configuration file.
      PowerDnsConfig.initialize(config);
    }
    List<String> command =
        switch (this) {
          case BIND -> NamedConfig.command(config, conf);
          case KNOT -> KnotConfig.command(conf);
          case NSD -> NsdConfig.command(conf);
          case POWERDNS -> PowerDnsConfig.command(dir);
        };
    if (config.launcher().isEmpty()) {
      return command;
    }
    List<String> launched = new ArrayList<>(config.launcher());
    launched.addAll(command);
    return List.copyOf(launched);
  }

  /**
   * Writes the configuration, starts the server and waits until it answers a query for its zone
   * (any answer: a secondary that has not transferred yet says SERVFAIL, which still shows that it
   * listens). Its directory is deleted when it is closed.
   *
   * @param label names it in failure messages
   * @param config what the server is told
   * @param readyTimeout how long it may take to answer
   * @return the running server
   */
  public ServerProcess start(String label, ServerConfig config, Duration readyTimeout) {
    return ServerProcess.start(
        label,
        prepare(config),
        config.directory(),
        config.listenAddress(),
        config.port(),
        logFile(config.directory()),
        config.zone(),
        readyTimeout);
  }
}
