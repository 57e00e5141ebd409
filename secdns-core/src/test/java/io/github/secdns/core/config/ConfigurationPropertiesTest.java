package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.WireParseException;

class ConfigurationPropertiesTest {

  /** Characters that make up both plausible and hostile form input. */
  private static final Gen<String> FORM_TEXT =
      Generate.pick(
              List.of(
                  "example.com",
                  "EXAMPLE.com.",
                  "ns1.secondary.com",
                  "ns1",
                  "*",
                  "..",
                  "-a.b",
                  "a_b.c",
                  "192.0.2.1",
                  "192.0.2.0/24",
                  "192.0.2.1/24",
                  "2001:db8::/32",
                  "::1",
                  "::ffff:1.2.3.4",
                  "fe80::1%eth0",
                  "300.0.0.1",
                  "",
                  " ",
                  "\u0000",
                  "é.example",
                  "x".repeat(70),
                  "hmac-sha256",
                  "hmac-md5",
                  "sha1",
                  "SGVsbG8=",
                  "%%%",
                  "/",
                  "1.2.3.4/33"))
          .mix(strings().allPossible().ofLengthBetween(0, 30), 40);

  private static final Gen<String> HOST =
      Generate.pick(
          List.of(
              "ns1.secondary.com",
              "ns2.secondary.com",
              "NS3.Secondary.com.",
              "dns1.easydns.com",
              "dns2.easydns.net",
              "ns5.dnsmadeeasy.com",
              "a.ns.example.org",
              "b.ns.example.org"));

  private static final Gen<String> PREFIX =
      Generate.pick(
          List.of(
              "192.0.2.1",
              "198.51.100.0/24",
              "203.0.113.7",
              "2001:db8::/32",
              "2001:db8:1::53",
              "10.0.0.0/8",
              "64.68.200.91"));

  private static final Gen<byte[]> SECRET =
      integers()
          .between(1, 64)
          .map(
              n -> {
                byte[] b = new byte[n];
                new Random(n * 7919L).nextBytes(b);
                // Printable secrets make a leak easy to spot in text.
                for (int i = 0; i < b.length; i++) {
                  b[i] = (byte) ('A' + Math.floorMod(b[i], 26));
                }
                return b;
              });

  /** A random valid configuration builder. */
  private static final Gen<SecondaryDnsConfiguration.Builder> VALID =
      lists()
          .of(HOST)
          .ofSizeBetween(1, 5)
          .zip(
              lists().of(PREFIX).ofSizeBetween(0, 4),
              SECRET,
              booleans().all(),
              longs().between(0, 1000),
              (hosts, prefixes, secret, flag, rev) -> {
                SecondaryDnsConfiguration.Builder b =
                    SecondaryDnsConfiguration.builder().zone(flag ? "Example.COM" : "example.com.");
                hosts.stream()
                    .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""))
                    .distinct()
                    .forEach(b::addSecondaryNameServer);
                prefixes.stream()
                    .distinct()
                    .forEach(p -> b.addAclEntry(p, flag ? "label " + p : null));
                b.addTsigKey(
                    "xfr-key.example.com",
                    flag ? "hmac-sha512" : null,
                    Base64.getEncoder().encodeToString(secret));
                if (!prefixes.isEmpty() && !prefixes.get(0).contains("/")) {
                  b.addNotifyTarget(
                      prefixes.get(0), flag ? 5353 : 53, flag ? "xfr-key.example.com" : null);
                }
                if (rev % 3 == 0) {
                  b.catalogMembership(
                      flag ? "Catalog.Example.NET" : "catalog.example.net.",
                      rev % 2 == 0 ? "tmpl-" + rev : null);
                }
                return b.ixfrEnabled(flag)
                    .xotPolicy(
                        List.of(XotPolicy.NOT_OFFERED, XotPolicy.ALLOWED, XotPolicy.REQUIRED)
                            .get((int) (rev % 3)))
                    .revision(rev)
                    .enabled(!flag)
                    .transferAuthentication(
                        flag
                            ? TransferAuthentication.ADDRESS_AND_KEY
                            : TransferAuthentication.ADDRESS);
              });

  @Test
  void toBuilderThenBuildGivesAnEqualConfiguration() {
    qt().forAll(VALID)
        .checkAssert(
            b -> {
              SecondaryDnsConfiguration c = b.build();
              SecondaryDnsConfiguration again = c.toBuilder().build();
              assertEquals(c, again);
              assertEquals(c.hashCode(), again.hashCode());
              assertEquals(c.toString(), again.toString());
            });
  }

  /** Zone names as text: valid ones, ones at or under the generator's catalog, and bad ones. */
  private static final Gen<Name> ZONE_FROM_TEXT =
      Generate.pick(
              List.of(
                  "z1.example.",
                  "Z1.Example",
                  "a_b.example.",
                  "-.example.",
                  "123.example.",
                  "example.net.",
                  "catalog.example.net.",
                  "CATALOG.Example.net",
                  "x.catalog.example.net.",
                  "y.x.Catalog.Example.NET.",
                  "*.example.",
                  "a\\.b.example.",
                  "\\195\\169.example.",
                  "sp\\032ace.example.",
                  ".",
                  "com.",
                  ("x".repeat(63) + ".").repeat(3) + "x".repeat(60) + ".",
                  ("x".repeat(63) + ".").repeat(3) + "x".repeat(61) + "."))
          .map(ConfigurationPropertiesTest::name);

  /** Names of arbitrary octets (dots, spaces, wildcards, backslashes, UTF-8) and lengths. */
  private static final Gen<Name> ZONE_FROM_OCTETS =
      lists()
          .of(
              lists()
                  .of(Generate.pick(List.of('a', 'Z', '0', '-', '_', '*', '.', ' ', '\\', 'é')))
                  .ofSizeBetween(1, 63))
          .ofSizeBetween(0, 6)
          .map(ConfigurationPropertiesTest::fromLabels);

  private static final Gen<Name> ZONE = ZONE_FROM_TEXT.mix(ZONE_FROM_OCTETS, 50);

  @Test
  void aConfigurationForAnotherZoneIsWhatTheBuilderGivesOrFailsTheSameWay() {
    qt().forAll(VALID, ZONE)
        .checkAssert(
            (b, zone) -> {
              SecondaryDnsConfiguration template = b.build();
              Object derived = outcome(() -> template.forZone(zone));
              Object built = outcome(() -> template.toBuilder().zone(zone.toString()).build());
              if (built instanceof ValidationException expected) {
                ValidationException actual = assertInstanceOf(ValidationException.class, derived);
                assertEquals(expected.problems(), actual.problems());
                assertEquals(expected.getMessage(), actual.getMessage());
              } else {
                SecondaryDnsConfiguration c =
                    assertInstanceOf(SecondaryDnsConfiguration.class, derived);
                assertEquals(built, c);
                assertEquals(built.hashCode(), c.hashCode());
                assertEquals(built.toString(), c.toString());
                assertEquals(
                    ((SecondaryDnsConfiguration) built).zone().toString(), c.zone().toString());
              }
            });
  }

  private static Object outcome(java.util.function.Supplier<SecondaryDnsConfiguration> build) {
    try {
      return build.get();
    } catch (ValidationException e) {
      return e;
    }
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** An absolute name of these labels (as UTF-8 octets), cut to the longest a name can be. */
  private static Name fromLabels(List<List<Character>> labels) {
    java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
    for (List<Character> label : labels) {
      StringBuilder text = new StringBuilder();
      label.forEach(text::append);
      byte[] octets = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int length = Math.min(63, octets.length);
      if (wire.size() + 1 + length + 1 > 255) {
        break;
      }
      wire.write(length);
      wire.write(octets, 0, length);
    }
    wire.write(0);
    try {
      return new Name(new DNSInput(wire.toByteArray()));
    } catch (WireParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void arbitraryInputOnlyEverRaisesTheDocumentedException() {
    qt().withExamples(2000)
        .forAll(lists().of(FORM_TEXT).ofSize(9), integers().between(-5, 70000))
        .checkAssert(
            (s, port) -> {
              try {
                SecondaryDnsConfiguration.builder()
                    .zone(s.get(0))
                    .addSecondaryNameServer(s.get(1), s.get(2))
                    .addSecondaryNameServer(s.get(3))
                    .addAclEntry(s.get(4), s.get(5))
                    .addTsigKey(s.get(6), s.get(7), s.get(8))
                    .addNotifyTarget(s.get(4), port, s.get(6))
                    .build();
              } catch (ValidationException expected) {
                assertFalse(expected.problems().isEmpty());
                expected.problems().forEach(p -> assertFalse(p.message().isBlank()));
              }
            });
  }

  @Test
  void nameServerOrderNeverChangesTheOutcome() {
    qt().forAll(lists().of(HOST).ofSizeBetween(1, 6), longs().all())
        .checkAssert(
            (hosts, seed) -> {
              List<String> shuffled = new ArrayList<>(hosts);
              Collections.shuffle(shuffled, new Random(seed));
              Object a = outcome(hosts);
              Object b = outcome(shuffled);
              if (a instanceof ValidationException validationException) {
                assertEquals(codes(validationException), codes((ValidationException) b));
              } else {
                assertEquals(a, b);
              }
            });
  }

  @Test
  void noSecretEverAppearsInTextOrErrors() {
    qt().forAll(SECRET, FORM_TEXT)
        .checkAssert(
            (secret, noise) -> {
              String b64 = Base64.getEncoder().encodeToString(secret);
              String raw = new String(secret, java.nio.charset.StandardCharsets.US_ASCII);
              try {
                SecondaryDnsConfiguration c =
                    SecondaryDnsConfiguration.builder()
                        .zone("example.com")
                        .addSecondaryNameServer(noise)
                        .addTsigKey("k", noise, b64)
                        .build();
                assertFalse(c.toString().contains(b64));
                assertFalse(secret.length >= 6 && c.toString().contains(raw));
                assertFalse(c.tsigKeys().toString().contains(b64));
              } catch (ValidationException e) {
                assertFalse(e.getMessage().contains(b64));
                assertFalse(secret.length >= 6 && e.getMessage().contains(raw));
              }
              // A secret that is not valid base64 must not be echoed either.
              String broken = b64 + "!";
              try {
                SecondaryDnsConfiguration.builder()
                    .zone("example.com")
                    .addSecondaryNameServer("ns.a.com")
                    .addTsigKey("k", null, broken)
                    .build();
              } catch (ValidationException e) {
                assertFalse(e.getMessage().contains(broken));
                assertFalse(e.getMessage().contains(b64));
              }
            });
  }

  private static Object outcome(List<String> hosts) {
    try {
      return SecondaryDnsConfiguration.builder()
          .zone("example.com")
          .secondaryNameServers(hosts)
          .addAclEntry("192.0.2.1")
          .build();
    } catch (ValidationException e) {
      return e;
    }
  }

  private static List<ProblemCode> codes(ValidationException e) {
    List<ProblemCode> codes = new ArrayList<>();
    e.problems().forEach(p -> codes.add(p.code()));
    Collections.sort(codes);
    return codes;
  }
}
