package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} with a preset: what the provider is told (issue 15's endpoint by the preset's
 * capabilities; every combination in {@link EndpointLinesTest}), the values of the clock's day with
 * their confidence, the preset's warnings, and the refusal of a service that cannot be a secondary.
 * Nothing is sent to a preset's addresses.
 */
class ServePresetTest {

  private static RunningServe serve(Clock clock, String... args) {
    return RunningServe.startOn(clock, null, args);
  }

  /** Linode's form takes addresses, not names: it gets both families' addresses, no host name. */
  @Test
  void aProviderThatTakesAddressesOnlyGetsTheAddresses() throws Exception {
    try (RunningServe serve =
        serve(
            Clock.systemUTC(),
            "--listen",
            "127.0.0.1:0",
            "--listen",
            "[::1]:0",
            "--endpoint-name",
            "axfr.example.net",
            "--preset",
            "linode")) {
      serve.awaitListening();
      List<InetSocketAddress> bound = ServeCommandTest.bound(serve);
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "Tell your secondary provider:\n"
                  + "  primary (transfer) server:    "
                  + Addresses.format(bound.get(0))
                  + ", "
                  + Addresses.format(bound.get(1))
                  + " (this provider takes addresses only)\n"),
          out);
      assertFalse(out.contains("axfr.example.net"), out);
    }
  }

  /**
   * The preset is applied with the addresses of the clock's day, each shown with its confidence,
   * and its warnings come first.
   */
  @Test
  void thePresetsValuesOfTheDayWithTheirConfidenceAndWarnings() throws Exception {
    String[] cloudflare = {
      "--listen",
      "127.0.0.1:0",
      "--preset",
      "cloudflare",
      "--secondary-ns",
      "ns1234.secondary.cloudflare.com"
    };
    try (RunningServe serve = serve(Cli.on(2026, 11, 30), cloudflare)) {
      serve.awaitListening();
      String out = serve.out.text();
      assertTrue(
          out.contains(
              """
                preset cloudflare (Cloudflare): the values it uses on 2026-11-30 (UTC)
              Tell your secondary provider:
              """),
          out);
      assertTrue(
          out.contains(
              "  allowed to transfer (ACL):    104.30.167.163 (Cloudflare) [official],"
                  + " 104.30.167.173 (Cloudflare) [official], 2a09:bac0:1000:c47::/64"
                  + " (Cloudflare) [official], 198.41.144.240/28 (Cloudflare) [official], "),
          out);
      assertTrue(out.contains("  NOTIFY targets of the preset: 172.65.30.82:53 [official], "), out);
      // The names were typed: no source to show.
      assertTrue(out.contains("  secondaries:  ns1234.secondary.cloudflare.com\n"), out);
    }
    try (RunningServe serve = serve(Cli.on(2026, 12, 1), cloudflare)) {
      serve.awaitListening();
      String out = serve.out.text();
      assertTrue(out.contains("the values it uses on 2026-12-01 (UTC)\n"), out);
      assertFalse(out.contains("198.41.144.240/28"), out);
    }
    try (RunningServe serve =
        serve(Cli.on(2026, 12, 2), "--listen", "127.0.0.1:0", "--preset", "dnsmadeeasy")) {
      serve.awaitListening();
      String out = serve.out.text();
      String medium = " [medium: verify before use]";
      assertTrue(
          out.contains(
              "  preset dnsmadeeasy (DNS Made Easy): the values it uses on 2026-12-02 (UTC), with"
                  + " warnings:\n"
                  + "  ! These values of DNS Made Easy are not from its own current"
                  + " documentation (medium: verify before use); "),
          out);
      assertTrue(out.contains(" [VALUES_NEED_VERIFICATION]\nTell your secondary provider:"), out);
      assertTrue(
          out.contains("  allowed to transfer (ACL):    208.94.147.135 (DNS Made Easy)" + medium),
          out);
      assertTrue(
          out.contains("  secondaries:  " + PlanCommandTest.DNS_MADE_EASY_NAMES + "\n"), out);
    }
  }

  /** A deprecated preset is served, with its warning. */
  @Test
  void aDeprecatedPresetWarns() throws Exception {
    try (RunningServe serve =
        serve(
            Cli.on(2026, 12, 2),
            "--listen",
            "127.0.0.1:0",
            "--preset",
            "dyn-managed",
            "--secondary-ns",
            "ns1.p01.dynect.net")) {
      serve.awaitListening();
      String out = serve.out.text();
      assertTrue(out.contains("\n  ! Dyn Managed is deprecated: "), out);
      assertTrue(out.contains(" [DEPRECATED_PRESET]\n"), out);
    }
  }

  @Test
  void aServiceThatCannotBeASecondaryIsAUsageError() {
    Cli.run("serve", "--listen", "127.0.0.1:0", "--preset", "route53")
        .assertBadInput(
            "secdns --preset: Amazon Route 53 (preset route53) cannot act as a secondary: Route 53"
                + " does not support zone transfers (AXFR/IXFR)");
    Cli.run("serve", "--listen", "127.0.0.1:0", "--preset", "desec", "--secondary-ns", "a.example")
        .assertBadInput("(preset desec) cannot act as a secondary: ");
  }
}
