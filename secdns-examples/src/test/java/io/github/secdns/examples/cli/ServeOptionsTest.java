package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

class ServeOptionsTest {

  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==";

  @TempDir Path dir;

  private static ServeOptions parse(String... args) throws UsageException {
    return ServeOptions.parse(List.of(args));
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void defaultsServeTheSampleOnLoopbackPort5353() throws Exception {
    ServeOptions o = parse();
    assertEquals(
        List.of(new ServeOptions.ZoneInput(Optional.empty(), ServeOptions.SAMPLE_ORIGIN)),
        o.zones());
    assertEquals(List.of(ServeOptions.DEFAULT_LISTEN), o.listen());
    assertEquals("127.0.0.1:5353", Addresses.format(o.listen().get(0)));
    assertEquals(List.of(), o.allow());
    assertEquals(List.of(), o.notifyTargets());
    assertEquals(Optional.empty(), o.tsig());
    assertEquals(Duration.ofSeconds(1), o.pollInterval());
    assertTrue(o.resolve().containsKey(Name.fromString("app.cdn.example.net.")));
    assertEquals(2, o.redirector().size());
  }

  @Test
  void everyFlag() throws Exception {
    ServeOptions o =
        parse(
            "--zone-file",
            "a.db",
            "--origin",
            "a.example",
            "--zone-file",
            "b.db",
            "--origin",
            "B.example.",
            "--listen",
            "127.0.0.1:0",
            "--listen",
            "[::1]:5300",
            "--allow",
            "192.0.2.0/24",
            "--allow",
            "2001:db8::1",
            "--notify",
            "127.0.0.1:5301",
            "--tsig",
            "hmac-sha512:xfr.key:" + SECRET,
            "--preset",
            "easydns",
            "--secondary-ns",
            "ns9.example.net",
            "--resolve",
            "cdn.example.net=192.0.2.9",
            "--redirector",
            "192.0.2.99",
            "--poll-interval",
            "50");
    assertEquals(
        List.of(
            new ServeOptions.ZoneInput(Optional.of(Path.of("a.db")), Name.fromString("a.example.")),
            new ServeOptions.ZoneInput(
                Optional.of(Path.of("b.db")), Name.fromString("b.example."))),
        o.zones());
    assertEquals(
        List.of("127.0.0.1:0", "[::1]:5300"), o.listen().stream().map(Addresses::format).toList());
    assertEquals(List.of("192.0.2.0/24", "2001:db8::1"), o.allow());
    assertEquals("127.0.0.1:5301", Addresses.format(o.notifyTargets().get(0)));
    assertEquals("hmac-sha512 key xfr.key. (secret not shown)", o.tsig().orElseThrow().toString());
    assertEquals(Optional.of("easydns"), o.preset());
    assertEquals(List.of("ns9.example.net"), o.secondaryNameServers().names());
    assertEquals(ServeOptions.Secondaries.Source.GIVEN, o.secondaryNameServers().source());
    assertTrue(o.resolve().containsKey(Name.fromString("cdn.example.net.")));
    assertEquals(1, o.redirector().size());
    assertEquals(Duration.ofMillis(50), o.pollInterval());
  }

  @Test
  void badFlags() {
    assertEquals(
        "serve: --zone-file and --origin come in pairs: 1 zone file(s), 0 origin(s)",
        error("--zone-file", "a.db"));
    assertEquals(
        "serve: zone A.EXAMPLE. given twice",
        error(
            "--zone-file",
            "a",
            "--origin",
            "a.example",
            "--zone-file",
            "b",
            "--origin",
            "A.EXAMPLE"));
    assertTrue(error("--allow", "192.0.2.0/33").startsWith("--allow: '192.0.2.0/33' is not an"));
    assertTrue(error("--notify", "127.0.0.1:0").startsWith("--notify: port 0 is outside"));
    assertTrue(error("--preset", "nope").startsWith("--preset: "));
    assertTrue(error("--poll-interval", "5").startsWith("--poll-interval: '5' is not"));
    assertEquals(
        "serve: takes only flags, but got 1 other argument(s); a zone file is given"
            + " as --zone-file FILE --origin ZONE",
        error("x.db"));
    assertTrue(error("--origin", "a..b", "--zone-file", "f").startsWith("--origin: "));
  }

  @Test
  void tsigErrorsNeverShowTheSecret() {
    for (String bad :
        List.of(
            "hmac-sha256:" + SECRET,
            "hmac-md5:k:" + SECRET,
            "nope:k:" + SECRET,
            "hmac-sha256:k:" + SECRET + "%%",
            "hmac-sha256:bad..name:" + SECRET)) {
      String message = error("--tsig", bad);
      assertTrue(message.startsWith("--tsig"), message);
      assertFalse(message.contains(SECRET), message);
      assertFalse(message.contains("c2VjcmV0"), message);
    }
  }

  @Test
  void settingsFile() throws Exception {
    Files.writeString(dir.resolve("example.com.zone"), ServedZone.sampleText());
    Path config = dir.resolve("serve.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "# secdns serve settings",
            "zone-file = example.com.zone",
            "origin    = example.com",
            "",
            "listen = 127.0.0.1:0",
            "listen = [::1]:0",
            "allow  = 10.0.0.0/8",
            "notify = 127.0.0.1:5300",
            "tsig   = hmac-sha256:xfr:" + SECRET,
            "poll-interval = 100"));
    ServeOptions o = parse("--config", config.toString());
    assertEquals(
        dir.resolve("example.com.zone").toAbsolutePath(), o.zones().get(0).file().orElseThrow());
    assertEquals(2, o.listen().size());
    assertEquals(List.of("10.0.0.0/8"), o.allow());
    assertEquals(1, o.notifyTargets().size());
    assertTrue(o.tsig().isPresent());
    assertEquals(Duration.ofMillis(100), o.pollInterval());

    // A flag on the command line replaces the file's values of that setting.
    ServeOptions overridden = parse("--config", config.toString(), "--listen", "127.0.0.2:0");
    assertEquals(
        List.of("127.0.0.2:0"), overridden.listen().stream().map(Addresses::format).toList());
    assertEquals(List.of("10.0.0.0/8"), overridden.allow());
  }

  @Test
  void badSettingsFilesNameTheLine() throws Exception {
    Path config = dir.resolve("bad.conf");
    Files.writeString(config, "listen = 127.0.0.1:0\nlisten 127.0.0.1:1\n");
    assertEquals(config + ":2: expected 'key = value'", error("--config", config.toString()));
    Files.writeString(config, "# c\nlisen = 127.0.0.1:0\n");
    assertTrue(
        error("--config", config.toString())
            .startsWith(
                config
                    + ":2: unknown key 'lisen'; keys: zone-file, origin, zone-dir, catalog, catalog-group,"));
    Files.writeString(config, "preset = easydns\npreset = dnsmadeeasy\n");
    assertEquals(
        config + ":2: 'preset' given more than once", error("--config", config.toString()));
    Files.writeString(config, "config = other.conf\n");
    assertTrue(error("--config", config.toString()).contains("unknown key 'config'"));
    Files.writeString(config, "allow =\n");
    assertEquals(config + ":1: 'allow' needs a value", error("--config", config.toString()));
    Files.writeString(config, "listen = 127.0.0.1\n");
    assertEquals(
        "--listen: '127.0.0.1' needs a port: ADDR:PORT", error("--config", config.toString()));
    assertTrue(
        error("--config", dir.resolve("missing.conf").toString())
            .startsWith("--config: cannot read "));
  }

  @Test
  void startupNotifyAndZoneDirectory() throws Exception {
    assertEquals(ServeOptions.StartupNotifying.DEFAULT, parse().startupNotify());
    assertEquals(20.0, parse().startupNotify().sendsPerSecond());
    assertEquals(
        ServeOptions.StartupNotifying.DEFAULT, parse("--startup-notify", "all").startupNotify());
    assertFalse(parse("--startup-notify", "off").startupNotify().enabled());
    assertEquals(5.0, parse("--startup-notify", "5").startupNotify().sendsPerSecond());
    assertTrue(
        error("--startup-notify", "fast")
            .startsWith("--startup-notify: 'fast' is not off, all or a number of NOTIFYs"));
    ServeOptions dirOnly = parse("--zone-dir", dir.toString());
    assertEquals(Optional.of(dir), dirOnly.zoneDir());
    assertTrue(dirOnly.zones().isEmpty(), "no bundled sample beside a zone directory");
    assertTrue(dirOnly.secondaryNameServers().none());
    assertEquals(
        "--zone-dir: " + dir.resolve("missing") + " is not a directory",
        error("--zone-dir", dir.resolve("missing").toString()));
    ServeOptions dirAndDb = parse("--zone-dir", dir.toString(), "--db", "jdbc:h2:mem:x");
    assertEquals(Optional.of(dir), dirAndDb.zoneDir());
    assertEquals(Optional.of("jdbc:h2:mem:x"), dirAndDb.database());
    assertEquals(
        "--catalog does not go with --db yet: serve the catalog with --zone-dir alone",
        error("--zone-dir", dir.toString(), "--db", "jdbc:h2:mem:x", "--catalog", "cat.example"));
  }
}
