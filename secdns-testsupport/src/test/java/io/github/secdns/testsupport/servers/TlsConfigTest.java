package io.github.secdns.testsupport.servers;

import static io.github.secdns.testsupport.Addresses.LOOPBACK_1;
import static io.github.secdns.testsupport.Addresses.LOOPBACK_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The TLS options of the shared configuration writers (XoT): what each server is told, and a
 * refusal where the server version cannot do it. The servers themselves run them in the interop
 * tests ({@code XotInteropTest}) and the XoT benchmark ({@code bench/run-xot.sh}).
 */
class TlsConfigTest {

  private static final Path DIR = Path.of("/tmp/secdns-config");
  private static final Name ZONE = ZoneNames.absolute("xot.test");
  private static final Path CA = Path.of("/tmp/ca.pem");

  private static ServerConfig primaryOverTls() {
    return ServerConfig.primary(DIR, ZONE, LOOPBACK_1, 5300, DIR.resolve("zone.db"))
        .withTlsListener(new TlsListener(8530, DIR.resolve("chain.pem"), DIR.resolve("key.pem")));
  }

  private static ServerConfig secondaryOverTls(PrimaryTls tls) {
    return ServerConfig.secondary(
            DIR, ZONE, LOOPBACK_2, 5301, new InetSocketAddress(LOOPBACK_1, 8530), LOOPBACK_2)
        .withPrimaryTls(tls);
  }

  @Test
  void namedServesOverTls13OnASecondListenerBesideThePlainOne() {
    String conf = ServerKind.BIND.configuration(primaryOverTls());
    assertTrue(
        conf.startsWith(
            """
            tls "xot-listener" {
              cert-file "/tmp/secdns-config/chain.pem";
              key-file "/tmp/secdns-config/key.pem";
              protocols { TLSv1.3; };
            };
            """),
        conf);
    assertTrue(conf.contains("  listen-on port 5300 { 127.0.0.1; };\n"), conf);
    assertTrue(conf.contains("  listen-on port 8530 tls \"xot-listener\" { 127.0.0.1; };\n"), conf);
  }

  @Test
  void namedPullsOverTlsInEachMode() {
    String opportunistic =
        ServerKind.BIND.configuration(secondaryOverTls(PrimaryTls.opportunistic()));
    assertTrue(opportunistic.startsWith("tls \"xot-primary\" {\n};\n"), opportunistic);
    assertTrue(
        opportunistic.contains("primaries { 127.0.0.1 port 8530 tls \"xot-primary\"; };"),
        opportunistic);

    String strict =
        ServerKind.BIND.configuration(secondaryOverTls(PrimaryTls.strict(CA, "xot.test")));
    assertTrue(
        strict.startsWith(
            """
            tls "xot-primary" {
              ca-file "/tmp/ca.pem";
              remote-hostname "xot.test";
            };
            """),
        strict);
    assertFalse(strict.contains("cert-file"), strict);

    String mutual =
        ServerKind.BIND.configuration(
            secondaryOverTls(
                PrimaryTls.strict(CA, "xot.test")
                    .withClientCertificate(
                        Path.of("/tmp/client.pem"), Path.of("/tmp/client.key"))));
    assertTrue(
        mutual.contains("  cert-file \"/tmp/client.pem\";\n  key-file \"/tmp/client.key\";\n};\n"),
        mutual);
  }

  @Test
  void nsdPullsOverTlsInStrictModeAndRefusesTheOthers() {
    String strict =
        ServerKind.NSD.configuration(secondaryOverTls(PrimaryTls.strict(CA, "xot.test")));
    assertTrue(strict.contains("    tls-cert-bundle: \"/tmp/ca.pem\"\n"), strict);
    assertTrue(
        strict.contains(
            "tls-auth:\n    name: \"xot-primary\"\n    auth-domain-name: \"xot.test\"\n"),
        strict);
    assertTrue(strict.contains("    request-xfr: 127.0.0.1@8530 NOKEY xot-primary\n"), strict);

    IllegalArgumentException opportunistic =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerKind.NSD.configuration(secondaryOverTls(PrimaryTls.opportunistic())));
    assertTrue(opportunistic.getMessage().contains("strict mode only"), opportunistic::getMessage);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerKind.NSD.configuration(
                secondaryOverTls(
                    PrimaryTls.strict(CA, "xot.test")
                        .withClientCertificate(CA, Path.of("/tmp/client.key")))));
    assertThrows(
        IllegalArgumentException.class, () -> ServerKind.NSD.configuration(primaryOverTls()));
  }

  @Test
  void knotHasNoXotAndNoConfigurationWithoutTlsChanges() {
    assertThrows(
        IllegalArgumentException.class, () -> ServerKind.KNOT.configuration(primaryOverTls()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerKind.KNOT.configuration(secondaryOverTls(PrimaryTls.opportunistic())));
    ServerConfig plain = ServerConfig.primary(DIR, ZONE, LOOPBACK_1, 5300, DIR.resolve("zone.db"));
    ServerConfig plainSecondary =
        ServerConfig.secondary(
            DIR, ZONE, LOOPBACK_2, 5301, new InetSocketAddress(LOOPBACK_1, 8530), LOOPBACK_2);
    for (ServerKind kind : ServerKind.values()) {
      // PowerDNS runs only as a secondary here (a catalog consumer).
      String conf = kind.configuration(kind == ServerKind.POWERDNS ? plainSecondary : plain);
      assertFalse(conf.contains("tls"), kind + "\n" + conf);
    }
  }

  @Test
  void halfStrictSettingsAndAPrimaryPullingOverTlsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PrimaryTls(
                java.util.Optional.of(CA),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty()));
    IllegalStateException primary =
        assertThrows(
            IllegalStateException.class,
            () ->
                ServerConfig.primary(DIR, ZONE, LOOPBACK_1, 5300, DIR.resolve("zone.db"))
                    .withPrimaryTls(PrimaryTls.opportunistic()));
    assertEquals("only a secondary pulls from a primary over TLS", primary.getMessage());
  }
}
