package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.preset.PresetApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.Name;

/**
 * The configurations {@code serve} derives from a template per zone are those it would build from
 * the flags for that zone, and a zone refused is refused with the same message.
 */
class ConfigurationTemplatesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

  /** The flags every zone is configured from (a preset applies the clock's day). */
  private static final List<List<String>> FLAGS =
      List.of(
          List.of(),
          List.of("--allow", "192.0.2.0/24", "--notify", "127.0.0.1:5399"),
          List.of(
              "--tsig",
              "hmac-sha256:xfr.example:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==",
              "--notify",
              "127.0.0.1:5399"),
          List.of("--secondary-ns", "ns1.secondary.example,ns2.secondary.example"),
          List.of("--preset", "linode", "--allow", "127.0.0.1"));

  /** File names of a directory: plain, odd but valid, and refused by the configuration. */
  private static final Gen<String> ORIGIN =
      Generate.pick(
          List.of(
              "z1.example",
              "Z2.Example",
              "a_b.example",
              "123.example",
              "*.example",
              "a\\.b.example",
              "x\\032y.example",
              "com"));

  /** The apex NS names of zone files: shared host names, in-zone names, and bad host names. */
  private static final Gen<List<String>> OWN_NAMES =
      Generate.pick(
          List.of(
              List.of("ns1.host.example.", "ns2.host.example."),
              List.of("NS1.Host.example.", "ns2.host.example."),
              List.of("ns1.host.example."),
              List.of("ns1.z1.example."),
              List.of("ns_1.host.example."),
              List.of("ns1.host.example.", "-bad.host.example.")));

  @Test
  void derivedConfigurationsEqualTheOnesBuiltFromTheFlags() {
    qt().forAll(
            Generate.pick(FLAGS), lists().of(ORIGIN.zip(OWN_NAMES, Zone::new)).ofSizeBetween(1, 12))
        .checkAssert(
            (flags, zones) -> {
              ServeOptions options = options(flags);
              ConfigurationTemplates templates = new ConfigurationTemplates(options, CLOCK);
              for (Zone z : zones) {
                ServeOptions.ZoneInput input = z.input();
                List<String> names =
                    options.secondaryNameServers().none()
                        ? z.ownNames()
                        : options.secondaryNameServers().names();
                Object derived = outcome(() -> templates.configured(input, names));
                Object built =
                    outcome(() -> ServeCommand.configuration(input, options, names, CLOCK));
                assertSameOutcome(built, derived);
              }
            });
  }

  @Test
  void aPresetsDayAndWarningsAreThoseOfEveryZone() throws Exception {
    ServeOptions options = options(List.of("--preset", "linode", "--allow", "127.0.0.1"));
    ConfigurationTemplates templates = new ConfigurationTemplates(options, CLOCK);
    for (String origin : List.of("z1.example", "z2.example", "z3.example")) {
      ServeOptions.ZoneInput input = new Zone(origin, List.of()).input();
      List<String> names = options.secondaryNameServers().names();
      assertSameOutcome(
          ServeCommand.configuration(input, options, names, CLOCK),
          templates.configured(input, names));
    }
  }

  private record Zone(String origin, List<String> ownNames) {
    ServeOptions.ZoneInput input() {
      try {
        return new ServeOptions.ZoneInput(
            Optional.of(Path.of(origin + ".zone")), Name.fromString(origin + "."));
      } catch (org.xbill.DNS.TextParseException e) {
        throw new IllegalArgumentException(origin, e);
      }
    }
  }

  private static ServeOptions options(List<String> flags) {
    try {
      return ServeOptions.parse(flags);
    } catch (UsageException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Build {
    ServeCommand.Configured get() throws UsageException;
  }

  private static Object outcome(Build build) {
    try {
      return build.get();
    } catch (UsageException e) {
      return e;
    }
  }

  private static void assertSameOutcome(Object built, Object derived) {
    if (built instanceof UsageException expected) {
      UsageException actual = assertInstanceOf(UsageException.class, derived);
      assertEquals(expected.getMessage(), actual.getMessage());
      return;
    }
    ServeCommand.Configured b = (ServeCommand.Configured) built;
    ServeCommand.Configured d = assertInstanceOf(ServeCommand.Configured.class, derived);
    assertEquals(b.configuration(), d.configuration());
    assertEquals(b.configuration().toString(), d.configuration().toString());
    assertEquals(
        b.preset().map(ConfigurationTemplatesTest::shown),
        d.preset().map(ConfigurationTemplatesTest::shown));
  }

  /** What {@code serve} shows of a preset's application: its preset, day and warnings. */
  private static String shown(PresetApplication a) {
    return a.preset().id() + " " + a.day() + " " + a.warnings();
  }
}
