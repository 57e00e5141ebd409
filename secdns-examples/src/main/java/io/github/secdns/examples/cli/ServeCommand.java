package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.export.ExportFinding;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.lifecycle.DomainRegistration;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.lifecycle.LifecycleException;
import io.github.secdns.core.lifecycle.Notice;
import io.github.secdns.core.lifecycle.SecondaryDnsLifecycle;
import io.github.secdns.core.lifecycle.ZoneState;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.ZoneStoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: an embedded primary. Reads zone files (or the bundled sample), exports them for
 * secondaries (ALIAS and URL flattened), serves them with the {@link AxfrResponder}, prints what to
 * tell the secondary provider and a {@code listening on ADDR:PORT} line per bound address, prints
 * every transfer, publishes a new version (with NOTIFY) whenever a zone file changes, and prints
 * status lines periodically and on demand. Runs until its thread is interrupted.
 *
 * <p>The fields are the flags as picocli sets them (strings, checked by {@link ServeOptions}).
 */
@Command(
    name = "serve",
    synopsisHeading = "usage: ",
    description = {
      "serve zones to secondaries by AXFR/IXFR until interrupted",
      "",
      "Default: the sample zone example.com on 127.0.0.1:5353. Zone files are served exactly as"
          + " written unless secondaries are configured (--preset, --secondary-ns): then their"
          + " name servers are added to the apex NS set. The bundled sample zone gets the seed"
          + " article's example secondaries ns1/ns2.secondary.com.",
      ""
    },
    sortOptions = false,
    footerHeading = "%n",
    footer = {
      "Flags that take addresses or names accept a comma list: --allow 192.0.2.0/24,2001:db8::/32.",
      "Without --allow only this machine may transfer (127.0.0.0/8 and ::1). A preset's NOTIFY",
      "targets are shown, and notified only if also given with --notify.",
      "",
      "settings file (--config FILE): one 'key = value' per line, keys = flag names,",
      "repeatable keys once per value, '#' comments; a flag on the command line replaces",
      "that key's values from the file; flags without a value (--quiet, --require-tls) stay",
      "on the command line; zone-file paths are relative to the file:",
      "  zone-file = example.com.zone",
      "  origin    = example.com",
      "  listen    = 127.0.0.1:5353",
      "  listen    = [::1]:5353",
      "  allow     = 192.0.2.0/24",
      "  notify    = 192.0.2.54:53",
      "Arguments can also come from a file: secdns serve @FILE (one argument per line or word).",
      "",
      "--tsig: transfers must be signed with the key (e.g. dig -y hmac-sha256:NAME:SECRET);",
      "without --allow the key alone authorizes a transfer from any address (mode KEY),",
      "with --allow the address must be allowed too (mode ADDRESS_AND_KEY). An unsigned",
      "transfer is REFUSED, a wrong key or signature gets NOTAUTH. NOTIFY is signed with it.",
      "No message repeats the secret; to keep it out of the process list, put it in the",
      "settings file or an @FILE.",
      "IXFR answers with the changes since the client's serial for every version published",
      "while serve runs (the full zone for older serials); NOTIFY goes to the targets once",
      "at start and for each new serial, once that serial can be transferred.",
      "",
      "Status: type 'status' (or 'status ZONE') and Enter on the standard input for one line",
      "per zone: serial and since when, the last transfer per client, the last NOTIFY outcome",
      "per target. --status-interval N prints a summary line every N seconds, followed by the",
      "zones that changed since the previous one. In the background, start serve with",
      "'< /dev/null' (a shell stops a background job that reads the terminal).",
      "",
      "--zone-dir DIR: every DIR/*.zone file is a zone named after the file; write files",
      "atomically (a temporary name not ending in .zone, then mv). A changed file needs a",
      "greater SOA serial, else the change is refused and the version served stays.",
      "",
      "XoT: --tls-listen 127.0.0.1:853 --tls-cert FILE --tls-key FILE; the certificate is",
      "re-read when its files change (write them with a rename) or when 'reload' is typed;",
      "a reload that fails keeps the certificate in use.",
      "",
      "--catalog NAME (with --zone-dir): a removal of more than 10 %% of the members is held",
      "back; type 'confirm-removal TOKEN' (the token is in the message) to let it through.",
      "",
      "Stopping: SIGTERM, SIGINT (Ctrl-C) or SIGHUP stops serve cleanly: it prints 'stopped'",
      "and exits 0; a second signal, or 10 s without an end, exits at once (128 + signal).",
      "Exit codes: 0 stopped, 2 bad input (one line on stderr), 3 could not start (address",
      "in use, database unreachable). Running it for many zones: docs/OPERATIONS.md."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--zone-file",
      paramLabel = "FILE",
      description = "a zone file to serve, paired with --origin (default: the bundled sample zone)")
  List<String> zoneFiles = new ArrayList<>();

  @Option(
      names = "--origin",
      paramLabel = "ZONE",
      description = "the zone of the --zone-file at the same position")
  List<String> origins = new ArrayList<>();

  @Option(
      names = "--zone-dir",
      paramLabel = "DIR",
      description =
          "serve every DIR/*.zone file (origin: the file name without .zone), following files"
              + " added, changed and removed while serving")
  @Nullable
  String zoneDir;

  @Option(
      names = "--catalog",
      paramLabel = "NAME",
      description =
          "with --zone-dir: also serve a catalog zone (RFC 9432) of this name listing every zone"
              + " of the directory, for secondaries that provision themselves from it")
  @Nullable
  String catalog;

  @Option(
      names = "--catalog-group",
      paramLabel = "NAME",
      description = "the group property of every member in the catalog (Knot: its template)")
  @Nullable
  String catalogGroup;

  @Option(
      names = "--startup-notify",
      paramLabel = "off|all|RATE",
      description =
          "NOTIFY every zone's targets at start: all (default, 20 per second per target, as"
              + " BIND's startup-notify-rate), RATE per second per target, or off")
  @Nullable
  String startupNotify;

  @Option(
      names = "--listen",
      paramLabel = "ADDR:PORT",
      split = ",",
      description =
          "where to answer, IPv4 or [IPv6]; port 0 = any free port (default 127.0.0.1:5353)")
  List<String> listen = new ArrayList<>();

  @Mixin TransferFlags transfer = new TransferFlags();

  @Option(
      names = "--tls-listen",
      paramLabel = "ADDR:PORT",
      split = ",",
      description =
          "also serve zone transfers over TLS (XoT, RFC 9103: TLS 1.3, ALPN dot) there; needs"
              + " --tls-cert and --tls-key")
  List<String> tlsListen = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "the XoT listener's certificate chain (PEM); re-read when it changes or on 'reload'")
  @Nullable
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "its private key (PEM)")
  @Nullable
  String tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "FILE",
      description = "require client certificates issued by these authorities (PEM; mutual TLS)")
  @Nullable
  String tlsClientCa;

  @Option(
      names = "--require-tls",
      description = "refuse zone transfers over plain TCP: XoT only (SOA queries still answered)")
  boolean requireTls;

  @Mixin TsigFlag tsig = new TsigFlag();

  @Mixin SecondaryFlags secondary = new SecondaryFlags();

  @Option(
      names = "--endpoint-name",
      paramLabel = "NAME",
      description =
          "the host name secondaries transfer from, shown first to the provider (its addresses:"
              + " --endpoint-address, default the listen addresses)")
  @Nullable
  String endpointName;

  @Option(
      names = "--endpoint-address",
      paramLabel = "ADDR",
      split = ",",
      description =
          "the transfer endpoint's addresses as providers reach it (default: the listen"
              + " addresses)")
  List<String> endpointAddresses = new ArrayList<>();

  @Option(
      names = "--resolve",
      paramLabel = "NAME=ADDR[,ADDR]",
      description =
          "addresses of an ALIAS target (the sample's app.cdn.example.net has 192.0.2.10 and"
              + " 2001:db8::10)")
  List<String> resolve = new ArrayList<>();

  @Option(
      names = "--redirector",
      paramLabel = "ADDR",
      split = ",",
      description = "the URL redirector's addresses (default 192.0.2.80, 2001:db8::80)")
  List<String> redirector = new ArrayList<>();

  @Option(
      names = "--poll-interval",
      paramLabel = "MILLIS",
      description = "how often zone files are checked for changes (default 1000)")
  @Nullable
  String pollInterval;

  @Option(
      names = "--status-interval",
      paramLabel = "SECONDS",
      description =
          "print a status summary and the zones that changed every SECONDS (default 0: only"
              + " when 'status' is typed)")
  @Nullable
  String statusInterval;

  @Option(names = "--quiet", description = "no progress lines while a large zone file loads")
  boolean quiet;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "keep versions and IXFR journals in this database (H2 or PostgreSQL; password from"
              + " SECDNS_DB_PASSWORD) and serve every zone it holds; zone files are published"
              + " into it")
  @Nullable
  String database;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "read these settings from a file: 'key = value' lines, keys being the flag names")
  @Nullable
  String config;

  @Parameters(hidden = true)
  List<String> unexpected = new ArrayList<>();

  private final Io io;

  ServeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    ServeOptions options =
        ServeOptions.of(
            this,
            spec.commandLine().getParseResult(),
            spec.commandLine().getParseResult().originalArgs());
    return run(options, io);
  }

  static int run(ServeOptions options, Io io) throws UsageException {
    if (options.database().isEmpty()) {
      return run(options, io, Optional.empty());
    }
    DatabaseServing database;
    try {
      database = DatabaseServing.open(options.database().get(), io.out(), io.err(), io.clock());
    } catch (Database.Unavailable e) {
      io.err().println("serve: " + e.getMessage());
      return ExitCode.FAILED;
    }
    try (database) {
      return run(options, io, Optional.of(database));
    }
  }

  /** Serves with the database given (tests give one whose store they watch); never closes it. */
  static int run(ServeOptions options, Io io, Optional<DatabaseServing> database)
      throws UsageException {
    // No thread of serve may block on its standard output (NonBlockingOutput says why); closed
    // last, it hands over what is still queued.
    try (PrintStream out = NonBlockingOutput.around(io.out(), io.err())) {
      return serve(options, new Io(io.in(), out, io.err(), io.clock()), database);
    }
  }

  private static int serve(ServeOptions options, Io io, Optional<DatabaseServing> database)
      throws UsageException {
    PrintStream out = io.out();
    PrintStream err = io.err();
    ZoneExporter exporter = ZoneExporter.create(Clock.systemUTC());
    List<ServedZone> zones = new ArrayList<>();
    Map<Name, Prepared> prepared = new LinkedHashMap<>();
    Map<Name, FindingsAhead> findingsAhead = new LinkedHashMap<>();
    // Every zone is configured from the same flags: built once per set of secondary names,
    // derived for the other zones (a zone directory's thousands of zones).
    ConfigurationTemplates templates = new ConfigurationTemplates(options, io.clock());
    for (ServeOptions.ZoneInput input : options.zones()) {
      ServedZone zone = new ServedZone(input, options, exporter);
      HostZoneFile.Loaded loaded = zone.read(out);
      Prepared p = prepare(zone, loaded, options, templates);
      prepared.put(input.origin(), p);
      database
          .flatMap(d -> d.stored(input.origin()))
          .ifPresent(s -> zone.storedVersion(s.snapshot()));
      // What is printed once the zone is servable, computed while this thread exports it and the
      // other core is idle (FindingsAhead says why).
      findingsAhead.put(
          input.origin(),
          FindingsAhead.start(
              new ZoneDiagnostics(
                  p.primaryNameServersToDiagnose(loaded.primaryNameServers()),
                  p.configuration(),
                  OptionalLong.of(notifyingOnly(p.configuration(), options).revision()),
                  endpoint(options, options.listen()),
                  p.preset().map(PresetApplication::preset),
                  loaded.zone().soa()),
              io.clock()));
      zone.export(loaded);
      zones.add(zone);
    }

    ServeZones served = new ServeZones();
    PublishedZones published = new PublishedZones();
    ServeStatus status = new ServeStatus(Clock.systemUTC(), served);
    // With --db the versions go into the database, and the responder serves the database.
    Publisher publisher = database.isPresent() ? database.get()::publish : published::publish;
    for (ServedZone zone : zones) {
      zone.serving(notifyingOnly(preparedFor(prepared, zone).configuration(), options));
      served.put(zone.origin(), zone);
      ZoneSnapshot version = zone.lastVersion().orElseThrow();
      publisher.publish(version);
      status.published(zone.origin(), version.serial());
    }
    ServeTls tls = options.tls().isPresent() ? ServeTls.of(options.tls().get()) : null;
    ZoneDirectory directory = null;
    ServeCatalog catalog = null;
    AxfrResponder responder = null;
    NotifySender notifier = null;
    NotifyLines notifyLines = null;
    TransferLines transferLines = null;
    Thread watcher = null;
    MemoryRelease.Release release = null;
    boolean listened = false; // "stopped" answers "listening on", not a start that failed
    CountDownLatch stop = new CountDownLatch(1);
    try {
      if (options.zoneDir().isPresent()) {
        directory =
            new ZoneDirectory(
                options.zoneDir().get(),
                options,
                exporter,
                templates,
                prepared.keySet(),
                database.isPresent()
                    ? database.get().directoryVersions(err)
                    : ZoneDirectory.inMemory(published),
                served,
                status,
                out,
                err);
        if (options.catalog().isPresent()) {
          catalog = catalog(options, published, served, status, io.clock(), out, err);
          directory.catalog(catalog);
        }
        directory.loadAll();
      }
      // The responder does everything a zone's configuration asks for: the ACL and the
      // authentication mode (its default policy), TSIG verification and signing, IXFR from the
      // history of the versions published while it runs, and NOTIFY to the targets (once per
      // zone at start, then for each new serial once a secondary asking at once can get it).
      TransferListener statusListener = status.listener();
      transferLines = TransferLines.start(out, err, statusListener);
      TransfersInFlight inFlight = new TransfersInFlight(transferLines);
      AxfrResponder.Builder b =
          AxfrResponder.builder()
              .zoneSource(database.isPresent() ? database.get().source() : published)
              .configurations(
                  name ->
                      served
                          .configuration(name)
                          .or(
                              () ->
                                  database.flatMap(
                                      d -> d.configurationOfStoredZone(name, options))))
              .listener(inFlight)
              .versionListener(
                  database.isPresent() ? database.get().printing(out) : VersionListener.NONE)
              .startupNotify(
                  !options.startupNotify().enabled()
                      ? StartupNotify.off()
                      : database.isPresent()
                          ? database.get().notifyDuty().startupNotify()
                          : StartupNotify.all());
      // The zones named on the command line (a few, often one big file) are rendered for a full
      // transfer at start, on a render thread: the first secondary usually asks right after
      // start, and the other core renders while this one finishes starting. Not a zone
      // directory's zones (there may be many): those render on their first transfer.
      Set<Name> named = Set.copyOf(prepared.keySet());
      b.renderAtStart(named::contains);
      database.ifPresent(d -> b.notifyLeadership(d.notifyDuty().leadership()));
      options.listen().forEach(b::listen);
      if (tls != null) {
        tls.listeners().forEach(b::xot);
      }
      try {
        notifyLines = NotifyLines.start(out, io.clock());
        NotifyLines lines = notifyLines;
        notifier =
            NotifySender.builder()
                .backgroundSendsPerSecond(options.startupNotify().sendsPerSecond())
                .listener(
                    outcome -> {
                      // The lines first: a 'status' that counts an outcome comes after it is
                      // counted for its notify line (or summary).
                      lines.onOutcome(outcome);
                      status.notified(outcome);
                    })
                .build();
        responder = b.notifySender(notifier).build();
        responder.start();
        listened = true;
        AxfrResponder started = responder;
        database.ifPresent(d -> d.notifyDuty().start(started, out));
      } catch (IOException e) {
        err.println(
            "serve: cannot listen on "
                + options.listen().stream().map(Addresses::format).collect(Collectors.joining(", "))
                + ": "
                + e.getMessage()
                + (options.listen().stream().anyMatch(a -> a.getPort() > 0 && a.getPort() < 1024)
                    ? " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability;"
                        + " try --listen 127.0.0.1:5353)"
                    : ""));
        return ExitCode.FAILED;
      }
      // Every zone present now (published, a directory's, the database's) can be transferred
      // once the responder reports it servable; the diagnostics below then get the configuration
      // revision it applies, and the database's serving lines are printed before what follows.
      awaitServableAtStart(responder);
      List<InetSocketAddress> bound = responder.boundAddresses();
      Optional<TransferEndpoint> endpoint = endpoint(options, bound);
      List<String> tlsLines =
          tls == null ? List.of() : tls.providerLines(responder.boundXotAddresses());
      for (ServedZone zone : zones) {
        describe(
            zone,
            preparedFor(prepared, zone),
            Optional.ofNullable(findingsAhead.get(zone.origin())),
            responder,
            bound,
            endpoint,
            tlsLines,
            options,
            io.clock(),
            out);
      }
      if (directory != null) {
        describe(
            directory, catalog, responder, bound, endpoint, tlsLines, options, io.clock(), out);
      }
      for (InetSocketAddress a : bound) {
        out.println("listening on " + Addresses.format(a));
      }
      for (InetSocketAddress a : responder.boundXotAddresses()) {
        out.println("listening for XoT (TLS) on " + Addresses.format(a));
      }
      out.flush();
      // Loading needed a few times the zones' size for a moment: given back once the renderings
      // begun at start are done (MemoryRelease says why not before them), and only now: its full
      // collection (and the management beans it loads) would otherwise delay "listening on" on a
      // machine of one core, where nothing renders at start (a zone directory). And only between
      // transfers (TransfersInFlight says why), waiting at most RELEASE_WAIT for a pause in them.
      release =
          MemoryRelease.afterLoad(
              responder
                  .renderedAtStart()
                  .thenCompose(
                      rendered ->
                          inFlight
                              .noneStreaming()
                              .completeOnTimeout(
                                  null, RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)));
      ZoneDirectory watched = directory;
      watcher =
          new Thread(
              () -> watch(zones, watched, tls, publisher, status, options, stop, out, err),
              "secdns-serve-zone-watcher");
      watcher.setDaemon(true);
      watcher.start();
      Commands commands = new Commands(status, tls, catalog);
      io.in().ifPresent(in -> readCommands(in, commands, out, err));
      stop.await();
      return ExitCode.OK;
    } catch (InterruptedException e) {
      // Interrupted: the way to stop serving (Ctrl-C in the jar, a test's interrupt).
      return ExitCode.OK;
    } finally {
      stop.countDown();
      if (watcher != null) {
        watcher.interrupt();
        joinQuietly(watcher);
      }
      if (release != null) {
        release.close();
      }
      if (responder != null) {
        responder.close();
      }
      if (notifier != null) {
        notifier.close();
      }
      if (transferLines != null) {
        // After the responder: its last events are printed now, before "stopped".
        transferLines.close();
      }
      if (notifyLines != null) {
        // After the sender: its last outcomes are in the summaries printed now.
        notifyLines.close();
      }
      if (directory != null) {
        directory.close();
      }
      if (listened) {
        out.println("stopped");
      }
      out.flush();
    }
  }

  /**
   * The catalog zone of {@code --catalog}: its configuration carries the same transfer settings as
   * every member (ACL, key, NOTIFY targets); the model needs a secondary name, {@code
   * consumer.invalid.} stands for the consumers (the catalog zone itself has NS {@code invalid.},
   * RFC 9432).
   */
  private static ServeCatalog catalog(
      ServeOptions options,
      PublishedZones published,
      ServeZones served,
      ServeStatus status,
      Clock clock,
      PrintStream out,
      PrintStream err)
      throws UsageException {
    Name name = options.catalog().orElseThrow();
    List<String> names =
        options.secondaryNameServers().none()
            ? List.of("consumer.invalid.")
            : options.secondaryNameServers().names();
    Configured configured =
        configuration(new ServeOptions.ZoneInput(Optional.empty(), name), options, names, clock);
    return new ServeCatalog(
        name,
        options.catalogGroup(),
        notifyingOnly(configured.configuration(), options),
        published,
        served,
        status,
        clock,
        out,
        err);
  }

  /**
   * A zone's configuration as the model holds it, the preset application it was pre-filled from,
   * and the enable plan (empty when the zone is served as written).
   */
  record Prepared(
      SecondaryDnsConfiguration configuration,
      Optional<PresetApplication> preset,
      Optional<EnableResult> plan) {

    /**
     * The zone's own name servers as the diagnostics get them. Served as written, the file's apex
     * NS set lists every server, primary or secondary, and the configuration names them all as its
     * secondaries (what the model needs): none is claimed a primary, or every one of them would be
     * reported as a secondary that is "one of the primary name servers".
     */
    List<Name> primaryNameServersToDiagnose(List<Name> apexNameServers) {
      return plan.isEmpty() ? List.of() : apexNameServers;
    }
  }

  /**
   * Configures a zone read from its file by the flags: served as written (the configuration only
   * carries the transfer settings) or, with secondaries given, enabled (their names join the apex
   * NS set of every export of {@code zone}). Pure but for {@code zone} (and the templates, which
   * are thread-safe): safe on any thread for different zones.
   *
   * @param templates where the configuration comes from: built from the flags, or derived from
   *     another zone's built from the same flags
   */
  static Prepared prepare(
      ServedZone zone,
      HostZoneFile.Loaded loaded,
      ServeOptions options,
      ConfigurationTemplates templates)
      throws UsageException {
    ServeOptions.ZoneInput input = zone.input();
    if (options.secondaryNameServers().none()) {
      // Served as written: nothing is added to the zone. The configuration only carries the
      // transfer settings to the responder; the model needs secondary names, and the zone's
      // own NS set is what lists every server that transfers it.
      Configured configured = templates.configured(input, ownNameServers(loaded, input));
      return new Prepared(configured.configuration(), configured.preset(), Optional.empty());
    }
    Configured configured = templates.configured(input, options.secondaryNameServers().names());
    EnableResult enabled = enable(configured.configuration(), loaded);
    zone.configuration(enabled.configuration());
    return new Prepared(enabled.configuration(), configured.preset(), Optional.of(enabled));
  }

  /** The zone file's own apex NS names; a zone without them cannot be served to secondaries. */
  private static List<String> ownNameServers(
      HostZoneFile.Loaded loaded, ServeOptions.ZoneInput input) throws UsageException {
    // A loop, not a stream: it runs for every zone of a directory.
    List<String> names = new ArrayList<>(loaded.primaryNameServers().size());
    for (Name ns : loaded.primaryNameServers()) {
      String name = ns.toString();
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new UsageException(
          input.source() + ": the zone " + input.origin() + " has no NS records at its apex");
    }
    return names;
  }

  /**
   * A zone's configuration and the application of the preset it was pre-filled from (empty without
   * {@code --preset}).
   */
  record Configured(SecondaryDnsConfiguration configuration, Optional<PresetApplication> preset) {}

  /**
   * The zone's configuration from the preset (its values of the clock's day) or the given secondary
   * names, and the flags.
   *
   * @param secondaryNames the secondary name servers (with a preset: replacing or supplying its
   *     names; empty keeps the preset's)
   */
  static Configured configuration(
      ServeOptions.ZoneInput input, ServeOptions options, List<String> secondaryNames, Clock clock)
      throws UsageException {
    Configurations.Prefilled prefilled =
        Configurations.start(
            input.origin().toString(), options.preset(), secondaryNames, "serve", clock);
    SecondaryDnsConfiguration.Builder b = prefilled.builder();
    boolean allowGiven = !options.allow().isEmpty();
    Configurations.addTransfers(
        b,
        allowGiven ? options.allow() : ServeOptions.DEFAULT_ALLOW,
        allowGiven ? "--allow" : "demo default: this machine",
        options.notifyTargets(),
        options.tsig(),
        allowGiven);
    if (options.tls().map(ServeOptions.Tls::required).orElse(false)) {
      b.xotPolicy(XotPolicy.REQUIRED);
    }
    try {
      return new Configured(b.build(), prefilled.application());
    } catch (ValidationException e) {
      throw Problems.usage("serve " + input.origin(), e);
    }
  }

  /**
   * The configuration the responder gets: the same, except that its NOTIFY targets are only the
   * ones given with {@code --notify}. A demo must not send datagrams to the addresses a preset
   * names (a provider's real servers) without being asked; they are shown, not contacted.
   */
  static SecondaryDnsConfiguration notifyingOnly(
      SecondaryDnsConfiguration config, ServeOptions options) {
    // A loop, not a stream: it runs for every zone of a directory, most with no target at all.
    List<NotifyTarget> asked = new ArrayList<>(config.notifyTargets().size());
    for (NotifyTarget t : config.notifyTargets()) {
      if (options.notifyTargets().contains(new InetSocketAddress(t.address(), t.port()))) {
        asked.add(t);
      }
    }
    if (asked.size() == config.notifyTargets().size()) {
      return config;
    }
    SecondaryDnsConfiguration.Builder b = config.toBuilder().notifyTargets(List.of());
    for (NotifyTarget t : asked) {
      b.addNotifyTarget(
          t.address().getHostAddress(),
          t.port(),
          t.keyName().map(Name::toString).orElse(null),
          t.provenance().orElse(null));
    }
    return b.build();
  }

  /**
   * Enables the configuration, assuming the domain is registered elsewhere and delegated to the
   * zone's own name servers (its apex NS records), as for a zone the host already serves.
   */
  private static EnableResult enable(SecondaryDnsConfiguration config, HostZoneFile.Loaded loaded)
      throws UsageException {
    List<String> primaries =
        loaded.primaryNameServers().stream().map(Name::toString).distinct().toList();
    try {
      ZoneState state =
          ZoneState.builder()
              .zone(config.zone().toString())
              .primaryNameServers(primaries)
              .apexNameServers(primaries)
              .registryDelegation(primaries)
              .registration(DomainRegistration.ELSEWHERE)
              .build();
      return SecondaryDnsLifecycle.enable(config, state);
    } catch (ValidationException e) {
      throw Problems.usage("serve " + config.zone(), e);
    } catch (LifecycleException e) {
      throw new UsageException("serve " + config.zone() + ": " + e.getMessage());
    }
  }

  /**
   * The transfer endpoint told to providers: {@code --endpoint-name} first, then the {@code
   * --endpoint-address}es or else the bound listen addresses that a provider could reach (not a
   * wildcard). Empty when there is neither.
   */
  static Optional<TransferEndpoint> endpoint(ServeOptions options, List<InetSocketAddress> bound) {
    List<InetAddress> addresses =
        !options.endpointAddresses().isEmpty()
            ? options.endpointAddresses()
            : bound.stream()
                .map(InetSocketAddress::getAddress)
                .filter(a -> !a.isAnyLocalAddress())
                .toList();
    if (options.endpointName().isEmpty() && addresses.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(TransferEndpoint.of(options.endpointName(), addresses));
  }

  /** How many zones of a zone directory are described in full at start; the others are counted. */
  static final int DESCRIBED_ZONES = 10;

  /**
   * How long the release of loading's memory waits, after the renderings at start, for a moment
   * with no transfer streaming: a server that never pauses still gives the memory back.
   */
  static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

  /**
   * Prints the zone directory's summary and describes its first {@value #DESCRIBED_ZONES} zones;
   * the others get the same settings, so a line counts them (a host with 100,000 zones does not get
   * 100,000 descriptions).
   */
  private static void describe(
      ZoneDirectory directory,
      @Nullable ServeCatalog catalog,
      AxfrResponder responder,
      List<InetSocketAddress> bound,
      Optional<TransferEndpoint> endpoint,
      List<String> tlsLines,
      ServeOptions options,
      Clock clock,
      PrintStream out) {
    int count = directory.servedCount();
    out.println(
        "Zone directory "
            + directory.dir()
            + ": "
            + count
            + (count == 1 ? " zone" : " zones")
            + " served, "
            + directory.skipped()
            + " file(s) skipped; files added, changed or removed are followed while serving");
    if (catalog != null) {
      out.println(
          "Catalog zone "
              + catalog.name()
              + " (RFC 9432 schema 2) lists them ("
              + catalog.members()
              + " members): configure it on your secondary as a catalog to consume (BIND"
              + " catalog-zones, Knot catalog-role interpret, PowerDNS consumer), transferred"
              + " with the same ACL and key");
    }
    for (ZoneDirectory.Served z : directory.firstServed(DESCRIBED_ZONES)) {
      describe(
          z.zone(),
          z.prepared(),
          Optional.empty(),
          responder,
          bound,
          endpoint,
          tlsLines,
          options,
          clock,
          out);
    }
    if (count > DESCRIBED_ZONES) {
      out.println(
          "... and "
              + (count - DESCRIBED_ZONES)
              + " more zones from "
              + directory.dir()
              + ", served with the same settings ('status ZONE' shows one)");
    }
  }

  /**
   * Prints what to tell the provider, the diagnostics and the plan of a zone; every value a preset
   * pre-filled is shown with the confidence of its source, and the preset's warnings first.
   */
  private static void describe(
      ServedZone zone,
      Prepared prepared,
      Optional<FindingsAhead> findingsAhead,
      AxfrResponder responder,
      List<InetSocketAddress> bound,
      Optional<TransferEndpoint> endpoint,
      List<String> tlsLines,
      ServeOptions options,
      Clock clock,
      PrintStream out) {
    SecondaryDnsConfiguration c = prepared.configuration();
    Optional<PresetApplication> applied = prepared.preset();
    Optional<EnableResult> plan = prepared.plan();
    ZoneSnapshot exported = zone.lastVersion().orElseThrow();
    // A file the database refused (its serial is not greater): what is served is the database's.
    Optional<ZoneSnapshot> instead = zone.servedInstead();
    ZoneSnapshot served = instead.orElse(exported);
    out.println(
        "Zone "
            + zone.origin()
            + " from "
            + zone.input().source()
            + ": serial "
            + served.serial()
            + instead
                .map(
                    i ->
                        " from the database (the file's serial "
                            + exported.serial()
                            + " was refused)")
                .orElse("")
            + ", "
            + served.size()
            + " records for the secondaries"
            + (plan.isEmpty() ? " (served as written)" : ""));
    for (ExportFinding f : zone.lastFindings()) {
      out.println("  " + f.severity() + " " + f.code() + ": " + f.message());
    }
    PresetText.printApplication(applied, "  ", out);
    Optional<ProviderPreset> preset = applied.<ProviderPreset>map(PresetApplication::preset);
    out.println("Tell your secondary provider:");
    for (String line : EndpointLines.lines(endpoint, bound, preset)) {
      out.println("  " + line);
    }
    for (String line : tlsLines) {
      out.println("  " + line);
    }
    out.println("  zone:                         " + c.zone());
    out.println("  allowed to transfer (ACL):    " + PresetText.acl(c.transferAcl()));
    SecondaryDnsConfiguration notifying = notifyingOnly(c, options);
    out.println(
        "  NOTIFY sent to:               "
            + (notifying.notifyTargets().isEmpty()
                ? "(none)"
                : PresetText.notifyTargets(notifying.notifyTargets())));
    List<NotifyTarget> shownOnly =
        c.notifyTargets().stream().filter(t -> !notifying.notifyTargets().contains(t)).toList();
    if (!shownOnly.isEmpty()) {
      out.println(
          "  NOTIFY targets of the preset: "
              + PresetText.notifyTargets(shownOnly)
              + " (not contacted by this demo; add --notify"
              + " ADDR:PORT to send them NOTIFY)");
    }
    out.println(
        "  TSIG:                         "
            + (c.tsigKeys().isEmpty()
                ? "(none)"
                : c.tsigKeys().stream()
                        .map(
                            k ->
                                k.algorithm().mnemonic()
                                    + " key "
                                    + k.name()
                                    + " (secret not shown)")
                        .collect(Collectors.joining(", "))
                    + switch (c.transferAuthentication()) {
                      case KEY -> "; transfers need the key, from any address";
                      case ADDRESS_AND_KEY -> "; transfers need the key and an allowed address";
                      case ADDRESS -> "";
                    }));
    printDiagnostics(
        new ZoneDiagnostics(
            prepared.primaryNameServersToDiagnose(zone.primaryNameServers()),
            c,
            appliedRevision(responder, zone.origin()),
            endpoint,
            preset,
            served.soa()),
        findingsAhead,
        clock,
        out);
    if (plan.isEmpty()) {
      out.println(
          "Secondary name servers: none configured; the zone is served exactly as written (apex"
              + " NS: "
              + zone.primaryNameServers().stream()
                  .map(Name::toString)
                  .collect(Collectors.joining(", "))
              + "). Give --preset ID or --secondary-ns NS to add a provider's.");
      return;
    }
    EnableResult enabled = plan.get();
    out.println("Publish these name servers:");
    if (applied.isPresent()) {
      out.println("  secondaries:  " + PresetText.nameServers(c));
    }
    out.println("  apex NS set:  " + PlanCommand.join(enabled.apexNs().after()));
    out.println(
        "  delegation:   from "
            + enabled.delegation().from().map(PlanCommand::join).orElse("(unknown)")
            + " -> to "
            + PlanCommand.join(enabled.delegation().to()));
    for (Notice n : enabled.delegation().notices()) {
      out.println("  ! " + n.message());
    }
    if (options.secondaryNameServers().source() == ServeOptions.Secondaries.Source.DEMO_EXAMPLE) {
      out.println(
          "  (demo: "
              + String.join(" and ", ServeOptions.EXAMPLE_SECONDARIES)
              + " are the seed article's example secondaries; a zone file given with --zone-file"
              + " is served as written unless --preset or --secondary-ns is given)");
    }
  }

  /**
   * What the diagnostics engine says from the configuration and the host's own facts alone (no name
   * server is asked here; {@code secdns check} does that): the notices and worse.
   */
  private static void printDiagnostics(
      ZoneDiagnostics diagnostics,
      Optional<FindingsAhead> findingsAhead,
      Clock clock,
      PrintStream out) {
    List<Finding> findings =
        findingsAhead.isPresent()
            ? findingsAhead.get().findings(diagnostics, clock)
            : diagnostics.findings(clock);
    out.println(
        "Diagnostics (configuration only; 'secdns check' asks the name servers):"
            + (findings.isEmpty() ? " nothing to report" : ""));
    for (Finding f : findings) {
      out.println("  " + CheckCommand.findingLine(f));
    }
  }

  /**
   * The configuration revision the responder applies to a zone (what the diagnostics compare with
   * the one saved); empty when it does not serve the zone or the zone has no configuration.
   */
  static OptionalLong appliedRevision(AxfrResponder responder, Name zone) {
    return responder
        .servedVersion(zone)
        .map(ServedVersion::configurationRevision)
        .orElseGet(OptionalLong::empty);
  }

  /**
   * Waits until every zone the responder held at start is servable ({@link
   * AxfrResponder#servableAtStart}).
   */
  static void awaitServableAtStart(AxfrResponder responder) throws InterruptedException {
    try {
      responder.servableAtStart().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Where a new version of a zone file goes: the in-memory zones, or the database. */
  @FunctionalInterface
  interface Publisher {
    void publish(ZoneSnapshot snapshot) throws UsageException;
  }

  private static void watch(
      List<ServedZone> zones,
      @Nullable ZoneDirectory directory,
      @Nullable ServeTls tls,
      Publisher published,
      ServeStatus status,
      ServeOptions options,
      CountDownLatch stop,
      PrintStream out,
      PrintStream err) {
    long statusEvery = options.statusInterval().toNanos();
    java.util.Set<ServedZone> unpublished = new java.util.HashSet<>();
    long nextStatus = System.nanoTime() + statusEvery;
    try {
      while (!stop.await(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        if (directory != null) {
          directory.poll();
        }
        if (tls != null) {
          tls.poll(out, err);
        }
        for (ServedZone zone : zones) {
          if (unpublished.contains(zone)) {
            // The database was down when this version was read: publish it now that it may be back.
            ZoneSnapshot pending = zone.lastVersion().orElseThrow();
            try {
              published.publish(pending);
              unpublished.remove(zone);
              out.println("published " + zone.origin() + " serial " + pending.serial());
              out.flush();
            } catch (ZoneStoreException | UsageException e) {
              // still down (reported once); tried again at the next poll
            }
          }
          if (!zone.fileChanged()) {
            continue;
          }
          try {
            ExportResult result = zone.export(zone.read(out));
            if (result.contentChanged()) {
              published.publish(result.snapshot());
              status.published(zone.origin(), result.serial());
              // The responder folds it into the IXFR history and then sends the NOTIFYs.
              out.println("published " + zone.origin() + " serial " + result.serial());
              out.flush();
            }
          } catch (ZoneStoreException e) {
            unpublished.add(zone);
            err.println(
                "serve: cannot publish "
                    + zone.origin()
                    + " into the database, retrying: "
                    + DatabaseServing.failure(e));
          } catch (UsageException | IllegalArgumentException e) {
            // IllegalArgumentException: PublishedZones refused the version (serial not greater).
            err.println(
                "serve: "
                    + e.getMessage()
                    + " (still serving serial "
                    + zone.lastVersion().map(ZoneSnapshot::serial).map(Object::toString).orElse("-")
                    + ")");
          }
        }
        if (statusEvery > 0 && System.nanoTime() - nextStatus >= 0) {
          nextStatus = System.nanoTime() + statusEvery;
          print(status.periodic(), out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads commands from the standard input on a daemon thread until it ends: {@code status} prints
   * every zone's status line, {@code status ZONE} one zone's. A read cannot be interrupted, so the
   * thread is not joined; it ends with the input (or the JVM).
   */
  /** What the standard-input commands act on: the status, the TLS listeners, the catalog. */
  private record Commands(
      ServeStatus status, @Nullable ServeTls tls, @Nullable ServeCatalog catalog) {}

  private static void readCommands(
      InputStream in, Commands commands, PrintStream out, PrintStream err) {
    ServeStatus status = commands.status();
    ServeTls tls = commands.tls();
    ServeCatalog catalog = commands.catalog();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  String[] words = line.strip().split("\\s+", -1);
                  if (tls != null && line.strip().equals("reload")) {
                    tls.reload(out, err);
                  } else if (catalog != null
                      && words[0].equals("confirm-removal")
                      && words.length == 2) {
                    out.println(catalog.confirm(words[1]));
                    out.flush();
                  } else {
                    command(line.strip(), status, out, tls != null, catalog != null);
                  }
                }
              } catch (IOException e) {
                // The input is gone: no more commands.
              }
            },
            "secdns-serve-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  /** What was prepared above for a zone being served: every served zone has an entry. */
  private static Prepared preparedFor(Map<Name, Prepared> byZone, ServedZone zone) {
    Prepared value = byZone.get(zone.origin());
    if (value == null) {
      throw new IllegalStateException(zone.origin() + " is served but was not prepared");
    }
    return value;
  }

  static void command(
      String line, ServeStatus status, PrintStream out, boolean reloadable, boolean catalog) {
    String[] words = line.strip().split("\\s+", -1);
    if (line.isEmpty()) {
      return;
    }
    if (!words[0].equals("status") || words.length > 2) {
      out.println(
          "commands: status, status ZONE"
              + (reloadable ? ", reload" : "")
              + (catalog ? ", confirm-removal TOKEN" : ""));
      return;
    }
    if (words.length == 1) {
      print(status.all(), out);
      return;
    }
    try {
      Name zone = Addresses.name(words[1], "status");
      out.println(status.zone(zone).orElse("status: " + zone + " is not served"));
    } catch (UsageException e) {
      out.println(Main.oneLine(e.getMessage()));
    }
  }

  private static void print(List<String> lines, PrintStream out) {
    // One print call per line: PrintStream is synchronized per call, so lines from the
    // responder's threads never tear a line, and the status block stays readable.
    lines.forEach(out::println);
    out.flush();
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
