package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.secdns.core.preset.ProviderPresets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetsCommandTest {

  @Test
  void listsBuiltInsAndThePluginWithTheirValues() {
    Cli.Result r = Cli.run("presets").assertOk();
    assertEquals("", r.err());
    List<String> ids = ProviderPresets.discover().presets().ids();
    assertTrue(
        ids.containsAll(
            List.of("dnsmadeeasy", "dyn-managed", "dyn-standard", "easydns", "example-secondary")),
        ids.toString());
    assertTrue(
        r.out()
            .startsWith(
                ids.size() + " presets found (built-in and plugins on the" + " class path):"),
        r.out());
    List<String> headers =
        r.out()
            .lines()
            .filter(l -> !l.isEmpty() && !l.startsWith(" "))
            .skip(1)
            .map(l -> l.split(" ")[0])
            .toList();
    assertEquals(ids, headers);
    assertTrue(
        r.out()
            .contains(
                "dnsmadeeasy  DNS Made Easy\n"
                    + "  name servers:   ns5.dnsmadeeasy.com., ns6.dnsmadeeasy.com., ns7.dnsmadeeasy.com.\n"
                    + "  transfer from:  208.94.147.135, 208.94.150.198, 63.219.151.12\n"
                    + "  NOTIFY to:      208.94.147.135:53, 208.94.150.198:53, 63.219.151.12:53\n"
                    + "  capabilities:   IPv6 primary NOT_SUPPORTED, TSIG UNKNOWN, IXFR UNKNOWN\n"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "dyn-standard  Dyn Standard  (deprecated)\n"
                    + "  name servers:   supplied by the customer: "),
        r.out());
    assertTrue(r.out().contains("\n  deprecated:     "), r.out());
  }

  @Test
  void jsonHasEveryPresetWithItsValues() throws Exception {
    Cli.Result r = Cli.run("presets", "--json").assertOk();
    assertEquals(1, r.out().lines().count(), r.out());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals(List.of("presets", "problems"), CheckCommandTest.fieldNames(doc));
    assertEquals(0, doc.get("problems").size());
    List<String> ids = new ArrayList<>();
    doc.get("presets").forEach(p -> ids.add(p.get("id").asText()));
    assertEquals(ProviderPresets.discover().presets().ids(), ids);

    JsonNode dme = doc.get("presets").get(ids.indexOf("dnsmadeeasy"));
    assertEquals(
        List.of(
            "id",
            "displayName",
            "deprecated",
            "deprecationReason",
            "nameServers",
            "transferSources",
            "notifyTargets",
            "capabilities",
            "documentation",
            "lastVerified",
            "notes"),
        CheckCommandTest.fieldNames(dme));
    assertEquals("DNS Made Easy", dme.get("displayName").asText());
    assertFalse(dme.get("deprecated").asBoolean());
    assertTrue(dme.get("deprecationReason").isNull());
    assertFalse(dme.get("nameServers").get("customerSupplied").asBoolean());
    assertEquals("ns5.dnsmadeeasy.com.", dme.get("nameServers").get("names").get(0).asText());
    assertEquals("208.94.147.135", dme.get("transferSources").get(0).get("prefix").asText());
    assertEquals("208.94.147.135", dme.get("notifyTargets").get(0).get("address").asText());
    assertEquals(53, dme.get("notifyTargets").get(0).get("port").asInt());
    assertEquals("NOT_SUPPORTED", dme.get("capabilities").get("ipv6Primary").asText());

    JsonNode dyn = doc.get("presets").get(ids.indexOf("dyn-standard"));
    assertTrue(dyn.get("deprecated").asBoolean());
    assertFalse(dyn.get("deprecationReason").asText().isEmpty());
    assertTrue(dyn.get("nameServers").get("customerSupplied").asBoolean());

    JsonNode one = new ObjectMapper().readTree(Cli.run("presets", "easydns", "--json").out());
    assertEquals(1, one.get("presets").size());
    assertEquals("easydns", one.get("presets").get(0).get("id").asText());
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
}
