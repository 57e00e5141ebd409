package io.github.secdns.benchmarks.e2e;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ResponderLimits;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded responder with an XoT listener, in its own JVM (CPU and memory measured from {@code
 * /proc} like named's). Arguments: {@code size seed port tlsPort chain.pem key.pem}. It generates
 * the zone (the same records as the master file named loads), serves it on 127.0.0.1 over TCP at
 * {@code port} and over TLS at {@code tlsPort} (the zone allows both), prints {@code READY} and
 * runs until {@code quit} or the end of its input.
 */
public final class XotPrimary {

  private XotPrimary() {}

  /**
   * Runs the primary until {@code quit}.
   *
   * @param args size, seed, port, TLS port, certificate chain file, key file
   * @throws Exception on any failure (the harness reports the exit)
   */
  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    PublishedZones zones = new PublishedZones();
    zones.publish(ZoneGenerator.generate(size, 1, seed));
    SecondaryDnsConfiguration config =
        SecondaryDnsConfiguration.builder()
            .zone(ZoneGenerator.ORIGIN.toString())
            .addSecondaryNameServer("ns1.secondary.example")
            .addAclEntry("127.0.0.0/8", "loopback benchmark clients")
            .build();
    XotListener tls =
        XotListener.builder(new InetSocketAddress(loopback, Integer.parseInt(args[3])))
            .identityFiles(Path.of(args[4]), Path.of(args[5]))
            .build();
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(loopback, Integer.parseInt(args[2])))
            .xot(tls)
            .zoneSource(zones)
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
        // nothing else to do: the harness only transfers
      }
    }
  }
}
