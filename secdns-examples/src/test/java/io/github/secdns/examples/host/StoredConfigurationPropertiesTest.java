package io.github.secdns.examples.host;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.XotPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.Name;

/**
 * A configuration saved in the host's tables reads back equal, every part of it: glue, ACL labels,
 * provenance (free text with tabs, line breaks, backslashes), XoT policy and catalog membership. A
 * restart, or a second process serving what another one edits, then serves the zone the same way.
 */
class StoredConfigurationPropertiesTest {

  static final Name ZONE = Name.fromConstantString("example.com.");

  @TempDir Path dir;

  /** Free text with the characters the columns' format must escape, and a few others. */
  static final Gen<String> TEXT =
      lists()
          .of(
              Generate.pick(
                  List.of("a", "Z", " ", "\t", "\n", "\r", "\\", "+", "é", "–", "t", "|")))
          .ofSizeBetween(0, 12)
          .map(l -> String.join("", l));

  static final Gen<Optional<Provenance>> PROVENANCE =
      booleans()
          .all()
          .zip(
              TEXT,
              integers().between(0, 3000),
              Generate.enumValues(Confidence.class),
              (present, source, day, confidence) ->
                  present
                      ? Optional.of(
                          new Provenance(
                              "https://provider.example/" + source,
                              LocalDate.of(2020, 1, 1).plusDays(day),
                              confidence))
                      : Optional.empty());

  static final List<String> IN_ZONE = List.of("ns1.example.com", "ns2.example.com");
  static final List<String> ELSEWHERE = List.of("ns1.secondary.example", "dns2.provider.example");
  static final List<String> ADDRESSES =
      List.of("192.0.2.1", "198.51.100.53", "2001:db8::53", "2001:db8:1::1");
  static final List<XotPolicy> POLICIES =
      List.of(XotPolicy.NOT_OFFERED, XotPolicy.ALLOWED, XotPolicy.REQUIRED);
  static final List<String> PREFIXES = List.of("192.0.2.0/24", "203.0.113.7", "2001:db8::/48");

  static final Gen<SecondaryDnsConfiguration.Builder> CONFIGURATION =
      lists()
          .of(PROVENANCE)
          .ofSize(8)
          .zip(
              lists().of(TEXT).ofSize(3),
              integers().between(0, 1 << 20),
              (provenances, labels, bits) -> {
                SecondaryDnsConfiguration.Builder b =
                    SecondaryDnsConfiguration.builder().zone(ZONE.toString());
                for (int i = 0; i < IN_ZONE.size(); i++) {
                  // In-zone secondaries carry glue (one or two addresses), others none.
                  List<String> glue =
                      ((bits >> i) & 1) == 0
                          ? List.of(ADDRESSES.get(i))
                          : List.of(ADDRESSES.get(i), ADDRESSES.get(i + 2));
                  b.addSecondaryNameServer(IN_ZONE.get(i), glue, provenances.get(i).orElse(null));
                }
                for (int i = 0; i < ELSEWHERE.size(); i++) {
                  if (((bits >> (2 + i)) & 1) == 1) {
                    b.addSecondaryNameServer(
                        ELSEWHERE.get(i), List.of(), provenances.get(2 + i).orElse(null));
                  }
                }
                for (int i = 0; i < PREFIXES.size(); i++) {
                  if (((bits >> (4 + i)) & 1) == 1) {
                    // A label absent, empty or any text.
                    String label = ((bits >> (7 + i)) & 1) == 1 ? labels.get(i) : null;
                    b.addAclEntry(PREFIXES.get(i), label, provenances.get(4 + i).orElse(null));
                  }
                }
                if (((bits >> 10) & 1) == 1) {
                  b.addNotifyTarget(
                      ADDRESSES.get(bits % ADDRESSES.size()),
                      ((bits >> 11) & 1) == 1 ? 5353 : 53,
                      null,
                      provenances.get(7).orElse(null));
                }
                if (((bits >> 12) & 1) == 1) {
                  b.catalogMembership(
                      "catalog.example.net", ((bits >> 13) & 1) == 1 ? "group-" + bits : null);
                }
                List<ConfigurationOrigin> origins =
                    List.of(
                        ConfigurationOrigin.custom(),
                        ConfigurationOrigin.preset("example-secondary"),
                        ConfigurationOrigin.nameServerSet("set-1"));
                return b.origin(origins.get((bits >> 14) % 3))
                    .xotPolicy(POLICIES.get((bits >> 16) % POLICIES.size()))
                    .ixfrEnabled(((bits >> 18) & 1) == 1)
                    .enabled(((bits >> 19) & 1) == 1)
                    .revision(bits);
              });

  @Test
  void aSavedConfigurationReadsBackEqual() throws Exception {
    try (Connection db =
        DriverManager.getConnection("jdbc:h2:" + dir.resolve("host").toAbsolutePath())) {
      HostTables tables = HostTables.open(db);
      tables.insertZone(
          ZONE,
          Name.fromConstantString("ns1.example.com."),
          Name.fromConstantString("hostmaster.example.com."));
      qt().withExamples(200)
          .forAll(CONFIGURATION)
          .checkAssert(
              b -> {
                SecondaryDnsConfiguration saved = b.build();
                try {
                  tables.transaction(
                      () -> tables.saveConfiguration(saved, List.of(), List.of(), Instant.EPOCH));
                  SecondaryDnsConfiguration read =
                      tables.configuration(ZONE).orElseThrow().builder().build();
                  assertEquals(saved, read);
                  // Equal records can still differ in what equals leaves out: the text shown.
                  assertEquals(saved.toString(), read.toString());
                  assertEquals(labels(saved), labels(read));
                } catch (java.sql.SQLException e) {
                  throw new AssertionError(e);
                }
              });
    }
  }

  static String labels(SecondaryDnsConfiguration c) {
    return c.transferAcl().stream()
            .map(e -> e.label() + " " + e.provenance())
            .collect(Collectors.joining("|"))
        + c.secondaryNameServers().stream()
            .map(ns -> ns.glue() + " " + ns.provenance())
            .collect(Collectors.joining("|"))
        + c.notifyTargets().stream()
            .map(t -> t.provenance().toString())
            .collect(Collectors.joining("|"));
  }
}
