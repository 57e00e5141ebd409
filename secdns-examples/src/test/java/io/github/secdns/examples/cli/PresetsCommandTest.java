package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.examples.discovery.BrokenPreset;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsCommandTest {

  /** The day the presets were verified: Cloudflare's old ranges ended the day before. */
  private static final Clock DEC_2 = Cli.on(2026, 12, 2);

  /** The last day Cloudflare transferred from its old ranges. */
  private static final Clock NOV_30 = Cli.on(2026, 11, 30);

  @TempDir Path dir;

  @Test
  void listsBuiltInsAndThePluginWithTheirValues() {
    Cli.Result r = Cli.runOn(DEC_2, "presets").assertOk();
    assertEquals("", r.err());
    List<String> ids = ProviderPresets.discover().presets().ids();
    assertTrue(
        ids.containsAll(
            List.of("dnsmadeeasy", "dyn-managed", "dyn-standard", "easydns", "example-secondary")),
        ids.toString());
    assertTrue(
        r.out()
            .startsWith(
                ids.size()
                    + " presets found (built-in and plugins on the class path); addresses as of"
                    + " 2026-12-02 (UTC):\n"),
        r.out());
    List<String> headers =
        r.out()
            .lines()
            .filter(l -> !l.isEmpty() && !l.startsWith(" "))
            .skip(1)
            .map(l -> l.split(" ", -1)[0])
            .toList();
    assertEquals(ids, headers);
    String dnsMadeEasy =
        "[1] medium: verify before use (DNSimple's preset, dnsimple/dnsimple-support"
            + " content/files/secondary-dns-provider-conf.png@19bc2130 (2017),"
            + " secondary-dns-configured.png@3ddc9610 (2022), read 2026-08-21)";
    assertTrue(
        r.out()
            .contains(
                "dnsmadeeasy  DNS Made Easy\n"
                    + "  kind:            secondary\n"
                    + "  name servers:    ns5.dnsmadeeasy.com., ns6.dnsmadeeasy.com.,"
                    + " ns7.dnsmadeeasy.com. [1]\n"
                    + "  transfer from:   208.94.147.135 [1]\n"
                    + "                   208.94.150.198 [1]\n"
                    + "                   63.219.151.12 [1]\n"
                    + "  NOTIFY to:       208.94.147.135:53 [2]\n"
                    + "                   208.94.150.198:53 [2]\n"
                    + "                   63.219.151.12:53 [2]\n"
                    + "  capabilities:    IPv6 primary not supported, primary host name not"
                    + " supported, TSIG unknown, IXFR unknown, catalog zones unknown, XoT"
                    + " unknown\n"
                    + "  sources:         "
                    + dnsMadeEasy
                    + "\n"
                    + "                   [2] medium: verify before use (pfsense/FreeBSD-ports PR"
                    + " #197 (2016): DNS Made Easy's I/AXFR servers for also-notify, read"
                    + " 2026-08-21)\n"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "dyn-standard  Dyn Standard  (deprecated)\n"
                    + "  kind:            secondary; the customer supplies values (marked 'the"
                    + " customer's' below)\n"
                    + "  deprecated:      Dyn"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "route53  Amazon Route 53  (cannot be a secondary)\n"
                    + "  kind:            cannot be a secondary: Route 53 does not support zone"
                    + " transfers (AXFR/IXFR), so it cannot pull a zone from a primary.\n"),
        r.out());
    // What the customer pastes, beside the values the preset gives.
    assertTrue(
        r.out()
            .contains(
                "  transfer from:   192.135.223.10 (NS1 XFR server, network 0) [1]\n"
                    + "                   the customer's: for a zone on an NS1 network other"
                    + " than the shared network 0, the transfer address NS1 gave you at setup\n"),
        r.out());
  }

  @Test
  void retiredAddressesAreShownAsRetiredWithTheirDates() {
    String cloudflare = Cli.runOn(DEC_2, "presets", "cloudflare").assertOk().out();
    assertTrue(
        cloudflare.contains(
            "  name servers:    the customer's: the nsNNNN.secondary.cloudflare.com names"),
        cloudflare);
    // Current values first, then the retired ones, each with its day.
    assertTrue(
        cloudflare.contains(
            "  transfer from:   104.30.167.163 since 2026-04-15 [1]\n"
                + "                   104.30.167.173 since 2026-04-15 [1]\n"
                + "                   2a09:bac0:1000:c47::/64 since 2026-04-15 [1]\n"
                + "                   198.41.144.240/28 retired on 2026-12-01 (not applied) [1]\n"
                + "                   198.41.150.240/28 retired on 2026-12-01 (not applied) [1]\n"
                + "                   2a06:98c0:3601::/48 retired on 2026-12-01 (not applied)"
                + " [1]\n"
                + "                   2a06:98c0:1401::/48 retired on 2026-12-01 (not applied)"
                + " [1]\n"),
        cloudflare);
    assertTrue(cloudflare.contains("  sources:         [1] official (https://"), cloudflare);

    // The day before, the old ranges are still in use and end on the announced day.
    String before = Cli.runOn(NOV_30, "presets", "cloudflare").assertOk().out();
    assertTrue(before.contains("198.41.144.240/28 until 2026-12-01 [1]\n"), before);
    assertFalse(before.contains("retired"), before);
    // Before the new addresses started, they are announced, not current.
    String april = Cli.runOn(Cli.on(2026, 4, 1), "presets", "cloudflare").assertOk().out();
    assertTrue(
        april.contains("104.30.167.163 announced from 2026-04-15 (not applied yet) [1]\n"), april);

    String linode = Cli.runOn(DEC_2, "presets", "linode").assertOk().out();
    assertTrue(linode.contains("                   45.79.109.10 since 2023-02-07 [1]\n"), linode);
    assertTrue(
        linode.contains(
            "                   65.19.178.10 retired on 2023-02-07 (not applied) [1]\n"),
        linode);
    assertTrue(
        linode.contains(
            "                   65.19.178.10:53 retired on 2023-02-07 (not applied) [1]\n"),
        linode);
    assertTrue(linode.contains("primary host name not supported"), linode); // addresses only
  }

  @Test
  void jsonHasEveryPresetWithItsValues() throws Exception {
    Cli.Result r = Cli.runOn(DEC_2, "presets", "--json").assertOk();
    assertEquals(1, r.out().lines().count(), r.out());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals(List.of("day", "presets", "problems"), CheckCommandTest.fieldNames(doc));
    assertEquals("2026-12-02", doc.get("day").asText());
    assertEquals(0, doc.get("problems").size());
    List<String> ids = new ArrayList<>();
    doc.get("presets").forEach(p -> ids.add(p.get("id").asText()));
    assertEquals(ProviderPresets.discover().presets().ids(), ids);

    JsonNode dme = preset(doc, "dnsmadeeasy");
    assertEquals(
        List.of(
            "id",
            "displayName",
            "kind",
            "notASecondaryReason",
            "deprecated",
            "deprecationReason",
            "customerHints",
            "nameServers",
            "transferSources",
            "notifyTargets",
            "capabilities",
            "documentation",
            "lastVerified",
            "notes"),
        CheckCommandTest.fieldNames(dme));
    assertEquals("DNS Made Easy", dme.get("displayName").asText());
    assertEquals("SECONDARY", dme.get("kind").asText());
    assertTrue(dme.get("notASecondaryReason").isNull());
    assertFalse(dme.get("deprecated").asBoolean());
    assertTrue(dme.get("deprecationReason").isNull());
    assertEquals(
        List.of("nameServers", "transferSources", "notifyTargets"),
        CheckCommandTest.fieldNames(dme.get("customerHints")));
    dme.get("customerHints").forEach(h -> assertTrue(h.isNull(), dme::toString));
    assertEquals("ns5.dnsmadeeasy.com.", dme.get("nameServers").get("names").get(0).asText());
    JsonNode medium = dme.get("nameServers").get("provenance");
    assertEquals(
        List.of("source", "read", "confidence", "label", "verifyBeforeUse"),
        CheckCommandTest.fieldNames(medium));
    assertEquals("MEDIUM", medium.get("confidence").asText());
    assertEquals("medium: verify before use", medium.get("label").asText());
    assertTrue(medium.get("verifyBeforeUse").asBoolean());
    assertEquals("2026-08-21", medium.get("read").asText());
    assertTrue(medium.get("source").asText().startsWith("DNSimple's preset"), medium::toString);
    JsonNode source = dme.get("transferSources").get(0);
    assertEquals(
        List.of("prefix", "label", "status", "validFrom", "validUntil", "provenance"),
        CheckCommandTest.fieldNames(source));
    assertEquals("208.94.147.135", source.get("prefix").asText());
    assertEquals("CURRENT", source.get("status").asText());
    assertTrue(source.get("validFrom").isNull());
    assertTrue(source.get("validUntil").isNull());
    assertEquals(medium, source.get("provenance"));
    JsonNode target = dme.get("notifyTargets").get(0);
    assertEquals(
        List.of("address", "port", "label", "status", "validFrom", "validUntil", "provenance"),
        CheckCommandTest.fieldNames(target));
    assertEquals("208.94.147.135", target.get("address").asText());
    assertEquals(53, target.get("port").asInt());
    assertEquals(
        List.of("ipv6Primary", "primaryHostName", "tsig", "ixfr", "catalogZones", "xot"),
        CheckCommandTest.fieldNames(dme.get("capabilities")));
    assertEquals("NOT_SUPPORTED", dme.get("capabilities").get("ipv6Primary").asText());
    assertEquals("NOT_SUPPORTED", dme.get("capabilities").get("primaryHostName").asText());
    assertEquals("UNKNOWN", dme.get("capabilities").get("xot").asText());

    JsonNode dyn = preset(doc, "dyn-standard");
    assertTrue(dyn.get("deprecated").asBoolean());
    assertFalse(dyn.get("deprecationReason").asText().isEmpty());
    assertEquals("CUSTOMER_SUPPLIED", dyn.get("kind").asText());
    assertEquals(0, dyn.get("nameServers").get("names").size());
    assertTrue(dyn.get("nameServers").get("provenance").isNull());
    assertTrue(dyn.get("customerHints").get("nameServers").asText().contains("Dyn"), dyn::toString);

    JsonNode ns1 = preset(doc, "ns1");
    assertEquals("CUSTOMER_SUPPLIED", ns1.get("kind").asText());
    assertFalse(ns1.get("customerHints").get("transferSources").isNull());
    assertFalse(ns1.get("customerHints").get("notifyTargets").isNull());
    assertEquals(
        "OFFICIAL", ns1.get("transferSources").get(0).get("provenance").get("confidence").asText());
    assertFalse(
        ns1.get("transferSources").get(0).get("provenance").get("verifyBeforeUse").asBoolean());

    JsonNode route53 = preset(doc, "route53");
    assertEquals("NOT_A_SECONDARY", route53.get("kind").asText());
    assertTrue(
        route53.get("notASecondaryReason").asText().startsWith("Route 53 does not support zone"),
        route53::toString);
    assertEquals(0, route53.get("transferSources").size());

    JsonNode one =
        new ObjectMapper().readTree(Cli.runOn(DEC_2, "presets", "easydns", "--json").out());
    assertEquals(1, one.get("presets").size());
    assertEquals("easydns", one.get("presets").get(0).get("id").asText());
  }

  /** Cloudflare's ranges retired on 2026-12-01 and Linode's replaced address, parsed back. */
  @Test
  void jsonMarksRetiredAndAnnouncedAddressesWithTheirDates() throws Exception {
    JsonNode dec2 = new ObjectMapper().readTree(Cli.runOn(DEC_2, "presets", "--json").out());
    JsonNode cloudflare = preset(dec2, "cloudflare");
    List<String> retired = new ArrayList<>();
    for (JsonNode s : cloudflare.get("transferSources")) {
      if (s.get("status").asText().equals("RETIRED")) {
        retired.add(s.get("prefix").asText());
        assertEquals("2026-12-01", s.get("validUntil").asText(), s::toString);
        assertTrue(s.get("validFrom").isNull(), s::toString);
      } else {
        assertEquals("CURRENT", s.get("status").asText(), s::toString);
        assertEquals("2026-04-15", s.get("validFrom").asText(), s::toString);
        assertTrue(s.get("validUntil").isNull(), s::toString);
      }
      assertEquals("OFFICIAL", s.get("provenance").get("confidence").asText());
    }
    assertEquals(
        List.of(
            "198.41.144.240/28", "198.41.150.240/28", "2a06:98c0:3601::/48", "2a06:98c0:1401::/48"),
        retired);

    JsonNode nov30 =
        new ObjectMapper().readTree(Cli.runOn(NOV_30, "presets", "cloudflare", "--json").out());
    assertEquals("2026-11-30", nov30.get("day").asText());
    preset(nov30, "cloudflare")
        .get("transferSources")
        .forEach(s -> assertEquals("CURRENT", s.get("status").asText(), s::toString));
    JsonNode april =
        new ObjectMapper()
            .readTree(Cli.runOn(Cli.on(2026, 4, 14), "presets", "cloudflare", "--json").out());
    assertEquals(
        "ANNOUNCED",
        preset(april, "cloudflare").get("transferSources").get(0).get("status").asText());

    JsonNode linode = preset(dec2, "linode");
    JsonNode old = entry(linode.get("transferSources"), "prefix", "65.19.178.10");
    assertEquals("RETIRED", old.get("status").asText());
    assertEquals("2023-02-07", old.get("validUntil").asText());
    JsonNode replacement = entry(linode.get("transferSources"), "prefix", "45.79.109.10");
    assertEquals("CURRENT", replacement.get("status").asText());
    assertEquals("2023-02-07", replacement.get("validFrom").asText());
    JsonNode oldNotify = entry(linode.get("notifyTargets"), "address", "65.19.178.10");
    assertEquals("RETIRED", oldNotify.get("status").asText());
    assertEquals("2023-02-07", oldNotify.get("validUntil").asText());
    assertEquals(
        "CURRENT",
        entry(linode.get("notifyTargets"), "address", "2600:3c00::a").get("status").asText());
    // Before the replacement day, the old address is current and the new one announced.
    JsonNode early =
        preset(
            new ObjectMapper()
                .readTree(Cli.runOn(Cli.on(2023, 2, 6), "presets", "linode", "--json").out()),
            "linode");
    assertEquals(
        "CURRENT",
        entry(early.get("transferSources"), "prefix", "65.19.178.10").get("status").asText());
    assertEquals(
        "ANNOUNCED",
        entry(early.get("transferSources"), "prefix", "45.79.109.10").get("status").asText());
  }

  /**
   * A plugin that takes a built-in's id, and one that cannot be loaded: the built-in stays, each
   * problem is one line on stderr, the JSON lists them, and the exit code is 1.
   */
  @Test
  void pluginsThatCannotBeRegisteredAreReportedAndTheExitCodeIsOne() throws Exception {
    Path jar = Plugins.jar(dir, "plugins", CollidingPreset.class, BrokenPreset.class);
    Cli.Result text = withPlugins(jar, () -> Cli.runOn(DEC_2, "presets"));
    assertEquals(ExitCode.FINDINGS, text.code(), text.toString());
    List<String> lines = text.err().lines().toList();
    assertEquals(2, lines.size(), text.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("secdns presets: plugin not registered: ID_TAKEN_BY_BUILT_IN [")
                        && l.contains(CollidingPreset.class.getName())
                        && l.contains("dnsmadeeasy")),
        text.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("secdns presets: plugin not registered: LOAD_FAILED [")
                        && l.contains(BrokenPreset.class.getName())),
        text.toString());
    assertFalse(text.err().contains("\tat "), text.toString());
    // The built-in's values, not the plugin's.
    assertTrue(text.out().contains("dnsmadeeasy  DNS Made Easy\n"), text.out());
    assertFalse(text.out().contains("impostor"), text.out());

    Cli.Result json = withPlugins(jar, () -> Cli.runOn(DEC_2, "presets", "--json"));
    assertEquals(ExitCode.FINDINGS, json.code(), json.toString());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    JsonNode taken = entry(doc.get("problems"), "kind", "ID_TAKEN_BY_BUILT_IN");
    assertEquals(
        List.of("kind", "presetId", "providers", "message"), CheckCommandTest.fieldNames(taken));
    assertEquals("dnsmadeeasy", taken.get("presetId").asText());
    assertEquals(CollidingPreset.class.getName(), taken.get("providers").get(1).asText());
    assertEquals(
        BrokenPreset.class.getName(),
        entry(doc.get("problems"), "kind", "LOAD_FAILED").get("providers").get(0).asText());
    assertEquals(2, doc.get("problems").size(), doc::toString);
    assertEquals("DNS Made Easy", preset(doc, "dnsmadeeasy").get("displayName").asText());

    // Asking for one preset still reports the problems of the registry it came from.
    assertEquals(
        ExitCode.FINDINGS, withPlugins(jar, () -> Cli.runOn(DEC_2, "presets", "easydns")).code());
    // Without the plugins, all is well again.
    Cli.runOn(DEC_2, "presets").assertOk();
  }

  @Test
  void showsOnePreset() {
    Cli.Result r = Cli.run("presets", "EasyDNS").assertOk();
    assertTrue(r.out().startsWith("\neasydns  easyDNS\n"), r.out());
    assertTrue(r.out().contains("64.68.200.91"), r.out());
  }

  @Test
  void unknownPresetListsTheKnownIds() {
    Cli.run("presets", "nope").assertBadInput("dnsmadeeasy");
    Cli.run("presets", "a", "b").assertBadInput("presets: at most one preset id");
    Cli.run("presets", "--yaml").assertBadInput("presets: unknown flag '--yaml'");
  }

  /** Runs with the plugin jar on the class path discovery uses (the context class loader). */
  private static Cli.Result withPlugins(Path jar, Callable<Cli.Result> run) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {jar.toUri().toURL()}, PresetsCommandTest.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      return run.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  static JsonNode preset(JsonNode doc, String id) {
    return entry(doc.get("presets"), "id", id);
  }

  private static JsonNode entry(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.get(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + array);
  }
}
