package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.XotPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Rcode;

/**
 * Zone transfer over TLS (XoT, RFC 9103): whether the secondary provider can pull a zone that
 * requires it, and what each probe of the primary's XoT listener found (reachability, TLS 1.3
 * handshake, ALPN {@code dot}, the certificate's validity, name and trust, the zone's SOA over
 * TLS). Nothing is checked for a zone that does not offer XoT.
 */
final class XotCheck {

  /** A certificate closer than this to its expiry is a warning. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private XotCheck() {}

  static void run(
      SecondaryDnsConfiguration config,
      HostFacts facts,
      Observations obs,
      Instant now,
      FindingList out) {
    XotPolicy policy = config.xotPolicy();
    if (!policy.allowsTls()) {
      return;
    }
    if (policy == XotPolicy.REQUIRED) {
      Optional<Boolean> pulls = facts.secondaryPullsOverXot();
      if (pulls.isEmpty()) {
        out.add(
            DiagnosticCode.XOT_PROVIDER_SUPPORT_UNKNOWN,
            "The zone is transferred over TLS only, and it is unknown whether the Secondary DNS"
                + " provider can pull zones over TLS.",
            "Check with the provider that its secondaries support zone transfer over TLS (XoT,"
                + " RFC 9103).");
      } else if (!pulls.get()) {
        out.add(
            DiagnosticCode.XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER,
            "The zone is transferred over TLS only, but the Secondary DNS provider does not pull"
                + " zones over TLS: its secondaries cannot transfer the zone at all.",
            "Allow transfers over plain TCP as well (protected by the ACL and a TSIG key), or"
                + " choose a provider that supports zone transfer over TLS.");
      }
      if (obs.xotProbes().isEmpty()) {
        out.add(
            DiagnosticCode.XOT_LISTENER_NOT_PROBED,
            "The zone is transferred over TLS only, but the primary's TLS listener was not"
                + " checked.",
            "Probe the primary's XoT listener (port 853).");
      }
    }
    for (XotProbe probe : obs.xotProbes()) {
      check(probe, now, out);
    }
  }

  private static void check(XotProbe probe, Instant now, FindingList out) {
    String at = Names.display(probe.address()) + " port " + probe.port();
    List<java.net.InetAddress> where = List.of(probe.address());
    switch (probe.outcome()) {
      case TIMED_OUT, NETWORK_ERROR -> {
        out.add(
            DiagnosticCode.XOT_LISTENER_UNREACHABLE,
            List.of(),
            where,
            "The primary's TLS listener at "
                + at
                + " could not be reached ("
                + (probe.outcome() == XotProbe.Outcome.TIMED_OUT ? "timed out" : "network error")
                + detail(probe)
                + "): secondaries cannot transfer the zone over TLS.",
            "Check that the listener runs and that firewalls let TCP port "
                + probe.port()
                + " through from the provider's transfer addresses.");
        return;
      }
      case HANDSHAKE_FAILED ->
          out.add(
              DiagnosticCode.XOT_HANDSHAKE_FAILED,
              List.of(),
              where,
              "The primary's TLS listener at "
                  + at
                  + " did not complete a TLS 1.3 handshake"
                  + detail(probe)
                  + ".",
              "Check the listener's certificate and key, and that it offers TLS 1.3, which zone"
                  + " transfer over TLS requires (RFC 9103 section 7.1).");
      default -> {
        if (!probe.negotiatedDot()) {
          out.add(
              DiagnosticCode.XOT_ALPN_NOT_NEGOTIATED,
              List.of(),
              where,
              "The primary's TLS listener at "
                  + at
                  + " completed the handshake without the ALPN protocol \"dot\" (it chose "
                  + (probe.applicationProtocol().orElse("").isEmpty()
                      ? "none"
                      : "\"" + probe.applicationProtocol().get() + "\"")
                  + "): secondaries get no zone over it (RFC 9103 section 7.1).",
              "Make the listener offer the ALPN protocol \"dot\"; a TLS proxy in front of the"
                  + " primary must pass it on.");
        }
        probe
            .soaRcode()
            .filter(rcode -> rcode != Rcode.NOERROR)
            .ifPresent(
                rcode ->
                    out.add(
                        DiagnosticCode.XOT_ZONE_NOT_ANSWERED,
                        List.of(),
                        where,
                        "The primary's TLS listener at "
                            + at
                            + " answered the zone's SOA query with "
                            + Texts.rcode(rcode)
                            + ".",
                        "Make sure the listener belongs to the primary that serves the zone."));
      }
    }
    probe.certificate().ifPresent(c -> checkCertificate(probe, c, at, now, out));
  }

  private static void checkCertificate(
      XotProbe probe, CertificateFacts c, String at, Instant now, FindingList out) {
    List<java.net.InetAddress> where = List.of(probe.address());
    String which = "The certificate of the primary's TLS listener at " + at + " (" + c.subject();
    if (now.isAfter(c.notAfter())) {
      out.add(
          DiagnosticCode.XOT_CERTIFICATE_EXPIRED,
          List.of(),
          where,
          which + ") expired on " + c.notAfter() + ": secondaries that verify it refuse it.",
          "Install a renewed certificate and reload the listener.");
    } else if (now.isBefore(c.notBefore())) {
      out.add(
          DiagnosticCode.XOT_CERTIFICATE_EXPIRED,
          List.of(),
          where,
          which
              + ") is not valid before "
              + c.notBefore()
              + ": secondaries that verify it refuse it.",
          "Check the clock of the machine that issued it, or install a certificate valid now.");
    } else if (now.plus(EXPIRY_WARNING).isAfter(c.notAfter())) {
      long days = Duration.between(now, c.notAfter()).toDays();
      out.add(
          DiagnosticCode.XOT_CERTIFICATE_EXPIRES_SOON,
          List.of(),
          where,
          which
              + ") expires on "
              + c.notAfter()
              + ", in "
              + (days == 0 ? "less than a day" : days + (days == 1 ? " day" : " days"))
              + ".",
          "Renew the certificate and reload the listener before it expires.");
    }
    if (probe.expectedName().isPresent() && !c.isValidFor(probe.expectedName().get())) {
      out.add(
          DiagnosticCode.XOT_CERTIFICATE_NAME_MISMATCH,
          List.of(),
          where,
          which
              + ") is not valid for "
              + probe.expectedName().get()
              + ", the name secondaries verify (it names "
              + (c.dnsNames().isEmpty() ? "no host name" : String.join(", ", c.dnsNames()))
              + "): secondaries in strict TLS mode refuse it.",
          "Use a certificate whose subject alternative names include "
              + probe.expectedName().get()
              + ", or give the provider the name the certificate has.");
    }
    if (probe.trusted().isPresent() && !probe.trusted().get()) {
      out.add(
          DiagnosticCode.XOT_CERTIFICATE_UNTRUSTED,
          List.of(),
          where,
          which
              + ") does not chain to the certificate authorities the check was given:"
              + " secondaries in strict TLS mode refuse it.",
          "Send the whole chain (the server certificate, then its intermediates) and give the"
              + " provider the authority that issued it.");
    }
  }

  private static String detail(XotProbe probe) {
    return probe.detail().isEmpty() ? "" : ": " + probe.detail();
  }
}
