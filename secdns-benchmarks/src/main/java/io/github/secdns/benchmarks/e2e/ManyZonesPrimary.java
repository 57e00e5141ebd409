package io.github.secdns.benchmarks.e2e;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ResponderLimits;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.benchmarks.zone.SmallZones;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The embedded responder as a DNS host runs it, in its own JVM so that its memory and CPU are read
 * from {@code /proc} like those of knotd and nsd: many small zones read from the same master files
 * the peers load (parsed with dnsjava), each with its own configuration, in {@link PublishedZones}.
 *
 * <p>Arguments: {@code zonesDir count port notifyPort backgroundRate}. With a notify port other
 * than 0, every zone's configuration has 127.0.0.1 at that port as its NOTIFY target and the
 * startup fan-out is on (paced at {@code backgroundRate} per second, BIND's {@code
 * startup-notify-rate}); else there is no NOTIFY at all. It prints {@code READY <loadNanos>
 * <startNanos>} once every zone is servable; then, per line on standard input, {@code publish I}
 * publishes the next version of zone I (its apex A record changed) and prints {@code PUBLISHED I
 * <serial> <nanoTime>}; {@code quit} (or end of input) closes it. {@code System.nanoTime()} is
 * CLOCK_MONOTONIC on Linux, shared with the measuring process.
 */
public final class ManyZonesPrimary {

  private ManyZonesPrimary() {}

  /**
   * Runs the primary until {@code quit}.
   *
   * @param args zones directory, count, port, notify port (0: none), background NOTIFY rate
   * @throws Exception on any failure (the harness reports the exit)
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int port = Integer.parseInt(args[2]);
    int notifyPort = Integer.parseInt(args[3]);
    double backgroundRate = Double.parseDouble(args[4]);
    long t0 = System.nanoTime();
    PublishedZones zones = new PublishedZones();
    Map<Name, SecondaryDnsConfiguration> configurations = new HashMap<>(count * 2);
    // One configuration built from the host's settings, derived for each zone (as a host with
    // one configuration for many zones does): the settings are parsed and validated once.
    SecondaryDnsConfiguration.Builder settings =
        SecondaryDnsConfiguration.builder()
            .zone(SmallZones.origin(0).toString())
            .addSecondaryNameServer("ns1.secondary.example")
            .addAclEntry("127.0.0.0/8");
    if (notifyPort > 0) {
      settings.addNotifyTarget("127.0.0.1", notifyPort, null);
    }
    SecondaryDnsConfiguration template = settings.build();
    for (int i = 0; i < count; i++) {
      ZoneSnapshot zone = SmallZones.read(dir, i);
      zones.publish(zone);
      configurations.put(zone.origin(), template.forZone(zone.origin()));
    }
    long t1 = System.nanoTime();
    try (NotifySender notifier =
            NotifySender.builder()
                .attempts(2)
                .backgroundSendsPerSecond(notifyPort > 0 ? backgroundRate : 1)
                .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build();
        AxfrResponder responder =
            AxfrResponder.builder()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .zoneSource(zones)
                .configurations(origin -> Optional.ofNullable(configurations.get(origin)))
                .notifySender(notifier)
                .startupNotify(notifyPort > 0 ? StartupNotify.all() : StartupNotify.off())
                .limits(ResponderLimits.defaults().withMaxConcurrentTransfers(64))
                .build()) {
      responder.start();
      long t2 = System.nanoTime();
      System.out.println("READY " + (t1 - t0) + " " + (t2 - t1));
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.startsWith("publish ")) {
          int i = Integer.parseInt(line.substring("publish ".length()).trim());
          ZoneSnapshot next =
              SmallZones.withOneChange(zones.snapshot(SmallZones.origin(i)).orElseThrow());
          zones.publish(next);
          long published = System.nanoTime();
          System.out.println("PUBLISHED " + i + " " + next.serial().value() + " " + published);
          System.out.flush();
        }
      }
    }
  }
}
