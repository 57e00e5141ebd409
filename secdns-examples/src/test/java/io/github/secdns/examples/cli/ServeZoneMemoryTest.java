package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.PublishedZones;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

/**
 * What {@code serve --zone-dir} keeps per zone beside the zone's version (issue 13: 100,000 zones
 * in one process), measured by walking the object graph as the JVM lays it out (JOL): the
 * directory's entry, the map that finds the zone by name, its configuration and status. The figure
 * is printed; the assertion holds the bound: 205 octets a zone here, where a map each for the
 * configurations, the status lines, the directory's origins and its file names, a status object and
 * the file name's string per zone made 421 (229 before the status held its one client's and one
 * target's last event in place, which saves a 32-octet object each once they come: {@link
 * ServeZoneStateTest}; 253 before a zone kept its last export's version alone when the export found
 * nothing, {@link ServedZoneTest}, and shared its directory, flags and exporter in one object).
 */
class ServeZoneMemoryTest {

  static {
    // The directory holds lambdas (hidden classes), whose field offsets JOL reads its own way.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private static final int ZONES = 2_000;

  /** Beside its version, what a directory's zone may cost {@code serve}, in octets. */
  private static final long BOUND_PER_ZONE = 210;

  @TempDir Path dir;

  /** A zone of 20 records as issue 13 has them: SOA, two apex NS, then A, AAAA and TXT. */
  private static String zone(int z) {
    StringBuilder text =
        new StringBuilder(
            "@ 3600 IN SOA ns1.host.example. hostmaster.host.example. 2026120501 7200 3600"
                + " 1209600 300\n"
                + "@ 3600 IN NS ns1.host.example.\n"
                + "@ 3600 IN NS ns2.host.example.\n");
    for (int i = 0; i < 17; i++) {
      text.append("h").append(i).append(" 300 IN ");
      switch (i % 3) {
        case 0 -> text.append("A 10.").append(z >> 8).append('.').append(z & 255).append('.');
        case 1 -> text.append("AAAA 2001:db8::").append(Integer.toHexString(z)).append(':');
        default -> text.append("TXT \"v=spf1 include:host.example -all\" ; ");
      }
      text.append(i).append('\n');
    }
    return text.toString();
  }

  @Test
  void aDirectoryZoneCostsServeLittleBesideItsVersion() throws Exception {
    for (int z = 0; z < ZONES; z++) {
      Files.writeString(dir.resolve("z" + z + ".example.zone"), zone(z));
    }
    PublishedZones published = new PublishedZones();
    ServeZones zones = new ServeZones();
    ServeStatus status = new ServeStatus(Clock.systemUTC(), zones);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (ZoneDirectory directory =
        TestZoneDirectories.inMemory(dir, published, zones, status, print, print)) {
      directory.loadAll();
      assertEquals(ZONES, directory.servedCount(), () -> out.toString(StandardCharsets.UTF_8));
      assertEquals(ZONES, zones.size());

      long versions = GraphLayout.parseInstance(published).totalSize();
      long all = GraphLayout.parseInstance(published, directory, zones, status).totalSize();
      // What a status costs however many zones there are (its table of shared names) is not a
      // zone's: at 2,000 zones it would add 10 octets to each.
      long statusAlone =
          GraphLayout.parseInstance(new ServeStatus(Clock.systemUTC(), new ServeZones()))
              .totalSize();
      double perZone = (double) (all - versions - statusAlone) / ZONES;
      System.out.printf(
          "serve --zone-dir, %,d zones of 20 records: versions %,d octets, beside them %.1f octets"
              + " a zone%n",
          ZONES, versions, perZone);
      assertTrue(
          perZone <= BOUND_PER_ZONE,
          () -> perZone + " octets a zone beside its version, above " + BOUND_PER_ZONE);
    }
  }
}
