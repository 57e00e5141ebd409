package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCommandTest {

  private static final String DNSIMPLE =
      "ns1.dnsimple.com, ns2.dnsimple.com, ns3.dnsimple.com, ns4.dnsimple.com";
  private static final String SECONDARY = "ns1.secondary.com, ns2.secondary.com";

  /** DNS Made Easy's name servers as a pre-filled configuration shows them. */
  static final String DNS_MADE_EASY_NAMES =
      "ns5.dnsmadeeasy.com [medium: verify before use], ns6.dnsmadeeasy.com [medium: verify"
          + " before use], ns7.dnsmadeeasy.com [medium: verify before use]";

  @Test
  void theSeedExampleIsTheDefault() {
    Cli.Result r = Cli.run("plan").assertOk();
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("Plan: enable Secondary DNS for example.com.\n"), r.out());
    r.assertPrints(
        "Apex NS set:",
        "  before: " + DNSIMPLE,
        "  after:  " + DNSIMPLE + ", " + SECONDARY,
        "  add:    " + SECONDARY);
    r.assertPrints(
        "Delegation at the registry (changed by: customer):",
        "  from: " + DNSIMPLE,
        "  to:   " + DNSIMPLE + ", " + SECONDARY,
        "  add:    " + SECONDARY);
    assertTrue(
        r.out()
            .contains(
                "Revert this step if you ever disable Secondary DNS for your"
                    + " domain. [REVERT_ON_DISABLE]"),
        r.out());
    assertTrue(
        r.out().contains("Event: secondary_dns.create zone example.com. revision 1"), r.out());
  }

  @Test
  void disableRevertsTheSeedExample() {
    Cli.Result r = Cli.run("plan", "disable").assertOk();
    assertTrue(
        r.out()
            .contains(
                "  from: "
                    + DNSIMPLE
                    + ", "
                    + SECONDARY
                    + "\n"
                    + "  to:   "
                    + DNSIMPLE
                    + "\n"
                    + "  remove: "
                    + SECONDARY
                    + "\n"),
        r.out());
    assertTrue(r.out().contains("  remove: " + SECONDARY), r.out());
    assertTrue(r.out().contains("Event: secondary_dns.delete"), r.out());
  }

  @Test
  void editSwapsOneSecondary() {
    Cli.Result r =
        Cli.run(
                "plan",
                "edit",
                "--new-secondary-ns",
                "ns1.secondary.com",
                "--new-secondary-ns",
                "ns3.secondary.com")
            .assertOk();
    assertTrue(
        r.out()
            .contains(
                """
                  name servers added:   ns3.secondary.com
                  name servers removed: ns2.secondary.com
                """),
        r.out());
    assertTrue(r.out().contains("Event: secondary_dns.update"), r.out());
  }

  @Test
  void aPresetAndAHostRegistrar() {
    Cli.Result r =
        Cli.run(
                "plan",
                "--preset",
                "dnsmadeeasy",
                "--zone",
                "Example.ORG",
                "--registered-with-host")
            .assertOk();
    assertTrue(r.out().contains("  configuration: preset:dnsmadeeasy, revision 1"), r.out());
    assertTrue(r.out().contains("(changed by: host)"), r.out());
    assertTrue(r.out().contains("reserve at the host: ns5.dnsmadeeasy.com"), r.out());
    assertTrue(r.out().contains("allowed to transfer: 208.94.147.135"), r.out());
  }

  /** Each value a preset pre-filled shows the confidence of its source; typed values do not. */
  @Test
  void thePrefilledConfigurationShowsEachValuesConfidence() {
    String medium = " [medium: verify before use]";
    String out = Cli.runOn(Cli.on(2026, 12, 2), "plan", "--preset", "dnsmadeeasy").assertOk().out();
    assertTrue(
        out.contains(
            "  preset dnsmadeeasy (DNS Made Easy): the values it uses on 2026-12-02 (UTC), with"
                + " warnings:\n"
                + "  ! These values of DNS Made Easy are not from its own current documentation"
                + " (medium: verify before use); check them with DNS Made Easy before relying on"
                + " them: ns5.dnsmadeeasy.com, "),
        out);
    assertTrue(out.contains("[VALUES_NEED_VERIFICATION]\n"), out);
    assertTrue(out.contains("  secondary name servers: " + DNS_MADE_EASY_NAMES + "\n"), out);
    assertTrue(
        out.contains(
            "  allowed to transfer: 208.94.147.135 (DNS Made Easy)"
                + medium
                + ", 208.94.150.198 (DNS Made Easy)"
                + medium
                + ", 63.219.151.12 (DNS Made Easy)"
                + medium
                + "\n"),
        out);
    assertTrue(out.contains("  NOTIFY to: 208.94.147.135:53" + medium + ", "), out);
    // Official values say so; names the customer typed have no source to show.
    String cloudflare =
        Cli.runOn(
                Cli.on(2026, 12, 2),
                "plan",
                "--preset",
                "cloudflare",
                "--secondary-ns",
                "ns1234.secondary.cloudflare.com")
            .assertOk()
            .out();
    assertTrue(
        cloudflare.contains("  secondary name servers: ns1234.secondary.cloudflare.com\n"),
        cloudflare);
    assertTrue(
        cloudflare.contains("  allowed to transfer: 104.30.167.163 (Cloudflare) [official], "),
        cloudflare);
    assertTrue(
        cloudflare.contains(
            "  preset cloudflare (Cloudflare): the values it uses on 2026-12-02 (UTC)\n"),
        cloudflare);
  }

  /** The clock decides which of a preset's dated addresses are pre-filled. */
  @Test
  void thePresetIsAppliedWithTheAddressesOfTheClocksDay() throws Exception {
    String[] args = {
      "plan",
      "--preset",
      "cloudflare",
      "--secondary-ns",
      "ns1234.secondary.cloudflare.com",
      "--json"
    };
    JsonNode nov30 = new ObjectMapper().readTree(Cli.runOn(Cli.on(2026, 11, 30), args).out());
    JsonNode dec1 = new ObjectMapper().readTree(Cli.runOn(Cli.on(2026, 12, 1), args).out());
    List<String> before = prefixes(nov30.get("configuration").get("transferAcl"));
    List<String> after = prefixes(dec1.get("configuration").get("transferAcl"));
    assertTrue(before.contains("198.41.144.240/28"), before::toString);
    assertTrue(before.contains("104.30.167.163"), before::toString);
    assertFalse(after.contains("198.41.144.240/28"), after::toString);
    assertEquals(List.of("104.30.167.163", "104.30.167.173", "2a09:bac0:1000:c47::/64"), after);
    assertEquals("2026-11-30", nov30.get("preset").get("day").asText());
    assertEquals("2026-12-01", dec1.get("preset").get("day").asText());
    // Before the new addresses started, they are announced, not applied.
    JsonNode march = new ObjectMapper().readTree(Cli.runOn(Cli.on(2026, 3, 1), args).out());
    assertFalse(prefixes(march.get("configuration").get("transferAcl")).contains("104.30.167.163"));
    assertEquals(
        List.of("ADDRESSES_ANNOUNCED"),
        codes(march.get("preset").get("warnings")),
        march::toString);
  }

  /** Issue 16: a deprecated preset gives a warning in the plan's text and JSON output. */
  @Test
  void aDeprecatedPresetWarnsInTextAndJson() throws Exception {
    String[] args = {
      "plan", "--preset", "dyn-managed", "--secondary-ns", "ns1.p01.dynect.net,ns2.p01.dynect.net"
    };
    String text = Cli.runOn(Cli.on(2026, 12, 2), args).assertOk().out();
    assertTrue(
        text.contains(
            "\n  ! Dyn Managed is deprecated: Dyn's DNS services have been retired by Oracle; "),
        text);
    assertTrue(text.contains(" [DEPRECATED_PRESET]\n"), text);

    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.add("--json");
    JsonNode plan =
        new ObjectMapper()
            .readTree(
                Cli.runOn(Cli.on(2026, 12, 2), withJson.toArray(String[]::new)).assertOk().out());
    JsonNode preset = plan.get("preset");
    assertEquals(List.of("id", "day", "warnings"), CheckCommandTest.fieldNames(preset));
    assertEquals("dyn-managed", preset.get("id").asText());
    assertEquals("2026-12-02", preset.get("day").asText());
    assertEquals(
        List.of("DEPRECATED_PRESET", "VALUES_NEED_VERIFICATION"), codes(preset.get("warnings")));
    assertTrue(
        preset
            .get("warnings")
            .get(0)
            .get("message")
            .asText()
            .startsWith("Dyn Managed is deprecated"));
    // The ACL values carry their source.
    JsonNode acl = plan.get("configuration").get("transferAcl").get(0);
    assertEquals(List.of("prefix", "label", "provenance"), CheckCommandTest.fieldNames(acl));
    assertEquals("MEDIUM", acl.get("provenance").get("confidence").asText());
    assertTrue(acl.get("provenance").get("verifyBeforeUse").asBoolean());
    // Typed names have none.
    assertTrue(
        plan.get("configuration").get("secondaryNameServers").get(0).get("provenance").isNull());

    // An edit to a deprecated preset warns too: the warnings are the edited configuration's.
    JsonNode edit =
        new ObjectMapper()
            .readTree(
                Cli.runOn(
                        Cli.on(2026, 12, 2),
                        "plan",
                        "edit",
                        "--new-preset",
                        "dyn-managed",
                        "--new-secondary-ns",
                        "ns1.p01.dynect.net",
                        "--json")
                    .assertOk()
                    .out());
    assertEquals("dyn-managed", edit.get("preset").get("id").asText());
    assertEquals("DEPRECATED_PRESET", codes(edit.get("preset").get("warnings")).get(0));
  }

  /** Issue 16: a service that cannot be a secondary is a one-line usage error with its reason. */
  @Test
  void aServiceThatCannotBeASecondaryIsRefusedWithItsReason() {
    Cli.run("plan", "--preset", "route53")
        .assertBadInput(
            "secdns plan: Amazon Route 53 (preset route53) cannot act as a secondary: Route 53"
                + " does not support zone transfers (AXFR/IXFR)");
    Cli.run("plan", "--preset", "route53", "--secondary-ns", "ns1.example.net")
        .assertBadInput("cannot act as a secondary");
    Cli.run("plan", "edit", "--new-preset", "google-cloud-dns")
        .assertBadInput("(preset google-cloud-dns) cannot act as a secondary: ");
  }

  @Test
  void notDelegatedToThePrimary() {
    Cli.Result r = Cli.run("plan", "--delegation", "ns1.other.net").assertOk();
    assertTrue(r.out().contains("[NOT_DELEGATED_TO_PRIMARY]"), r.out());
    assertTrue(
        Cli.run("plan", "--delegation-unknown").assertOk().out().contains("  from: (unknown)"));
  }

  @Test
  void theZoneStateComesFromFlags() {
    Cli.Result r =
        Cli.run(
                "plan",
                "--zone",
                "example.org",
                "--primary",
                "a.ns.example.net",
                "--primary",
                "b.ns.example.net",
                "--apex",
                "a.ns.example.net",
                "--apex",
                "b.ns.example.net",
                "--apex",
                "c.third.example",
                "--delegation",
                "a.ns.example.net",
                "--delegation",
                "c.third.example",
                "--secondary-ns",
                "ns1.backup.example")
            .assertOk();
    assertTrue(r.out().startsWith("Plan: enable Secondary DNS for example.org.\n"), r.out());
    assertTrue(r.out().contains("  add:    ns1.backup.example\n"), r.out());
    // A third provider already in the delegation is kept; the primaries are completed.
    // (Names are listed in canonical DNS order.)
    assertTrue(r.out().contains("  from: c.third.example, a.ns.example.net\n"), r.out());
    String to = r.out().lines().filter(l -> l.startsWith("  to:   ")).findFirst().orElseThrow();
    for (String ns :
        new String[] {
          "a.ns.example.net", "b.ns.example.net", "c.third.example", "ns1.backup.example"
        }) {
      assertTrue(to.contains(ns), r.out());
    }
  }

  @Test
  void dnssecRefusesEnable() {
    Cli.Result r = Cli.run("plan", "--dnssec");
    assertEquals(ExitCode.FINDINGS, r.code(), r.toString());
    assertTrue(r.err().startsWith("plan enable: refused: "), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    // Disabling a signed zone is allowed: a customer can always remove the configuration.
    Cli.run("plan", "disable", "--dnssec").assertOk();
  }

  @Test
  void badInput() {
    Cli.run("plan", "reenable").assertBadInput("plan: unknown operation 'reenable'");
    Cli.run("plan", "edit").assertBadInput("plan edit: say what changes");
    Cli.run("plan", "--new-preset", "easydns").assertBadInput("belong to 'plan edit'");
    Cli.run("plan", "--preset", "nope").assertBadInput("plan: ");
    Cli.run("plan", "--preset", "dyn-standard").assertBadInput("secondaryNameServers");
    Cli.run("plan", "--zone", "exa mple.com").assertBadInput("plan: ");
    Cli.run("plan", "--secondary-ns", "-bad-").assertBadInput("secondaryNameServers");
    Cli.run("plan", "--delegation", "a.example", "--delegation-unknown")
        .assertBadInput("exclude each other");
    Cli.run("plan", "--zone").assertBadInput("plan: --zone needs a value");
  }

  /** Issue 16: a flag given two values with a space says how to give several. */
  @Test
  void aSecondValueWithoutItsFlagSaysHowToGiveSeveral() {
    Cli.run("plan", "enable", "--delegation", "ns1.other.net", "ns2.other.net")
        .assertBadInput(
            "plan: 'ns2.other.net' is not an operation; --delegation takes one value: repeat the"
                + " flag (--delegation ns1.other.net --delegation ns2.other.net) or give a comma"
                + " list (--delegation ns1.other.net,ns2.other.net)");
    Cli.run("plan", "--delegation", "ns1.other.net", "ns2.other.net")
        .assertBadInput("plan: unknown operation 'ns2.other.net'");
    Cli.run("plan", "enable", "disable")
        .assertBadInput("plan: one operation (enable, edit or disable), got [enable, disable]");
    // Both ways of giving several values work, and mean the same.
    String repeated =
        Cli.run("plan", "--delegation", "ns1.other.net", "--delegation", "ns2.other.net")
            .assertOk()
            .out();
    assertEquals(repeated, Cli.run("plan", "--delegation", "ns1.other.net,ns2.other.net").out());
    assertTrue(repeated.contains("  from: ns1.other.net, ns2.other.net\n"), repeated);
    String help = Cli.run("help", "plan").out();
    assertTrue(help.contains("--delegation ns1.other.net --delegation ns2.other.net"), help);
    assertTrue(help.contains("--delegation ns1.other.net,ns2.other.net"), help);
  }

  @Test
  void jsonOfTheSeedExampleAndOfAnEdit() throws Exception {
    Cli.Result r = Cli.run("plan", "--json").assertOk();
    assertEquals(1, r.out().lines().count(), r.out());
    JsonNode plan = new ObjectMapper().readTree(r.out());
    assertEquals(
        List.of(
            "operation",
            "zone",
            "configuration",
            "preset",
            "changes",
            "apexNs",
            "delegation",
            "events"),
        CheckCommandTest.fieldNames(plan));
    assertEquals("enable", plan.get("operation").asText());
    assertEquals("example.com.", plan.get("zone").asText());
    assertTrue(plan.get("changes").isNull());
    assertTrue(plan.get("preset").isNull());
    JsonNode config = plan.get("configuration");
    assertTrue(config.get("enabled").asBoolean());
    assertEquals(1, config.get("revision").asLong());
    List<String> names = new ArrayList<>();
    for (JsonNode n : config.get("secondaryNameServers")) {
      assertEquals(List.of("name", "provenance"), CheckCommandTest.fieldNames(n));
      assertTrue(n.get("provenance").isNull());
      names.add(n.get("name").asText());
    }
    assertEquals(List.of("ns1.secondary.com", "ns2.secondary.com"), names);
    JsonNode apex = plan.get("apexNs");
    assertTrue(apex.get("changed").asBoolean());
    assertEquals(List.of("ns1.secondary.com", "ns2.secondary.com"), strings(apex.get("added")));
    assertEquals(6, apex.get("after").size());
    JsonNode delegation = plan.get("delegation");
    assertEquals("customer", delegation.get("changedBy").asText());
    assertEquals(4, delegation.get("from").size());
    assertEquals(List.of("ns1.secondary.com", "ns2.secondary.com"), strings(delegation.get("add")));
    List<String> notices = new ArrayList<>();
    delegation.get("notices").forEach(n -> notices.add(n.get("code").asText()));
    assertTrue(notices.contains("REVERT_ON_DISABLE"), notices::toString);
    assertEquals("secondary_dns.create", plan.get("events").get(0).get("type").asText());

    JsonNode edit =
        new ObjectMapper()
            .readTree(
                Cli.run(
                        "plan",
                        "edit",
                        "--new-secondary-ns",
                        "ns1.secondary.com,ns3.secondary.com",
                        "--json")
                    .assertOk()
                    .out());
    assertEquals(
        List.of("ns3.secondary.com"), strings(edit.get("changes").get("nameServersAdded")));
    assertEquals(
        List.of("ns2.secondary.com"), strings(edit.get("changes").get("nameServersRemoved")));

    JsonNode unknown =
        new ObjectMapper().readTree(Cli.run("plan", "--delegation-unknown", "--json").out());
    assertTrue(unknown.get("delegation").get("from").isNull());
  }

  private static List<String> prefixes(JsonNode acl) {
    List<String> out = new ArrayList<>();
    acl.forEach(e -> out.add(e.get("prefix").asText()));
    return out;
  }

  private static List<String> codes(JsonNode warnings) {
    List<String> out = new ArrayList<>();
    warnings.forEach(w -> out.add(w.get("code").asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
