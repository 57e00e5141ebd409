package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.CommandLine.Option.flag;
import static io.github.secdns.examples.cli.CommandLine.Option.repeatable;
import static io.github.secdns.examples.cli.CommandLine.Option.value;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TsigAlgorithm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.xbill.DNS.Name;

/**
 * The settings of {@code serve}, from flags and an optional settings file (a flag given on the
 * command line replaces that setting's values from the file).
 */
record ServeOptions(
    List<ZoneInput> zones,
    List<InetSocketAddress> listen,
    List<String> allow,
    List<InetSocketAddress> notifyTargets,
    Optional<Tsig> tsig,
    Optional<String> preset,
    List<String> secondaryNameServers,
    Map<Name, Set<InetAddress>> resolve,
    List<InetAddress> redirector,
    Duration pollInterval,
    boolean quiet) {

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

  static final InetSocketAddress DEFAULT_LISTEN =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);
  static final List<String> DEFAULT_ALLOW = List.of("127.0.0.0/8", "::1");
  static final Name SAMPLE_ORIGIN = Name.fromConstantString("example.com.");

  /** The alias targets of the sample zone and their addresses: a fixed table, never real DNS. */
  static final Map<String, String> SAMPLE_RESOLUTIONS =
      Map.of("app.cdn.example.net", "192.0.2.10,2001:db8::10");

  /** The sample redirector addresses that URL records flatten to. */
  static final List<String> SAMPLE_REDIRECTOR = List.of("192.0.2.80", "2001:db8::80");

  static final List<CommandLine.Option> OPTIONS =
      List.of(
          repeatable(
              "zone-file",
              "FILE",
              "a zone file to serve, paired with --origin (default:"
                  + " the bundled sample zone example.com)"),
          repeatable("origin", "ZONE", "the zone of the --zone-file at the same position"),
          repeatable(
              "listen",
              "ADDR:PORT",
              "where to answer, IPv4 or [IPv6]; port 0 = any free"
                  + " port (default 127.0.0.1:5353)"),
          repeatable(
              "allow",
              "ADDR_OR_CIDR",
              "who may transfer, besides a preset's addresses" + " (default 127.0.0.0/8 and ::1)"),
          repeatable("notify", "ADDR:PORT", "send NOTIFY there at start and for each new serial"),
          value(
              "tsig",
              "ALGORITHM:NAME:BASE64SECRET",
              "require this TSIG key for transfers (with"
                  + " --allow: from those addresses only) and sign NOTIFY with it"),
          value(
              "preset",
              "ID",
              "take the secondary's name servers and ACL from a preset (see:"
                  + " secdns presets); its NOTIFY targets are shown, and notified only if also given"
                  + " with --notify"),
          repeatable(
              "secondary-ns",
              "NS",
              "the secondary name servers (default: the preset's, or" + " ns1/ns2.secondary.com)"),
          repeatable(
              "resolve",
              "NAME=ADDR[,ADDR]",
              "addresses of an ALIAS target (the sample's"
                  + " app.cdn.example.net has 192.0.2.10 and 2001:db8::10)"),
          repeatable(
              "redirector",
              "ADDR",
              "the URL redirector's addresses (default 192.0.2.80," + " 2001:db8::80)"),
          value(
              "poll-interval",
              "MILLIS",
              "how often zone files are checked for changes (default" + " 1000)"),
          value(
              "config",
              "FILE",
              "read these settings from a file: 'key = value' lines, keys"
                  + " being the flag names"),
          flag("quiet", "no progress lines while a large zone file loads"));

  /** Parses and checks the settings. */
  static ServeOptions parse(List<String> args) throws UsageException {
    CommandLine line = CommandLine.parse("serve", OPTIONS, args);
    if (!line.positionals().isEmpty()) {
      // The argument is not repeated: it may be a misplaced --tsig value holding a secret.
      throw new UsageException(
          "serve: takes only flags, but got "
              + line.positionals().size()
              + " other argument(s); a zone file is given as --zone-file FILE --origin ZONE");
    }
    Map<String, List<String>> file = new LinkedHashMap<>();
    if (line.has("config")) {
      List<CommandLine.Option> fileOptions =
          OPTIONS.stream().filter(o -> !o.name().equals("config")).toList();
      file =
          ConfigFile.read(
              Addresses.path(line.one("config").get(), "--config"),
              fileOptions,
              List.of("zone-file"));
    }
    Map<String, List<String>> fromFile = file;
    Function<String, List<String>> get =
        key -> line.has(key) ? line.all(key) : fromFile.getOrDefault(key, List.of());

    List<String> files = get.apply("zone-file");
    List<String> origins = get.apply("origin");
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
    if (zones.isEmpty()) {
      zones.add(new ZoneInput(Optional.empty(), SAMPLE_ORIGIN));
    }

    List<InetSocketAddress> listen = new ArrayList<>();
    for (String l : get.apply("listen")) {
      listen.add(Addresses.endpoint(l, "--listen", true));
    }
    if (listen.isEmpty()) {
      listen.add(DEFAULT_LISTEN);
    }
    List<String> allow = new ArrayList<>();
    for (String a : get.apply("allow")) {
      try {
        allow.add(AddressPrefix.parse(a.strip()).toString());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--allow: '" + a + "' is not an address or CIDR prefix (" + e.getMessage() + ")");
      }
    }
    List<InetSocketAddress> notify = new ArrayList<>();
    for (String n : get.apply("notify")) {
      notify.add(Addresses.endpoint(n, "--notify", false));
    }
    Optional<Tsig> tsig = Optional.empty();
    for (String t : get.apply("tsig")) {
      tsig = Optional.of(tsig(t));
    }
    Optional<String> preset = get.apply("preset").stream().findFirst();
    if (preset.isPresent()) {
      Configurations.preset(preset.get(), "--preset");
    }
    Map<Name, Set<InetAddress>> resolve =
        new TreeMap<>(
            Addresses.table(
                SAMPLE_RESOLUTIONS.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList(),
                "sample"));
    resolve.putAll(Addresses.table(get.apply("resolve"), "--resolve"));
    List<InetAddress> redirector = new ArrayList<>();
    List<String> redirectorText =
        get.apply("redirector").isEmpty() ? SAMPLE_REDIRECTOR : get.apply("redirector");
    for (String r : redirectorText) {
      redirector.add(Addresses.literal(r, "--redirector"));
    }
    Duration poll = Duration.ofSeconds(1);
    for (String p : get.apply("poll-interval")) {
      try {
        long millis = Long.parseLong(p.strip());
        if (millis < 10 || millis > 3_600_000) {
          throw new NumberFormatException();
        }
        poll = Duration.ofMillis(millis);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--poll-interval: '" + p + "' is not a number of milliseconds between 10 and 3600000");
      }
    }
    return new ServeOptions(
        List.copyOf(zones),
        List.copyOf(listen),
        List.copyOf(allow),
        List.copyOf(notify),
        tsig,
        preset,
        get.apply("secondary-ns"),
        resolve,
        List.copyOf(redirector),
        poll,
        line.has("quiet"));
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
