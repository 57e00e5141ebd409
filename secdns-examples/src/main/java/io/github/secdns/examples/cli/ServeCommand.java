package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.Severity;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.export.ExportFinding;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.lifecycle.DomainRegistration;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.lifecycle.LifecycleException;
import io.github.secdns.core.lifecycle.Notice;
import io.github.secdns.core.lifecycle.SecondaryDnsLifecycle;
import io.github.secdns.core.lifecycle.ZoneState;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * {@code serve}: an embedded primary. Reads zone files (or the bundled sample), exports them for
 * secondaries (ALIAS and URL flattened), serves them with the {@link AxfrResponder}, prints what to
 * tell the secondary provider and a {@code listening on ADDR:PORT} line per bound address, prints
 * every transfer, and publishes a new version (with NOTIFY) whenever a zone file changes. Runs
 * until its thread is interrupted.
 */
final class ServeCommand {

  static final String SYNOPSIS = "secdns serve [flags]";

  private ServeCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    ServeOptions options = ServeOptions.parse(args);
    ZoneExporter exporter = ZoneExporter.create(Clock.systemUTC());
    List<ServedZone> zones = new ArrayList<>();
    Map<Name, EnableResult> plans = new LinkedHashMap<>();
    for (ServeOptions.ZoneInput input : options.zones()) {
      ServedZone zone = new ServedZone(input, options, exporter, configuration(input, options));
      HostZoneFile.Loaded loaded = zone.read(out);
      EnableResult enabled = enable(zone.configuration(), loaded);
      zone.configuration(enabled.configuration());
      zone.export(loaded);
      zones.add(zone);
      plans.put(input.origin(), enabled);
    }

    Map<Name, SecondaryDnsConfiguration> configurations = new ConcurrentHashMap<>();
    PublishedZones published = new PublishedZones();
    for (ServedZone zone : zones) {
      configurations.put(zone.origin(), notifyingOnly(zone.configuration(), options));
      published.publish(zone.last().orElseThrow().snapshot());
    }
    MemoryRelease.afterLoad(); // loading needed a few times the zones' size for a moment
    AxfrResponder responder = null;
    Thread watcher = null;
    CountDownLatch stop = new CountDownLatch(1);
    try {
      // The responder does everything a zone's configuration asks for: the ACL and the
      // authentication mode (its default policy), TSIG verification and signing, IXFR from the
      // history of the versions published while it runs, and NOTIFY to the targets (once per
      // zone at start, then for each new serial once a secondary asking at once can get it).
      AxfrResponder.Builder b =
          AxfrResponder.builder()
              .zoneSource(published)
              .configurations(name -> Optional.ofNullable(configurations.get(name)))
              .notifications(
                  NotifySender.builder().listener(outcome -> out.println("notify " + outcome)))
              .listener(new PrintingListener(out));
      options.listen().forEach(b::listen);
      responder = b.build();
      try {
        responder.start();
      } catch (IOException e) {
        err.println(
            "serve: cannot listen on "
                + options.listen().stream().map(Addresses::format).collect(Collectors.joining(", "))
                + ": "
                + e.getMessage()
                + (options.listen().stream().anyMatch(a -> a.getPort() > 0 && a.getPort() < 1024)
                    ? " (ports below 1024 need root; try --listen 127.0.0.1:5353)"
                    : ""));
        return ExitCode.FAILED;
      }
      List<InetSocketAddress> bound = responder.boundAddresses();
      for (ServedZone zone : zones) {
        describe(zone, plans.get(zone.origin()), bound, options, out);
      }
      for (InetSocketAddress a : bound) {
        out.println("listening on " + Addresses.format(a));
      }
      out.flush();
      watcher =
          new Thread(
              () -> watch(zones, published, options, stop, out, err), "secdns-serve-zone-watcher");
      watcher.setDaemon(true);
      watcher.start();
      try {
        stop.await();
      } catch (InterruptedException e) {
        // Interrupted: the way to stop serving (Ctrl-C in the jar, a test's interrupt).
      }
      return ExitCode.OK;
    } finally {
      stop.countDown();
      if (watcher != null) {
        watcher.interrupt();
        joinQuietly(watcher);
      }
      if (responder != null) {
        responder.close(); // also closes its NOTIFY sender
      }
      out.println("stopped");
      out.flush();
    }
  }

  /** The zone's configuration from the preset or custom values and the flags. */
  static SecondaryDnsConfiguration configuration(ServeOptions.ZoneInput input, ServeOptions options)
      throws UsageException {
    SecondaryDnsConfiguration.Builder b =
        Configurations.start(
            input.origin().toString(), options.preset(), options.secondaryNameServers(), "serve");
    List<String> allow = options.allow().isEmpty() ? ServeOptions.DEFAULT_ALLOW : options.allow();
    for (String a : allow) {
      b.addAclEntry(a, options.allow().isEmpty() ? "demo default: this machine" : "--allow");
    }
    for (InetSocketAddress n : options.notifyTargets()) {
      b.addNotifyTarget(
          n.getAddress().getHostAddress(),
          n.getPort(),
          options.tsig().map(t -> t.name().toString()).orElse(null));
    }
    options
        .tsig()
        .ifPresent(
            t -> {
              b.addTsigKey(t.name().toString(), t.algorithm(), t.secretBase64());
              // With --allow the user named who may transfer: the key is needed on top (both).
              // Without
              // it the ACL is only the demo's "this machine" default, which is there so that an
              // unsigned dig works; with a key the key is the credential, from any address.
              b.transferAuthentication(
                  options.allow().isEmpty()
                      ? TransferAuthentication.KEY
                      : TransferAuthentication.ADDRESS_AND_KEY);
            });
    try {
      return b.build();
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
    List<NotifyTarget> asked =
        config.notifyTargets().stream()
            .filter(
                t -> options.notifyTargets().contains(new InetSocketAddress(t.address(), t.port())))
            .toList();
    if (asked.size() == config.notifyTargets().size()) {
      return config;
    }
    SecondaryDnsConfiguration.Builder b = config.toBuilder().notifyTargets(List.of());
    for (NotifyTarget t : asked) {
      b.addNotifyTarget(
          t.address().getHostAddress(), t.port(), t.keyName().map(Name::toString).orElse(null));
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

  private static void describe(
      ServedZone zone,
      EnableResult plan,
      List<InetSocketAddress> bound,
      ServeOptions options,
      PrintStream out) {
    ExportResult export = zone.last().orElseThrow();
    SecondaryDnsConfiguration c = zone.configuration();
    out.println(
        "Zone "
            + zone.origin()
            + " from "
            + zone.input().source()
            + ": serial "
            + export.serial()
            + ", "
            + export.snapshot().size()
            + " records for the secondaries");
    for (ExportFinding f : export.findings()) {
      out.println("  " + f.severity() + " " + f.code() + ": " + f.message());
    }
    out.println("Tell your secondary provider:");
    out.println(
        "  primary (transfer) server:    "
            + bound.stream().map(Addresses::format).collect(Collectors.joining(", ")));
    out.println("  zone:                         " + c.zone());
    out.println(
        "  allowed to transfer (ACL):    "
            + c.transferAcl().stream().map(AclEntry::toString).collect(Collectors.joining(", ")));
    SecondaryDnsConfiguration notifying = notifyingOnly(c, options);
    out.println(
        "  NOTIFY sent to:               "
            + (notifying.notifyTargets().isEmpty()
                ? "(none)"
                : notifying.notifyTargets().stream()
                    .map(Object::toString)
                    .collect(Collectors.joining(", "))));
    List<NotifyTarget> shownOnly =
        c.notifyTargets().stream().filter(t -> !notifying.notifyTargets().contains(t)).toList();
    if (!shownOnly.isEmpty()) {
      out.println(
          "  NOTIFY targets of the preset: "
              + shownOnly.stream().map(Object::toString).collect(Collectors.joining(", "))
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
    printDiagnostics(zone, export, out);
    out.println("Publish these name servers:");
    out.println("  apex NS set:  " + PlanCommand.join(plan.apexNs().after()));
    out.println(
        "  delegation:   from "
            + plan.delegation().from().map(PlanCommand::join).orElse("(unknown)")
            + " -> to "
            + PlanCommand.join(plan.delegation().to()));
    for (Notice n : plan.delegation().notices()) {
      out.println("  ! " + n.message());
    }
  }

  /**
   * What the diagnostics engine says from the configuration and the host's own facts alone (no name
   * server is asked here; {@code secdns check} does that): the notices and worse.
   */
  private static void printDiagnostics(ServedZone zone, ExportResult export, PrintStream out) {
    SecondaryDnsConfiguration c = zone.configuration();
    SOARecord soa = export.snapshot().soa();
    HostFacts facts =
        HostFacts.builder(Clock.systemUTC())
            .appliedRevision(c.revision())
            .dnssecEnabled(false)
            .primaryNameServers(zone.primaryNameServers())
            .primarySoa(
                new SoaData(
                    export.serial(),
                    soa.getRefresh(),
                    soa.getRetry(),
                    soa.getExpire(),
                    soa.getMinimum()))
            .build();
    List<Finding> findings =
        DiagnosticEngine.diagnose(c, facts, Observations.none()).findings().stream()
            .filter(f -> f.severity().compareTo(Severity.NOTICE) >= 0)
            .toList();
    out.println(
        "Diagnostics (configuration only; 'secdns check' asks the name servers):"
            + (findings.isEmpty() ? " nothing to report" : ""));
    for (Finding f : findings) {
      out.println("  [" + f.severity() + "] " + f.code() + ": " + f.message());
    }
  }

  private static void watch(
      List<ServedZone> zones,
      PublishedZones published,
      ServeOptions options,
      CountDownLatch stop,
      PrintStream out,
      PrintStream err) {
    try {
      while (!stop.await(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        for (ServedZone zone : zones) {
          if (!zone.fileChanged()) {
            continue;
          }
          try {
            ExportResult result = zone.export(zone.read(out));
            if (result.contentChanged()) {
              published.publish(result.snapshot());
              // The responder folds it into the IXFR history and then sends the NOTIFYs.
              out.println("published " + zone.origin() + " serial " + result.serial());
              out.flush();
            }
          } catch (UsageException | IllegalArgumentException e) {
            // IllegalArgumentException: PublishedZones refused the version (serial not greater).
            err.println(
                "serve: "
                    + e.getMessage()
                    + " (still serving serial "
                    + zone.last().map(ExportResult::serial).map(Object::toString).orElse("-")
                    + ")");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints every transfer and refusal, one line each, as the responder reports them. */
  private static final class PrintingListener implements TransferListener {
    private final PrintStream out;

    PrintingListener(PrintStream out) {
      this.out = out;
    }

    @Override
    public void completed(TransferStats s) {
      out.println(
          "transfer "
              + Type.string(s.request().qtype())
              + " "
              + s.request().zone()
              + " serial "
              + s.serial()
              + " to "
              + Addresses.format(s.request().client())
              + " over "
              + s.request().transport()
              + ": "
              + s.records()
              + " records in "
              + s.messages()
              + " messages");
    }

    @Override
    public void failed(TransferFailure f) {
      out.println(
          "transfer "
              + f.soFar().request().zone()
              + " to "
              + Addresses.format(f.soFar().request().client())
              + " failed: "
              + f.reason());
    }

    @Override
    public void refused(TransferRefusal r) {
      out.println(
          "refused "
              + r.qname().map(Name::toString).orElse("?")
              + " "
              + (r.qtype().isPresent() ? Type.string(r.qtype().getAsInt()) : "")
              + " from "
              + Addresses.format(r.client())
              + ": "
              + r.rcodeName()
              + " ("
              + r.reason()
              + ")");
    }
  }
}
