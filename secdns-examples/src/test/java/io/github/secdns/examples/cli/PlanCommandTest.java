package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
