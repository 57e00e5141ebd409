package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** {@code check} against the embedded primary on loopback: no real DNS is asked. */
class CheckCommandTest {

  private static Cli.Result check(
      InetSocketAddress server, String secondaryAddress, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "example.com",
                "--primary",
                "ns1.example.com",
                "--resolve",
                "ns1.example.com=127.0.0.1",
                "--secondary-ns",
                "ns1.secondary.com",
                "--resolve",
                "ns1.secondary.com=" + secondaryAddress,
                "--port",
                String.valueOf(server.getPort()),
                "--timeout",
                "1000"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void statusPageExitCodeAndJson() throws Exception {
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();

      // The secondary serves the same serial (here: the primary itself stands in for it).
      Cli.Result healthy = check(server, "127.0.0.1", "--allow", "127.0.0.0/8", "--dnssec", "off");
      assertEquals(ExitCode.OK, healthy.code(), healthy.toString());
      assertTrue(healthy.out().startsWith("example.com. status: "), healthy.out());
      assertTrue(
          healthy
              .out()
              .contains("✓ ns1.secondary.com.  SECONDARY OK        serves" + " 2026112401\n"),
          healthy.out());
      assertTrue(
          healthy
              .out()
              .contains("✓ ns1.example.com.    PRIMARY  OK        serves" + " 2026112401\n"),
          healthy.out());
      assertTrue(healthy.out().contains("\n[NOTICE] NOTIFY_NOT_CONFIGURED: "), healthy.out());
      assertTrue(healthy.out().contains("\n  -> "), healthy.out());

      // An empty ACL is an error: exit code 1.
      Cli.Result error = check(server, "127.0.0.1");
      assertEquals(ExitCode.FINDINGS, error.code(), error.toString());
      assertTrue(error.out().startsWith("example.com. status: ERROR\n"), error.out());
      assertTrue(error.out().contains("[ERROR] TRANSFER_ACL_EMPTY: "), error.out());

      // A secondary that does not answer: a warning sign, and the same report as JSON.
      Cli.Result silent = check(server, "127.0.0.2", "--allow", "127.0.0.0/8");
      assertTrue(silent.out().contains("⚠ ns1.secondary.com.  SECONDARY WARNING"), silent.out());
      assertTrue(silent.out().contains("[WARNING] NAME_SERVER_UNREACHABLE: "), silent.out());
      Cli.Result json = check(server, "127.0.0.2", "--allow", "127.0.0.0/8", "--json");
      assertEquals(silent.code(), json.code(), json.toString());
      assertTrue(
          json.out().startsWith("{\"zone\":\"example.com.\",\"status\":\"WARNING\","), json.out());
      assertTrue(
          json.out()
              .contains(
                  "{\"name\":\"ns1.secondary.com.\",\"role\":\"SECONDARY\","
                      + "\"status\":\"WARNING\",\"addresses\":[\"127.0.0.2\"],\"servedSerials\":[]}"),
          json.out());
      assertTrue(
          json.out()
              .contains(
                  "{\"code\":\"NAME_SERVER_UNREACHABLE\",\"severity\":"
                      + "\"WARNING\",\"nameServers\":[\"ns1.secondary.com.\"],\"addresses\":"
                      + "[\"127.0.0.2\"],\"message\":"),
          json.out());
      assertEquals(1, json.out().lines().count());
    }
  }

  @Test
  void theDelegationIsAskedFromTheParentGiven() throws Exception {
    Name zone = Name.fromString("example.com.");
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0");
        FakeParent complete =
            new FakeParent(zone, List.of("ns1.example.com.", "ns1.secondary.com."));
        FakeParent missing = new FakeParent(zone, List.of("ns1.example.com."))) {
      InetSocketAddress server = serve.awaitListening();
      Cli.Result ok =
          check(
              server,
              "127.0.0.1",
              "--allow",
              "127.0.0.0/8",
              "--parent",
              Addresses.format(complete.address()));
      assertTrue(ok.out().contains("example.com. status: "), ok.out());
      assertFalse(ok.out().contains("DELEGATION_MISSING_NAME_SERVERS"), ok.out());
      assertFalse(ok.out().contains("DELEGATION_NOT_OBSERVED"), ok.out());

      Cli.Result r =
          check(
              server,
              "127.0.0.1",
              "--allow",
              "127.0.0.0/8",
              "--parent",
              Addresses.format(missing.address()));
      assertTrue(r.out().contains("DELEGATION_MISSING_NAME_SERVERS: "), r.out());
      assertTrue(r.out().contains("ns1.secondary.com"), r.out());
    }
  }

  @Test
  void badInput() {
    Cli.run("check").assertBadInput("check: give exactly one zone");
    Cli.run("check", "example.com").assertBadInput("check: --primary NS is required");
    Cli.run("check", "example.com", "--primary", "ns1.example.com")
        .assertBadInput("check: say which secondaries to expect");
    Cli.run("check", "example.com", "--primary", "ns1.example.com", "--preset", "easydns")
        .assertBadInput("check: say how to find name server addresses");
    String[] base = {
      "check",
      "example.com",
      "--primary",
      "ns1.example.com",
      "--preset",
      "easydns",
      "--resolve",
      "ns1.example.com=127.0.0.1"
    };
    Cli.run(concat(base, "--port", "0")).assertBadInput("--port: port 0 is outside 1-65535");
    Cli.run(concat(base, "--timeout", "0")).assertBadInput("--timeout: '0' is not");
    Cli.run(concat(base, "--dnssec", "maybe")).assertBadInput("--dnssec: say on or off");
    Cli.run(concat(base, "--parent", "a.gtld-servers.net:53"))
        .assertBadInput("--parent: 'a.gtld-servers.net' is not an IP address");
    Cli.run(concat(base, "--allow", "nope")).assertBadInput("check: ");
  }

  @Test
  void jsonStringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", CheckCommand.quote("a\"b\\c\nd\u0001"));
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
