package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerConfig.PrimaryZone;
import io.github.secdns.testsupport.servers.ServerKind;
import io.github.secdns.testsupport.servers.ZoneNames;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * A primary of many zones (the many-zones benchmark's shape), as each server's configuration says
 * it: every zone once with its own master file, the shared settings (transfer ACL, NOTIFY target)
 * once. The servers themselves read these in the benchmark's smoke run (bench/run-many-zones.sh).
 * The same for a secondary of many zones (every zone once, its primary once, the shared settings
 * once), which the servers read in the interop test of many zones (ManyZonesInteropTest).
 */
class ManyZonesConfigTest {

  private static final Path DIR = Path.of("/nonexistent/many");
  private static final InetSocketAddress SINK = new InetSocketAddress(Addresses.LOOPBACK_2, 5399);
  private static final InetSocketAddress PRIMARY =
      new InetSocketAddress(Addresses.LOOPBACK_1, 5399);

  private static ServerConfig config(int zones) {
    List<PrimaryZone> list = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      list.add(
          new PrimaryZone(
              ZoneNames.absolute("z" + i + ".example"), DIR.resolve("z" + i + ".example.zone")));
    }
    return ServerConfig.primary(DIR, Addresses.LOOPBACK_1, 5300, list)
        .withNotifyTargets(List.of(SINK));
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void everyZoneOnceWithItsFileAndTheSharedSettingsOnce() {
    ServerConfig config = config(3);
    assertEquals(ZoneNames.absolute("z0.example"), config.zone());
    assertEquals(DIR.resolve("z0.example.zone"), config.zoneFile());
    // PowerDNS runs as a secondary only (a catalog consumer): the primaries are the other three.
    for (ServerKind kind : List.of(ServerKind.BIND, ServerKind.KNOT, ServerKind.NSD)) {
      String text = kind.configuration(config);
      for (int i = 0; i < 3; i++) {
        // Once as the zone's name, once in its file's name.
        assertEquals(2, count(text, "z" + i + ".example"), kind + ":\n" + text);
        assertEquals(1, count(text, "/z" + i + ".example.zone\""), kind + ":\n" + text);
      }
      assertEquals(1, count(text, "127.0.0.2"), kind + " names the NOTIFY target once:\n" + text);
      assertEquals(1, count(text, "127.0.0.0/8"), kind + " has one transfer ACL:\n" + text);
    }
    assertThrows(IllegalArgumentException.class, () -> ServerKind.POWERDNS.configuration(config));
  }

  private static ServerConfig secondaryOf(int zones) {
    List<Name> names = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      names.add(ZoneNames.absolute("z" + i + ".example"));
    }
    return ServerConfig.secondary(
        DIR, names, Addresses.LOOPBACK_1, 5300, PRIMARY, Addresses.LOOPBACK_1);
  }

  @Test
  void aSecondaryOfManyZonesNamesEachZoneOnceAndItsPrimaryOnce() {
    ServerConfig config = secondaryOf(3);
    assertEquals(ZoneNames.absolute("z0.example"), config.zone());
    assertTrue(config.manyZoneSecondary());
    assertTrue(config.toString().contains("and 2 more"), config.toString());
    for (ServerKind kind : List.of(ServerKind.BIND, ServerKind.KNOT, ServerKind.NSD)) {
      String text = kind.configuration(config);
      for (int i = 0; i < 3; i++) {
        assertEquals(
            1,
            count(text, "\"z" + i + ".example\"") + count(text, "domain: z" + i + ".example.\n"),
            kind + " names z" + i + " once:\n" + text);
      }
      assertEquals(1, count(text, "127.0.0.1@5399") + count(text, "127.0.0.1 port 5399"), text);
      assertEquals(
          1,
          count(text, "allow-notify") + count(text, "action: notify"),
          kind + " has one NOTIFY ACL:\n" + text);
    }
    // Each zone in its own file.
    assertTrue(ServerKind.BIND.configuration(config).contains("file \"z2.example.db\";"));
    assertTrue(ServerKind.NSD.configuration(config).contains("zonefile: \"%s.zone\""));
    assertTrue(ServerKind.KNOT.configuration(config).contains("file: \"%s.zone\""));
    // BIND's limits for a few zones raised (see NamedConfig).
    assertTrue(
        ServerKind.BIND.configuration(config).contains("serial-query-rate 1000;"),
        ServerKind.BIND.configuration(config));
    assertThrows(IllegalArgumentException.class, () -> ServerKind.POWERDNS.configuration(config));
    assertThrows(IllegalStateException.class, () -> config.withCatalogConsumer(List.of()));
  }

  @Test
  void aSecondaryOfOneZoneIsWrittenAsBefore() {
    ServerConfig one = secondaryOf(1);
    ServerConfig single =
        ServerConfig.secondary(
            DIR,
            ZoneNames.absolute("z0.example"),
            Addresses.LOOPBACK_1,
            5300,
            PRIMARY,
            Addresses.LOOPBACK_1);
    for (ServerKind kind : List.of(ServerKind.BIND, ServerKind.KNOT, ServerKind.NSD)) {
      assertEquals(kind.configuration(single), kind.configuration(one), kind.toString());
      assertFalse(kind.configuration(one).contains("serial-query-rate"), kind.toString());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerConfig.secondary(
                DIR, List.of(), Addresses.LOOPBACK_1, 5300, PRIMARY, Addresses.LOOPBACK_1));
    Name twice = ZoneNames.absolute("z0.example");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerConfig.secondary(
                DIR,
                List.of(twice, ZoneNames.absolute("Z0.Example")),
                Addresses.LOOPBACK_1,
                5300,
                PRIMARY,
                Addresses.LOOPBACK_1));
  }

  @Test
  void aPrimaryServesAtLeastOneZone() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerConfig.primary(DIR, Addresses.LOOPBACK_1, 5300, List.of()));
    assertTrue(config(1).toString().contains("z0.example"));
  }
}
