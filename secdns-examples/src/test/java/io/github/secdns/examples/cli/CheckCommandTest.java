package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** {@code check} against the embedded primary on loopback: no real DNS is asked. */
class CheckCommandTest {

  /** {@code check} of the sample served on loopback, the delegation asked of this parent. */
  private static Cli.Result checkAskingParent(InetSocketAddress server, FakeParent parent) {
    return check(
        server,
        "127.0.0.1",
        "--allow",
        "127.0.0.0/8",
        "--parent",
        Addresses.format(parent.address()));
  }

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
    if (!args.contains("--root") && !args.contains("--root-hints")) {
      // Never the Internet's root servers from a test: the delegation is looked up only where a
      // test says where.
      args.addAll(List.of("--root-hints", "none"));
    }
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
      // No ZONEMD, but both allow a transfer: the zone data compared, and the same.
      assertFalse(healthy.out().contains("CONTENT_NOT_COMPARED"), healthy.out());
      assertFalse(healthy.out().contains("NAME_SERVER_DATA_DIFFERS"), healthy.out());
      assertTrue(healthy.out().contains("\ndelegation (not looked up): -\n"), healthy.out());
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
      JsonNode report = new ObjectMapper().readTree(json.out());
      assertEquals(
          List.of(
              "zone", "status", "generatedAt", "nameServers", "delegation", "findings", "preset"),
          fieldNames(report));
      assertTrue(report.get("preset").isNull());
      assertEquals(List.of("source", "nameServers"), fieldNames(report.get("delegation")));
      assertEquals("NOT_ASKED", report.get("delegation").get("source").asText());
      assertTrue(report.get("delegation").get("nameServers").isNull());
      assertEquals("example.com.", report.get("zone").asText());
      assertEquals("WARNING", report.get("status").asText());
      Instant.parse(report.get("generatedAt").asText());
      JsonNode secondary = nameServer(report, "ns1.secondary.com.");
      assertEquals(
          List.of("name", "role", "status", "addresses", "servedSerials"), fieldNames(secondary));
      assertEquals("SECONDARY", secondary.get("role").asText());
      assertEquals("WARNING", secondary.get("status").asText());
      assertEquals("127.0.0.2", secondary.get("addresses").get(0).asText());
      assertEquals(0, secondary.get("servedSerials").size());
      JsonNode primary = nameServer(report, "ns1.example.com.");
      assertEquals(2026112401L, primary.get("servedSerials").get(0).asLong());
      assertTrue(primary.get("servedSerials").get(0).isIntegralNumber());
      JsonNode unreachable = finding(report, "NAME_SERVER_UNREACHABLE");
      assertEquals(
          List.of("code", "severity", "nameServers", "addresses", "message", "remedy"),
          fieldNames(unreachable));
      assertEquals("WARNING", unreachable.get("severity").asText());
      assertEquals("ns1.secondary.com.", unreachable.get("nameServers").get(0).asText());
      assertEquals("127.0.0.2", unreachable.get("addresses").get(0).asText());
      assertFalse(unreachable.get("message").asText().isEmpty());
      assertFalse(unreachable.get("remedy").asText().isEmpty());
      // The same findings as the text report, in the same order.
      List<String> textCodes =
          silent
              .out()
              .lines()
              .filter(l -> l.startsWith("["))
              .map(l -> l.replaceAll("^\\[[A-Z]+\\] ([A-Z_0-9]+):.*", "$1"))
              .toList();
      List<String> jsonCodes = new ArrayList<>();
      report.get("findings").forEach(f -> jsonCodes.add(f.get("code").asText()));
      assertEquals(textCodes, jsonCodes);
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
      Cli.Result ok = checkAskingParent(server, complete);
      assertTrue(ok.out().contains("example.com. status: "), ok.out());
      assertTrue(
          ok.out()
              .contains(
                  "\ndelegation (asked of the parent's servers given): ns1.example.com.,"
                      + " ns1.secondary.com.\n"),
          ok.out());
      assertFalse(ok.out().contains("DELEGATION_MISSING_NAME_SERVERS"), ok.out());
      assertFalse(ok.out().contains("DELEGATION_NOT_OBSERVED"), ok.out());

      Cli.Result r = checkAskingParent(server, missing);
      assertTrue(r.out().contains("DELEGATION_MISSING_NAME_SERVERS: "), r.out());
      assertTrue(r.out().contains("ns1.secondary.com"), r.out());
    }
  }

  /**
   * With a preset, check applies it on the clock's day (the report is made on that day too) and
   * shows what applying it said, in the text and the JSON.
   */
  @Test
  void aPresetIsAppliedOnTheClocksDayAndItsWarningsShown() throws Exception {
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      String[] args = {
        "check",
        "example.com",
        "--primary",
        "ns1.example.com",
        "--preset",
        "dnsmadeeasy",
        "--secondary-ns",
        "ns1.secondary.com",
        "--resolve",
        "ns1.example.com=127.0.0.1",
        "--resolve",
        "ns1.secondary.com=127.0.0.1",
        "--port",
        String.valueOf(server.getPort()),
        "--timeout",
        "1000"
      };
      java.time.Clock dec2 = Cli.on(2026, 12, 2);
      Cli.Result text = Cli.runOn(dec2, args);
      assertTrue(
          text.out()
              .contains(
                  "\npreset dnsmadeeasy (DNS Made Easy): the values it uses on 2026-12-02 (UTC),"
                      + " with warnings:\n"
                      + "! These values of DNS Made Easy are not from its own current"
                      + " documentation"),
          text.out());
      assertTrue(text.out().contains("[VALUES_NEED_VERIFICATION]\n"), text.out());

      List<String> withJson = new ArrayList<>(List.of(args));
      withJson.add("--json");
      JsonNode report =
          new ObjectMapper().readTree(Cli.runOn(dec2, withJson.toArray(String[]::new)).out());
      assertEquals(dec2.instant(), Instant.parse(report.get("generatedAt").asText()));
      JsonNode preset = report.get("preset");
      assertEquals(List.of("id", "day", "warnings"), fieldNames(preset));
      assertEquals("dnsmadeeasy", preset.get("id").asText());
      assertEquals("2026-12-02", preset.get("day").asText());
      assertEquals("VALUES_NEED_VERIFICATION", preset.get("warnings").get(0).get("code").asText());
    }
  }

  @Test
  void aServiceThatCannotBeASecondaryIsAUsageError() {
    Cli.run(
            "check",
            "example.com",
            "--primary",
            "ns1.example.com",
            "--preset",
            "azure-dns",
            "--resolve",
            "ns1.example.com=127.0.0.1")
        .assertBadInput("check: Azure DNS (preset azure-dns) cannot act as a secondary: ");
  }

  @Test
  @SuppressWarnings("try") // the second fake root only has to listen while check runs
  void withoutParentTheDelegationIsFoundByAWalkFromTheRootServersGiven() throws Exception {
    Name zone = Name.fromString("example.com.");
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      // A root that refers the zone straight to its name servers, one of them missing.
      try (FakeParent root = new FakeParent(zone, List.of("ns1.example.com."))) {
        Cli.Result r =
            check(
                server,
                "127.0.0.1",
                "--allow",
                "127.0.0.0/8",
                "--root",
                Addresses.format(root.address()),
                "--json");
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("ROOT_WALK", report.get("delegation").get("source").asText());
        assertEquals(
            "ns1.example.com.", report.get("delegation").get("nameServers").get(0).asText());
        assertEquals(
            "ns1.secondary.com.",
            finding(report, "DELEGATION_MISSING_NAME_SERVERS").get("nameServers").get(0).asText());
      }
      // The same from a root hints file: its addresses are asked on --port.
      try (FakeParent root =
          new FakeParent(
              zone,
              List.of("ns1.example.com.", "ns1.secondary.com."),
              new InetSocketAddress(Addresses.literal("127.0.0.2", "test"), server.getPort()))) {
        Path hints = Files.createTempFile("named", ".root");
        try {
          Files.writeString(
              hints, ".  3600000  NS  a.root.test.\na.root.test.  3600000  A  127.0.0.2\n");
          Cli.Result r =
              check(
                  server, "127.0.0.1", "--allow", "127.0.0.0/8", "--root-hints", hints.toString());
          assertTrue(
              r.out()
                  .contains(
                      "\ndelegation (found by a walk from the root servers): ns1.example.com.,"
                          + " ns1.secondary.com.\n"),
              r.out());
          assertFalse(r.out().contains("DELEGATION_"), r.out());
        } finally {
          Files.delete(hints);
        }
      }
    }
  }

  @Test
  void aSecondaryWithThePrimarysSerialButOtherDataIsAnError() throws Exception {
    Path zoneFile = Files.createTempFile("example.com", ".zone");
    try (RunningServe primary = RunningServe.start("--listen", "127.0.0.1:0")) {
      InetSocketAddress server = primary.awaitListening();
      // The same serial, served as written: without the demo's secondaries in its apex NS set.
      Cli.Result sample = Cli.run("sample-zone");
      Files.writeString(zoneFile, sample.out());
      try (RunningServe other =
          RunningServe.start(
              "--zone-file",
              zoneFile.toString(),
              "--origin",
              "example.com",
              "--listen",
              "127.0.0.2:" + server.getPort())) {
        other.awaitListening();
        Cli.Result r = check(server, "127.0.0.2", "--allow", "127.0.0.0/8", "--dnssec", "off");
        assertEquals(ExitCode.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("⚠ ns1.secondary.com.  SECONDARY ERROR"), r.out());
        assertTrue(
            r.out()
                .contains(
                    "[ERROR] NAME_SERVER_DATA_DIFFERS: The secondary name server ns1.secondary.com"
                        + " is not serving the same zone data as the primary: it serves the"
                        + " primary's serial 2026112401, but the zone digest (RFC 8976) differs"),
            r.out());
        assertTrue(
            r.out().contains("127.0.0.2: digest ")
                && r.out().contains("... of a zone transfer from it."),
            r.out());

        // The same server, compared by ZONEMD only: the zone has none, so only serials count.
        Cli.Result serialsOnly =
            check(
                server, "127.0.0.2", "--allow", "127.0.0.0/8", "--dnssec", "off", "--no-transfer");
        assertEquals(ExitCode.OK, serialsOnly.code(), serialsOnly.toString());
        assertTrue(
            serialsOnly
                .out()
                .contains("[INFO] CONTENT_NOT_COMPARED: Only the serials were compared: "),
            serialsOnly.out());
      }
    } finally {
      Files.delete(zoneFile);
    }
  }

  /** Arguments that are complete; each bad-input case adds one wrong flag. */
  private static final String[] VALID = {
    "check",
    "example.com",
    "--primary",
    "ns1.example.com",
    "--preset",
    "easydns",
    "--resolve",
    "ns1.example.com=127.0.0.1"
  };

  @Test
  void aRootHintsFileThatDoesNotParseIsBadInput() throws Exception {
    Path hints = Files.createTempFile("named", ".root");
    try {
      Files.writeString(hints, ". 3600000 NS\n");
      Cli.run(concat(VALID, "--root-hints", hints.toString()))
          .assertBadInput("--root-hints: " + hints + ": the root hints do not parse");
    } finally {
      Files.delete(hints);
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
    String[] base = VALID;
    Cli.run(concat(base, "--port", "0")).assertBadInput("--port: port 0 is outside 1-65535");
    Cli.run(concat(base, "--timeout", "0")).assertBadInput("--timeout: '0' is not");
    Cli.run(concat(base, "--dnssec", "maybe")).assertBadInput("--dnssec: say on or off");
    Cli.run(concat(base, "--parent", "a.gtld-servers.net:53"))
        .assertBadInput("--parent: 'a.gtld-servers.net' is not an IP address");
    Cli.run(concat(base, "--allow", "nope")).assertBadInput("check: ");
    Cli.run(concat(base, "--root", "127.0.0.1:53", "--root-hints", "none"))
        .assertBadInput("check: give --root or --root-hints, not both");
    Cli.run(concat(base, "--root", "a.root-servers.net:53"))
        .assertBadInput("--root: 'a.root-servers.net' is not an IP address");
    Cli.run(concat(base, "--root-hints", "/nonexistent/named.root"))
        .assertBadInput("--root-hints: cannot read /nonexistent/named.root");
  }

  @Test
  void jsonStringsAreEscaped() throws Exception {
    String nasty = "a\"b\\c\nd\u0001\u2028";
    String written = Json.write(new CheckJson.NameServer(nasty, "", "", List.of(), List.of()));
    assertEquals(1, written.lines().count(), written);
    assertEquals(nasty, new ObjectMapper().readTree(written).get("name").asText());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode nameServer(JsonNode report, String name) {
    for (JsonNode n : report.get("nameServers")) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no name server " + name + " in " + report);
  }

  private static JsonNode finding(JsonNode report, String code) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("code").asText().equals(code)) {
        return f;
      }
    }
    throw new AssertionError("no finding " + code + " in " + report);
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
