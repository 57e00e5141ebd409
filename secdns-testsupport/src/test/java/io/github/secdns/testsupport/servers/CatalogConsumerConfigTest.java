package io.github.secdns.testsupport.servers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.Addresses;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration writers for catalog consumers (what the catalog interop test runs, verified
 * there against named, knotd and pdns_server): the lines each server needs, and what a server
 * cannot do refused before anything starts.
 */
class CatalogConsumerConfigTest {

  private static final Path DIR = Path.of("/tmp/secdns-config-test");
  private static final TsigSecret KEY = TsigSecret.generate("catalog-key.test", 1);

  private static ServerConfig consumer() {
    return ServerConfig.secondary(
            DIR,
            ZoneNames.absolute("catalog.test"),
            Addresses.LOOPBACK_1,
            20053,
            new InetSocketAddress(Addresses.LOOPBACK_1, 20054),
            Addresses.LOOPBACK_1)
        .withKey(KEY)
        .withCatalogConsumer(List.of("premium"));
  }

  @Test
  void namedConsumesTheCatalogFromItsPrimaryWithItsKey() {
    String conf = ServerKind.BIND.configuration(consumer());
    assertTrue(
        conf.contains(
            "catalog-zones {\n    zone \"catalog.test\" default-primaries { 127.0.0.1 port 20054"
                + " key \"catalog-key.test\"; } in-memory no zone-directory \"catzones\""
                + " min-update-interval 1;\n  };"),
        conf);
    assertTrue(conf.contains("zone \"catalog.test\" {\n  type secondary;"), conf);
    assertTrue(
        conf.contains("  transfers-in 100;\n  transfers-per-ns 100;\n  serial-query-rate 1000;\n"),
        "a catalog consumer may transfer its members in parallel: " + conf);
  }

  @Test
  void knotInterpretsTheCatalogWithATemplatePerGroup() {
    String conf = ServerKind.KNOT.configuration(consumer());
    assertTrue(
        conf.contains("catalog-role: interpret\n    catalog-template: [catalog-members, premium]"),
        conf);
    assertTrue(conf.contains("  - id: premium\n"), conf);
    assertTrue(conf.contains("file: \"%s.premium.zone\""), conf);
    assertTrue(conf.contains("  - id: catalog-members\n"), conf);
  }

  @Test
  void powerDnsIsASecondaryOfItsDatabase() {
    String conf = ServerKind.POWERDNS.configuration(consumer());
    assertTrue(conf.contains("launch=gsqlite3\n"), conf);
    assertTrue(conf.contains("secondary=yes\n"), conf);
    assertTrue(conf.contains("query-local-address=127.0.0.1\n"), conf);
    assertFalse(conf.contains(KEY.base64Secret()), "the key is imported with pdnsutil");
  }

  @Test
  void whatAServerCannotDoIsRefusedBeforeItStarts() {
    IllegalArgumentException nsd =
        assertThrows(
            IllegalArgumentException.class, () -> ServerKind.NSD.configuration(consumer()));
    assertTrue(nsd.getMessage().contains("4.9"), nsd.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerKind.POWERDNS.configuration(consumer().withSignedNotifyOnly()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerKind.POWERDNS.configuration(
                ServerConfig.primary(
                    DIR,
                    ZoneNames.absolute("z.test"),
                    Addresses.LOOPBACK_1,
                    20053,
                    DIR.resolve("z.zone"))));
    assertThrows(
        IllegalStateException.class,
        () ->
            ServerConfig.primary(
                    DIR,
                    ZoneNames.absolute("z.test"),
                    Addresses.LOOPBACK_1,
                    20053,
                    DIR.resolve("z.zone"))
                .withCatalogConsumer(List.of()));
  }
}
