package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TsigAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The checked settings of {@code serve}, from its flags and an optional settings file (a flag given
 * on the command line replaces that setting's values from the file).
 *
 * @param zones the zones to serve
 * @param listen where to answer
 * @param allow the transfer ACL given with {@code --allow} (empty: the demo's default)
 * @param notifyTargets where to send NOTIFY
 * @param tsig the TSIG key transfers need
 * @param preset the secondary provider's preset
 * @param secondaryNameServers the secondary name servers: given, the demo's examples, or none
 * @param resolve the ALIAS targets' addresses
 * @param redirector the URL redirector's addresses
 * @param pollInterval how often zone files are checked for changes
 * @param endpointName the transfer endpoint's host name, told to secondary providers
 * @param endpointAddresses the transfer endpoint's addresses (empty: the listen addresses)
 * @param statusInterval how often a status line is printed; zero: never
 * @param quiet no progress lines while a zone file loads ({@code --quiet})
 * @param zoneDir the directory whose {@code *.zone} files are served ({@code --zone-dir})
 * @param startupNotify which NOTIFYs go out at start, and how fast ({@code --startup-notify})
 * @param tls the XoT listeners ({@code --tls-*}), if any
 * @param catalog the catalog zone listing the directory's zones ({@code --catalog}), if any
 * @param catalogGroup the group property of every member ({@code --catalog-group}), if any
 * @param database the JDBC URL of {@code --db}: versions and journals are kept there, and every
 *     zone it holds is served; empty: in memory only
 */
record ServeOptions(
    List<ZoneInput> zones,
    List<InetSocketAddress> listen,
    List<String> allow,
    List<InetSocketAddress> notifyTargets,
    Optional<Tsig> tsig,
    Optional<String> preset,
    Secondaries secondaryNameServers,
    Map<Name, Set<InetAddress>> resolve,
    List<InetAddress> redirector,
    Duration pollInterval,
    Optional<Name> endpointName,
    List<InetAddress> endpointAddresses,
    Duration statusInterval,
    boolean quiet,
    Optional<Path> zoneDir,
    StartupNotifying startupNotify,
    Optional<Tls> tls,
    Optional<Name> catalog,
    Optional<String> catalogGroup,
    Optional<String> database) {

  /**
   * The XoT (zone transfer over TLS) settings.
   *
   * @param listen where to accept TLS connections
   * @param certificate the PEM certificate chain file
   * @param key the PEM private key file
   * @param clientCa the PEM file of the authorities client certificates must chain to (mutual TLS),
   *     if any
   * @param required whether plain TCP transfers are refused ({@code --require-tls})
   */
  record Tls(
      List<InetSocketAddress> listen,
      Path certificate,
      Path key,
      Optional<Path> clientCa,
      boolean required) {}

  /**
   * {@code --startup-notify}: whether every zone is notified at start, and at how many NOTIFYs per
   * second per target (BIND's {@code startup-notify-rate}, default 20).
   *
   * @param enabled false for {@code off}
   * @param sendsPerSecond the pace per target
   */
  record StartupNotifying(boolean enabled, double sendsPerSecond) {
    /** BIND's default {@code startup-notify-rate}. */
    static final double BIND_RATE = 20;

    static final StartupNotifying DEFAULT = new StartupNotifying(true, BIND_RATE);
  }

  /** A zone to serve: a zone file, or the bundled sample zone when {@code file} is empty. */
  record ZoneInput(Optional<Path> file, Name origin) {
    String source() {
      return file.map(Path::toString).orElse("the bundled sample zone");
    }
  }

  /** A TSIG key from {@code --tsig}; the secret never appears in {@code toString()}. */
  record Tsig(String algorithm, Name name, String secretBase64) {
    @Override
    public String toString() {
      return algorithm + " key " + name + " (secret not shown)";
    }
  }

  /**
   * Where the secondary name servers come from, which decides what the served zone's apex NS set
   * is.
   *
   * @param names the names, empty for {@link Source#NONE}
   * @param source who chose them
   */
  record Secondaries(List<String> names, Source source) {

    /** Who chose the secondary name servers. */
    enum Source {
      /** {@code --preset} or {@code --secondary-ns}: added to the apex NS set. */
      GIVEN,
      /** The bundled demo's example secondaries (the seed article's), said so in the output. */
      DEMO_EXAMPLE,
      /** None: zone files are served exactly as written. */
      NONE
    }

    /** Whether the zones are served as written, their apex NS sets untouched. */
    boolean none() {
      return source == Source.NONE;
    }
  }

  static final InetSocketAddress DEFAULT_LISTEN =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);
  static final List<String> DEFAULT_ALLOW = List.of("127.0.0.0/8", "::1");
  static final Name SAMPLE_ORIGIN = Name.fromConstantString("example.com.");

  /** The alias targets of the sample zone and their addresses: a fixed table, never real DNS. */
  static final Map<String, String> SAMPLE_RESOLUTIONS =
      Map.of("app.cdn.example.net", "192.0.2.10,2001:db8::10");

  /** The sample redirector addresses that URL records flatten to. */
  static final List<String> SAMPLE_REDIRECTOR = List.of("192.0.2.80", "2001:db8::80");

  /** The secondary name servers of the seed article's example: the demo's, never a real zone's. */
  static final List<String> EXAMPLE_SECONDARIES = List.of("ns1.secondary.com", "ns2.secondary.com");

  /**
   * Parses and checks the settings of {@code serve} (the arguments after the command name).
   *
   * @throws UsageException one line, never repeating a TSIG secret
   */
  static ServeOptions parse(List<String> args) throws UsageException {
    ServeCommand flags = new ServeCommand(Io.none());
    ParseResult parsed = Parsers.parse(flags, args);
    return of(flags, parsed, args);
  }

  /**
   * Checks the parsed flags, filling the ones not given from the settings file.
   *
   * @param flags the command's flags as picocli set them
   * @param parsed what was given on the command line
   * @param inputs the raw arguments, whose secrets messages must not repeat
   */
  static ServeOptions of(ServeCommand flags, ParseResult parsed, List<String> inputs)
      throws UsageException {
    List<String> secretCandidates = new ArrayList<>(inputs);
    try {
      String config = flags.config;
      if (config != null) {
        secretCandidates.addAll(fillFromSettingsFile(flags, config, parsed));
      }
      return check(flags);
    } catch (UsageException e) {
      throw Secrets.redact(e, secretCandidates);
    }
  }

  /**
   * Sets every flag the command line did not give from the settings file; returns the file's
   * arguments.
   */
  private static List<String> fillFromSettingsFile(
      ServeCommand flags, String config, ParseResult parsed) throws UsageException {
    Path file = Addresses.path(config, "--config");
    List<String> fileArgs =
        SettingsFile.arguments(
            file,
            flags.spec,
            Set.of("--config"),
            Set.of("zone-file", "zone-dir", "tls-cert", "tls-key", "tls-client-ca"));
    ServeCommand fromFile = new ServeCommand(Io.none());
    ParseResult fileParsed;
    try {
      fileParsed = Parsers.parse(fromFile, fileArgs);
    } catch (UsageException e) {
      throw new UsageException(file + ": " + e.getMessage());
    }
    for (OptionSpec o : fileParsed.matchedOptions()) {
      if (!parsed.hasMatchedOption(o.longestName())) {
        flags.spec.findOption(o.longestName()).setValue(o.getValue());
      }
    }
    return fileArgs;
  }

  private static ServeOptions check(ServeCommand flags) throws UsageException {
    if (!flags.unexpected.isEmpty()) {
      // The argument is not repeated: it may be a misplaced --tsig value holding a secret.
      throw new UsageException(
          "serve: takes only flags, but got "
              + flags.unexpected.size()
              + " other argument(s); a zone file is given as --zone-file FILE --origin ZONE");
    }
    List<String> files = flags.zoneFiles;
    List<String> origins = flags.origins;
    if (files.size() != origins.size()) {
      throw new UsageException(
          "serve: --zone-file and --origin come in pairs: "
              + files.size()
              + " zone file(s), "
              + origins.size()
              + " origin(s)");
    }
    List<ZoneInput> zones = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Name origin = Addresses.name(origins.get(i), "--origin");
      if (zones.stream().anyMatch(z -> z.origin().equals(origin))) {
        throw new UsageException("serve: zone " + origin + " given twice");
      }
      zones.add(new ZoneInput(Optional.of(Addresses.path(files.get(i), "--zone-file")), origin));
    }
    Optional<Path> zoneDir = Optional.empty();
    if (flags.zoneDir != null) {
      Path dir = Addresses.path(flags.zoneDir, "--zone-dir");
      if (!java.nio.file.Files.isDirectory(dir)) {
        throw new UsageException("--zone-dir: " + dir + " is not a directory");
      }
      zoneDir = Optional.of(dir);
    }
    // With --db the database's zones are served: the sample only when there is neither.
    boolean sample = zones.isEmpty() && zoneDir.isEmpty() && flags.database == null;
    Optional<Name> catalog = Optional.empty();
    if (flags.catalog != null) {
      if (zoneDir.isEmpty()) {
        throw new UsageException("--catalog needs --zone-dir DIR (the catalog lists its zones)");
      }
      if (flags.database != null) {
        // The catalog is produced and served in memory, beside the database's zones: every node
        // on the database would need the same catalog, labels and removal brake.
        throw new UsageException(
            "--catalog does not go with --db yet: serve the catalog with --zone-dir alone");
      }
      catalog = Optional.of(Addresses.name(flags.catalog, "--catalog"));
    }
    Optional<String> catalogGroup = Optional.ofNullable(flags.catalogGroup).map(String::strip);
    if (catalogGroup.isPresent()) {
      if (catalog.isEmpty()) {
        throw new UsageException("--catalog-group needs --catalog NAME");
      }
      Optional<String> problem =
          io.github.secdns.core.config.CatalogMembership.groupProblem(catalogGroup.get());
      if (problem.isPresent()) {
        throw new UsageException("--catalog-group: " + problem.get());
      }
    }
    if (sample) {
      zones.add(new ZoneInput(Optional.empty(), SAMPLE_ORIGIN));
    }

    List<InetSocketAddress> listen = new ArrayList<>();
    for (String l : flags.listen) {
      listen.add(Addresses.endpoint(l, "--listen", true));
    }
    if (listen.isEmpty()) {
      listen.add(DEFAULT_LISTEN);
    }
    List<String> allow = new ArrayList<>();
    for (String a : flags.transfer.allow) {
      try {
        allow.add(AddressPrefix.parse(a.strip()).toString());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--allow: '" + a + "' is not an address or CIDR prefix (" + e.getMessage() + ")");
      }
    }
    List<InetSocketAddress> notify = flags.transfer.notifyTargets();
    Optional<Tsig> tsig = flags.tsig.key();
    Optional<String> preset = flags.secondary.preset();
    if (preset.isPresent()) {
      Configurations.preset(preset.get(), "--preset");
    }
    Secondaries secondaries =
        flags.secondary.given()
            ? new Secondaries(List.copyOf(flags.secondary.secondaryNs), Secondaries.Source.GIVEN)
            : sample
                ? new Secondaries(EXAMPLE_SECONDARIES, Secondaries.Source.DEMO_EXAMPLE)
                : new Secondaries(List.of(), Secondaries.Source.NONE);
    Map<Name, Set<InetAddress>> resolve =
        new TreeMap<>(
            Addresses.table(
                SAMPLE_RESOLUTIONS.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList(),
                "sample"));
    resolve.putAll(Addresses.table(flags.resolve, "--resolve"));
    List<InetAddress> redirector = new ArrayList<>();
    for (String r : flags.redirector.isEmpty() ? SAMPLE_REDIRECTOR : flags.redirector) {
      redirector.add(Addresses.literal(r, "--redirector"));
    }
    Duration poll =
        flags.pollInterval == null
            ? Duration.ofSeconds(1)
            : Duration.ofMillis(
                number(
                    flags.pollInterval,
                    10,
                    3_600_000,
                    "--poll-interval",
                    "a number of milliseconds"));
    Optional<Name> endpointName = Optional.empty();
    if (flags.endpointName != null) {
      endpointName = Optional.of(Addresses.name(flags.endpointName, "--endpoint-name"));
    }
    List<InetAddress> endpointAddresses = new ArrayList<>();
    for (String a : flags.endpointAddresses) {
      endpointAddresses.add(Addresses.literal(a, "--endpoint-address"));
    }
    Duration status =
        flags.statusInterval == null
            ? Duration.ZERO
            : Duration.ofSeconds(
                number(
                    flags.statusInterval, 0, 86_400, "--status-interval", "a number of seconds"));
    return new ServeOptions(
        List.copyOf(zones),
        List.copyOf(listen),
        List.copyOf(allow),
        List.copyOf(notify),
        tsig,
        preset,
        secondaries,
        resolve,
        List.copyOf(redirector),
        poll,
        endpointName,
        List.copyOf(endpointAddresses),
        status,
        flags.quiet,
        zoneDir,
        startupNotify(flags.startupNotify),
        tls(flags),
        catalog,
        catalogGroup,
        Optional.ofNullable(flags.database));
  }

  /** The {@code --tls-*} flags: all or nothing, named when one is missing. */
  private static Optional<Tls> tls(ServeCommand flags) throws UsageException {
    if (flags.tlsListen.isEmpty()) {
      for (String given :
          new String[] {
            flags.tlsCert == null ? null : "--tls-cert",
            flags.tlsKey == null ? null : "--tls-key",
            flags.tlsClientCa == null ? null : "--tls-client-ca",
            flags.requireTls ? "--require-tls" : null
          }) {
        if (given != null) {
          throw new UsageException(given + " needs --tls-listen ADDR:PORT (the XoT listener)");
        }
      }
      return Optional.empty();
    }
    if (flags.tlsCert == null || flags.tlsKey == null) {
      throw new UsageException(
          "--tls-listen needs --tls-cert FILE and --tls-key FILE (PEM certificate chain and key)");
    }
    List<InetSocketAddress> listen = new ArrayList<>();
    for (String l : flags.tlsListen) {
      listen.add(Addresses.endpoint(l, "--tls-listen", true));
    }
    Optional<Path> ca = Optional.empty();
    if (flags.tlsClientCa != null) {
      ca = Optional.of(Addresses.path(flags.tlsClientCa, "--tls-client-ca"));
    }
    return Optional.of(
        new Tls(
            List.copyOf(listen),
            Addresses.path(flags.tlsCert, "--tls-cert"),
            Addresses.path(flags.tlsKey, "--tls-key"),
            ca,
            flags.requireTls));
  }

  /** {@code off}, {@code all} (BIND's pace) or a number of NOTIFYs per second per target. */
  private static StartupNotifying startupNotify(@Nullable String text) throws UsageException {
    if (text == null || text.strip().equalsIgnoreCase("all")) {
      return StartupNotifying.DEFAULT;
    }
    if (text.strip().equalsIgnoreCase("off")) {
      return new StartupNotifying(false, StartupNotifying.BIND_RATE);
    }
    return new StartupNotifying(
        true,
        number(
            text,
            1,
            100_000,
            "--startup-notify",
            "off, all or a number of NOTIFYs per second per target"));
  }

  private static long number(String text, long min, long max, String flag, String what)
      throws UsageException {
    try {
      long n = Long.parseLong(text.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new UsageException(
        flag + ": '" + text + "' is not " + what + " between " + min + " and " + max);
  }

  /** {@code ALGORITHM:NAME:BASE64SECRET}; messages never repeat the value (it holds a secret). */
  static Tsig tsig(String text) throws UsageException {
    String[] parts = text.split(":", 3);
    if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
      throw new UsageException(
          "--tsig: expected ALGORITHM:NAME:BASE64SECRET, e.g."
              + " hmac-sha256:transfer-key:<base64> (value not shown: it holds a secret)");
    }
    String algorithm;
    try {
      algorithm = TsigAlgorithm.parse(parts[0].strip()).mnemonic();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--tsig: algorithm '" + parts[0].strip() + "': " + e.getMessage());
    }
    Name name = Addresses.name(parts[1], "--tsig key name");
    try {
      if (Base64.getDecoder().decode(parts[2].strip()).length == 0) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--tsig: the secret of key " + name + " is not base64 (value not shown)");
    }
    return new Tsig(algorithm, name, parts[2].strip());
  }
}
