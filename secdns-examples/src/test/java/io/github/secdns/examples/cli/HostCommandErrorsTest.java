package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code secdns host} as a user runs it, when something is wrong: each mistake is one line on
 * stderr and exit 2 (bad input) or 3 (the database or the network failed), never a stack trace, and
 * nothing is changed. The subcommands the main test does not use (disable, show of an unknown zone)
 * are here too.
 */
class HostCommandErrorsTest {

  @RegisterExtension final TemporaryH2 db = new TemporaryH2("secdns-host-errors-");

  private Cli.Result host(String... args) {
    List<String> all = new ArrayList<>(List.of("host", "--db", db.url));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  /** A failure of the database or the network: exit 3, one line, no stack trace. */
  private static void assertFailed(Cli.Result r, String expected) {
    assertEquals(ExitCode.FAILED, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertFalse(r.err().contains("\tat "), r.toString());
    assertTrue(r.err().contains(expected), r.toString());
  }

  private void created() {
    host("create", "example.com", "--ns", "ns1.example.com").assertOk();
  }

  @Test
  void noSubcommandPrintsTheUsageAndAnUnknownDriverIsBadInput() {
    Cli.Result usage = Cli.run("host");
    assertEquals(ExitCode.BAD_INPUT, usage.code(), usage.toString());
    assertTrue(usage.err().contains("secdns host [--db JDBC_URL] COMMAND"), usage.toString());

    Cli.run("host", "--db", "jdbc:nosuchdb:x", "show", "example.com").assertBadInput("jdbc");
  }

  @Test
  void recordsThatDoNotParseAreRefusedAndNothingIsPublished() {
    created();
    host("record", "example.com", "www", "NOSUCHTYPE", "300", "x")
        .assertBadInput("host record: unknown record type NOSUCHTYPE");
    host("record", "example.com", "www", "A", "300", "not-an-address")
        .assertBadInput("host record: bad A record at www");
    host("record", "example..com", "www", "A", "300", "192.0.2.1").assertBadInput("ZONE");
    assertTrue(
        host("show", "example.com").assertOk().out().startsWith("zone example.com. serial 1\n"),
        "still the first version");
  }

  @Test
  void aZoneCreatedTwiceOrUnknownIsOneLine() {
    created();
    assertFailed(
        host("create", "example.com", "--ns", "ns1.example.com"), "host create: the database");
    Cli.Result unknown = host("record", "unknown.example", "www", "A", "300", "192.0.2.1");
    assertTrue(unknown.code() != ExitCode.OK, unknown.toString());
    assertEquals(1, unknown.err().lines().count(), unknown.toString());
    assertFalse(unknown.err().contains("\tat "), unknown.toString());
  }

  @Test
  void showOfAZoneWithoutConfigurationAndDisableBeforeEnable() {
    host("show", "unknown.example")
        .assertOk()
        .assertPrints("zone unknown.example. serial -", "configuration: none");
    created();
    host("disable", "example.com").assertBadInput("host disable: Secondary DNS was never enabled");

    host("enable", "example.com", "--preset", "example-secondary", "--allow", "127.0.0.1")
        .assertOk();
    assertEquals(
        "disabled example.com. revision 2",
        host("disable", "example.com").assertOk().out().strip());
    assertTrue(
        host("show", "example.com")
            .assertOk()
            .out()
            .contains("configuration: revision 2 disabled"));
  }

  @Test
  void enableWithAnUnknownPresetOrABadAllowIsBadInput() {
    created();
    host("enable", "example.com", "--preset", "no-such-preset").assertBadInput("no-such-preset");
    host("enable", "example.com", "--preset", "example-secondary", "--allow", "not an address")
        .assertBadInput("'not an address' is not an IPv4 or IPv6 address");
  }

  @Test
  void serveOnAnAddressInUseIsExit3() throws Exception {
    created();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      assertFailed(host("serve", "--listen", listen), "host serve: cannot listen on " + listen);
    }
    host("serve", "--listen", "nowhere").assertBadInput("--listen");
  }
}
