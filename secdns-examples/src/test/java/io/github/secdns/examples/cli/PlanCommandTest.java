package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void theSeedExampleIsTheDefault() {
    Cli.Result r = Cli.run("plan").assertOk();
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("Plan: enable Secondary DNS for example.com.\n"), r.out());
    assertTrue(
        r.out()
            .contains(
                "Apex NS set:\n"
                    + "  before: "
                    + DNSIMPLE
                    + "\n"
                    + "  after:  "
                    + DNSIMPLE
                    + ", "
                    + SECONDARY
                    + "\n"
                    + "  add:    "
                    + SECONDARY
                    + "\n"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "Delegation at the registry (changed by: customer):\n"
                    + "  from: "
                    + DNSIMPLE
                    + "\n"
                    + "  to:   "
                    + DNSIMPLE
                    + ", "
                    + SECONDARY
                    + "\n"
                    + "  add:    "
                    + SECONDARY
                    + "\n"),
        r.out());
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
                "  name servers added:   ns3.secondary.com\n"
                    + "  name servers removed: ns2.secondary.com\n"),
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
    assertTrue(
        r.out().contains("configuration: preset dnsmadeeasy") || r.out().contains("dnsmadeeasy"),
        r.out());
    assertTrue(r.out().contains("(changed by: host)"), r.out());
    assertTrue(r.out().contains("reserve at the host: ns5.dnsmadeeasy.com"), r.out());
    assertTrue(r.out().contains("allowed to transfer: 208.94.147.135"), r.out());
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
        List.of("operation", "zone", "configuration", "changes", "apexNs", "delegation", "events"),
        CheckCommandTest.fieldNames(plan));
    assertEquals("enable", plan.get("operation").asText());
    assertEquals("example.com.", plan.get("zone").asText());
    assertTrue(plan.get("changes").isNull());
    JsonNode config = plan.get("configuration");
    assertTrue(config.get("enabled").asBoolean());
    assertEquals(1, config.get("revision").asLong());
    assertEquals(
        List.of("ns1.secondary.com", "ns2.secondary.com"),
        strings(config.get("secondaryNameServers")));
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

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
