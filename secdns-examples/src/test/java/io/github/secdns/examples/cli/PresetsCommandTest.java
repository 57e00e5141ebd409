package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.preset.ProviderPresets;
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
  void showsOnePreset() {
    Cli.Result r = Cli.run("presets", "EasyDNS").assertOk();
    assertTrue(r.out().startsWith("\neasydns  easyDNS\n"), r.out());
    assertTrue(r.out().contains("64.68.200.91"), r.out());
  }

  @Test
  void unknownPresetListsTheKnownIds() {
    Cli.run("presets", "nope").assertBadInput("dnsmadeeasy");
    Cli.run("presets", "a", "b").assertBadInput("presets: at most one preset id");
    Cli.run("presets", "--json").assertBadInput("presets: unknown flag '--json'");
  }
}
