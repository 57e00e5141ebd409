package io.github.secdns.benchmarks.e2e;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ResponderLimits;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded responder as a primary in its own JVM, so that its CPU time and memory are measured
 * from {@code /proc} exactly as those of knotd, nsd and named.
 *
 * <p>Arguments: {@code size seed port [notifyPort]}. It generates the zone itself (the same records
 * as the master file the peers load, built record by record into a sized builder: {@link
 * ZoneGenerator#generate}), publishes it, starts the responder on 127.0.0.1 and prints {@code
 * READY}. Commands on standard input, one per line: {@code publish} builds the next version with
 * one A record changed (sharing every other record instance), publishes it and prints {@code
 * PUBLISHED <serial> <buildNanos> <publishNanos> <publishedAtNanoTime>}. The responder is set up as
 * a host would: {@link PublishedZones} plus {@code configurations(...)}, so it folds every version
 * into its IXFR history in the background and, with a notify port, itself sends the NOTIFY to
 * 127.0.0.1 at that port (the secondary measured for convergence) once the new version's history
 * holds it (the full transfer renders in parallel); this class sends none; {@code quit} (or end of
 * input) closes the responder and exits. {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux,
 * shared with the measuring process.
 *
 * <p>With the system property {@code secdns.bench.sizeHint=false} it builds the version without
 * sizing the builder first. With the system properties {@code secdns.bench.xot.port}, {@code
 * secdns.bench.xot.chain} and {@code secdns.bench.xot.key} it also serves the zone over TLS (XoT)
 * on that port with that PEM certificate chain and key ({@code bench/run-xot.sh}).
 */
public final class EmbeddedPrimary {

  private EmbeddedPrimary() {}

  /**
   * Runs the primary until {@code quit}.
   *
   * @param args size, seed, port, optional NOTIFY port
   * @throws Exception on any failure (the harness reports the exit)
   */
  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    int port = Integer.parseInt(args[2]);
    // -Dsecdns.bench.sizeHint=false: the builder unsized (docs/BENCHMARKS.md: what the hint saves).
    ZoneSnapshot zone =
        ZoneGenerator.generate(
            size,
            1,
            seed,
            Boolean.parseBoolean(System.getProperty("secdns.bench.sizeHint", "true")));
    PublishedZones zones = new PublishedZones();
    zones.publish(zone);
    SecondaryDnsConfiguration.Builder builder =
        SecondaryDnsConfiguration.builder()
            .zone(ZoneGenerator.ORIGIN.toString())
            .addSecondaryNameServer("ns1.secondary.example")
            .addAclEntry("127.0.0.0/8", "loopback benchmark clients");
    if (args.length > 3) {
      builder.addNotifyTarget("127.0.0.1", Integer.parseInt(args[3]), null);
    }
    SecondaryDnsConfiguration config = builder.build();
    AxfrResponder.Builder responderBuilder = AxfrResponder.builder();
    String xotPort = System.getProperty("secdns.bench.xot.port");
    if (xotPort != null) {
      responderBuilder.xot(
          XotListener.builder(
                  new InetSocketAddress(
                      InetAddress.getLoopbackAddress(), Integer.parseInt(xotPort)))
              .identityFiles(
                  Path.of(System.getProperty("secdns.bench.xot.chain")),
                  Path.of(System.getProperty("secdns.bench.xot.key")))
              .build());
    }
    try (AxfrResponder responder =
        responderBuilder
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .zoneSource(zones)
            // ACL, IXFR and NOTIFY targets from the configuration; the default policy follows it.
            .configurations(
                origin -> origin.equals(config.zone()) ? Optional.of(config) : Optional.empty())
            .limits(ResponderLimits.defaults().withMaxConcurrentTransfers(64))
            .build()) {
      responder.start();
      System.out.println("READY");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("publish")) {
          long t0 = System.nanoTime();
          ZoneSnapshot next = ZoneGenerator.withOneChange(zone, (int) zone.serial().value() * 7919);
          long t1 = System.nanoTime();
          zones.publish(next);
          long t2 = System.nanoTime();
          zone = next;
          System.out.println(
              "PUBLISHED " + next.serial().value() + " " + (t1 - t0) + " " + (t2 - t1) + " " + t2);
          System.out.flush();
        }
      }
    }
  }
}
