package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.TransferSource;
import io.github.secdns.core.spi.Validity;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * Checks that need only the configuration and the host's facts: DNSSEC, propagation of the
 * configuration, secondaries that are primaries, ACL, addresses the provider retired or added, TSIG
 * keys, SOA timers, IPv4-only providers and NOTIFY outcomes.
 */
final class SetupCheck {

  // Zonemaster's defaults (zonemaster-engine share/profile.yaml, ZONE02 to ZONE06).
  static final long MIN_REFRESH = 14_400;
  static final long MIN_RETRY = 3_600;
  static final long MIN_EXPIRE = 604_800;
  static final long MIN_MINIMUM = 300;
  static final long MAX_MINIMUM = 86_400;

  private SetupCheck() {}

  static void run(SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    dnssec(facts, out);
    propagation(config, facts, out);
    secondaryIsPrimary(config, facts, out);
    acl(config, facts, out);
    facts.provider().ifPresent(preset -> providerAddresses(config, preset, facts, out));
    tsig(config, out);
    facts
        .primarySoa()
        .ifPresentOrElse(
            soa -> soaTimers(soa, out),
            () ->
                out.add(
                    DiagnosticCode.PRIMARY_SOA_UNKNOWN,
                    "The primary's SOA record is unknown, so the serials the name servers serve and the SOA"
                        + " timers could not be checked.",
                    "Pass the primary's current SOA to the diagnostics."));
    if (!ipFamily(facts, out)) {
      endpointFamilies(config, facts, out);
    }
    notify(config, facts, out);
  }

  private static void dnssec(HostFacts facts, FindingList out) {
    Optional<Boolean> dnssec = facts.dnssecEnabled();
    if (dnssec.isEmpty()) {
      out.add(
          DiagnosticCode.DNSSEC_STATE_UNKNOWN,
          "It is unknown whether DNSSEC is enabled for the zone.",
          "Pass the zone's DNSSEC state to the diagnostics.");
    } else if (dnssec.get()) {
      out.add(
          DiagnosticCode.DNSSEC_ENABLED,
          "You cannot set up Secondary DNS if you have DNSSEC enabled. They will not work in"
              + " conjunction: signatures are not transferred to the secondary name servers.",
          "Disable DNSSEC (remove the DS record at the registrar first, then wait for its TTL), or"
              + " disable Secondary DNS.");
    }
  }

  private static void propagation(
      SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    if (facts.appliedRevision().isEmpty()) {
      out.add(
          DiagnosticCode.APPLIED_REVISION_UNKNOWN,
          "It is unknown whether the primary name server has applied the latest Secondary DNS"
              + " configuration.",
          "Pass the configuration revision the primary applied to the diagnostics.");
    } else if (config.revision() > facts.appliedRevision().getAsLong()) {
      out.add(
          DiagnosticCode.CONFIGURATION_PROPAGATING,
          "The Secondary DNS configuration update is still propagating to the primary name"
              + " server (revision "
              + config.revision()
              + " saved, "
              + facts.appliedRevision().getAsLong()
              + " applied).",
          "No action needed: wait a few minutes and check again.");
    }
  }

  private static void acl(SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    if (!config.transferAuthentication().requiresAddress()) {
      return; // authorized by key alone: the ACL is not consulted
    }
    if (config.transferAcl().isEmpty()) {
      out.add(
          DiagnosticCode.TRANSFER_ACL_EMPTY,
          "No IP address is allowed to transfer the zone, so the secondary name servers cannot"
              + " copy it.",
          "Add the IP addresses your Secondary DNS provider transfers from to the configuration.");
      return;
    }
    List<AddressPrefix> refused =
        facts.secondaryTransferSources().stream()
            .filter(source -> !covered(config, source))
            .collect(Collectors.toList());
    if (!refused.isEmpty()) {
      String text =
          refused.stream().map(p -> p + since(facts, p)).collect(Collectors.joining(", "));
      out.add(
          DiagnosticCode.TRANSFER_SOURCE_NOT_ALLOWED,
          List.of(),
          refused.stream().map(AddressPrefix::network).collect(Collectors.toList()),
          "The Secondary DNS provider transfers the zone from "
              + text
              + ", which the transfer"
              + " ACL does not allow: its transfers will be refused.",
          "Add "
              + refused.stream().map(Object::toString).collect(Collectors.joining(", "))
              + " to the IP addresses allowed to transfer the zone.");
    }
    if (config.transferAuthentication().requiresKey()) {
      return; // a TSIG key is still required: an open ACL exposes nothing
    }
    List<String> open =
        config.transferAcl().stream()
            .map(AclEntry::prefix)
            .filter(p -> p.isEverything())
            .map(Object::toString)
            .sorted()
            .collect(Collectors.toList());
    if (!open.isEmpty()) {
      out.add(
          DiagnosticCode.TRANSFER_ACL_OPEN,
          "The transfer ACL contains "
              + String.join(" and ", open)
              + ": anyone on the Internet"
              + " can download the whole zone.",
          "Replace it with the IP addresses your Secondary DNS provider transfers from, or require"
              + " a TSIG key for transfers.");
    }
  }

  /** Whether one ACL entry holds the whole source network (a single address is a /32 or /128). */
  private static boolean covered(SecondaryDnsConfiguration config, AddressPrefix source) {
    return config.transferAcl().stream().map(AclEntry::prefix).anyMatch(p -> within(source, p));
  }

  /** Whether {@code inner} lies wholly in {@code outer}. */
  private static boolean within(AddressPrefix inner, AddressPrefix outer) {
    return outer.length() <= inner.length() && outer.contains(inner.network());
  }

  /** " (since D)" when the provider's preset says from which day it uses the source. */
  private static String since(HostFacts facts, AddressPrefix source) {
    return facts
        .provider()
        .flatMap(
            preset ->
                preset.transferSources().stream()
                    .filter(s -> s.prefix().equals(source))
                    .flatMap(s -> s.validity().from().stream())
                    .findFirst())
        .map(day -> " (since " + day + ")")
        .orElse("");
  }

  private static void secondaryIsPrimary(
      SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    for (Name secondary : config.secondaryNameServerNames()) {
      Name name = Names.canonical(secondary);
      if (facts.primaryNameServers().contains(name)) {
        out.add(
            DiagnosticCode.SECONDARY_IS_PRIMARY_NAME_SERVER,
            List.of(name),
            List.of(),
            "The secondary name server "
                + Names.display(name)
                + " is one of the primary name servers of the zone: it adds no redundancy.",
            "Replace it with the name servers your Secondary DNS provider assigned.");
      }
    }
  }

  /**
   * Compares the configuration with the addresses the provider uses today: configured addresses it
   * retired, and NOTIFY targets it uses that the configuration lacks. (A missing transfer source is
   * {@code TRANSFER_SOURCE_NOT_ALLOWED}.)
   */
  private static void providerAddresses(
      SecondaryDnsConfiguration config, PresetDefinition preset, HostFacts facts, FindingList out) {
    LocalDate today = Validity.today(facts.clock());
    String provider = preset.displayName();
    if (config.transferAuthentication().requiresAddress()) {
      for (AclEntry entry : config.transferAcl()) {
        Optional<TransferSource> retired =
            preset.transferSources().stream()
                .filter(s -> s.validity().hasEnded(today) && within(entry.prefix(), s.prefix()))
                .findFirst();
        boolean stillUsed =
            preset.transferSources().stream()
                .anyMatch(s -> !s.validity().hasEnded(today) && within(entry.prefix(), s.prefix()));
        if (retired.isPresent() && !stillUsed) {
          out.add(
              DiagnosticCode.PROVIDER_ADDRESS_RETIRED,
              List.of(),
              List.of(entry.prefix().network()),
              "The transfer ACL still allows "
                  + entry.prefix()
                  + ", which "
                  + provider
                  + " stopped transferring from on "
                  + retired.get().validity().until().orElseThrow()
                  + ".",
              "Remove "
                  + entry.prefix()
                  + " from the IP addresses allowed to transfer the zone: the provider no longer"
                  + " uses it, and it may now be someone else's.");
        }
      }
    }
    for (NotifyTarget target : config.notifyTargets()) {
      Optional<PresetNotifyTarget> retired =
          preset.notifyTargets().stream()
              .filter(t -> t.validity().hasEnded(today) && same(t, target))
              .findFirst();
      boolean stillUsed =
          preset.notifyTargets().stream()
              .anyMatch(t -> !t.validity().hasEnded(today) && same(t, target));
      if (retired.isPresent() && !stillUsed) {
        String where = Names.display(target.address()) + " port " + target.port();
        out.add(
            DiagnosticCode.PROVIDER_ADDRESS_RETIRED,
            List.of(),
            List.of(target.address()),
            "NOTIFY is still sent to "
                + where
                + ", which "
                + provider
                + " stopped using on "
                + retired.get().validity().until().orElseThrow()
                + ".",
            "Remove the NOTIFY target " + where + ".");
      }
    }
    if (config.notifyTargets().isEmpty()) {
      return; // NOTIFY_NOT_CONFIGURED says it once
    }
    for (PresetNotifyTarget target : preset.notifyTargetsOn(today)) {
      if (config.notifyTargets().stream().noneMatch(t -> same(target, t))) {
        String where = Names.display(target.address()) + " port " + target.port();
        out.add(
            DiagnosticCode.PROVIDER_NOTIFY_TARGET_MISSING,
            List.of(),
            List.of(target.address()),
            provider
                + " receives NOTIFY at "
                + where
                + target.validity().from().map(d -> " (since " + d + ")").orElse("")
                + ", which is not among the NOTIFY targets: it learns about changes from the"
                + " other targets or only when it polls.",
            "Add the NOTIFY target " + where + ".");
      }
    }
  }

  private static boolean same(PresetNotifyTarget preset, NotifyTarget configured) {
    return preset.address().equals(configured.address()) && preset.port() == configured.port();
  }

  private static void tsig(SecondaryDnsConfiguration config, FindingList out) {
    for (TsigKey key : config.tsigKeys()) {
      String name = Names.display(key.name());
      if (key.algorithm().isWeak()) {
        out.add(
            DiagnosticCode.TSIG_WEAK_ALGORITHM,
            "The TSIG key "
                + name
                + " uses "
                + key.algorithm().mnemonic()
                + ", which is no longer recommended (RFC 8945).",
            "Create a new hmac-sha256 key (for example with tsig-keygen), configure it at the"
                + " Secondary DNS provider and here, then remove the old key.");
      }
      int needed = key.algorithm().macLength();
      if (key.secretLength() < needed) {
        out.add(
            DiagnosticCode.TSIG_SHORT_SECRET,
            "The secret of the TSIG key "
                + name
                + " is "
                + key.secretLength()
                + " bytes long,"
                + " shorter than the "
                + needed
                + " bytes of "
                + key.algorithm().mnemonic()
                + " output (RFC 2104 strongly discourages shorter keys).",
            "Generate a new secret of at least "
                + needed
                + " random bytes (tsig-keygen does) and"
                + " configure it at the Secondary DNS provider and here.");
      }
    }
  }

  private static void soaTimers(SoaData soa, FindingList out) {
    String fix = "Change the SOA record of the zone: ";
    if (soa.refresh() < MIN_REFRESH) {
      out.add(
          DiagnosticCode.SOA_REFRESH_TOO_LOW,
          "The SOA refresh is "
              + Texts.seconds(soa.refresh())
              + ", below "
              + Texts.seconds(MIN_REFRESH)
              + ": secondaries poll the primary more often than"
              + " needed.",
          fix + "set refresh to at least " + MIN_REFRESH + "; NOTIFY brings changes faster.");
    }
    if (soa.retry() >= soa.refresh()) {
      out.add(
          DiagnosticCode.SOA_RETRY_NOT_BELOW_REFRESH,
          "The SOA retry ("
              + soa.retry()
              + ") is not below the refresh ("
              + soa.refresh()
              + "): a failed check is retried no sooner than a normal one.",
          fix + "set retry below refresh.");
    }
    if (soa.retry() < MIN_RETRY) {
      out.add(
          DiagnosticCode.SOA_RETRY_TOO_LOW,
          "The SOA retry is "
              + Texts.seconds(soa.retry())
              + ", below "
              + Texts.seconds(MIN_RETRY)
              + ".",
          fix + "set retry to at least " + MIN_RETRY + ".");
    }
    if (soa.expire() < MIN_EXPIRE) {
      out.add(
          DiagnosticCode.SOA_EXPIRE_TOO_LOW,
          "The SOA expire is "
              + Texts.seconds(soa.expire())
              + ", below "
              + Texts.seconds(MIN_EXPIRE)
              + ": if the primary is unreachable that long, the"
              + " secondary name servers stop answering for the zone, which defeats the point of"
              + " Secondary DNS.",
          fix
              + "set expire to at least "
              + MIN_EXPIRE
              + " (one week); two to four weeks is"
              + " common.");
    }
    if (soa.expire() < soa.refresh()) {
      out.add(
          DiagnosticCode.SOA_EXPIRE_BELOW_REFRESH,
          "The SOA expire ("
              + soa.expire()
              + ") is below the refresh ("
              + soa.refresh()
              + "): the secondaries' copy can expire before they even check for a new one.",
          fix + "set expire well above refresh.");
    }
    if (soa.minimum() < MIN_MINIMUM) {
      out.add(
          DiagnosticCode.SOA_MINIMUM_TOO_LOW,
          "The SOA minimum (negative-caching TTL) is "
              + Texts.seconds(soa.minimum())
              + ", below "
              + Texts.seconds(MIN_MINIMUM)
              + ": resolvers ask again for names that"
              + " do not exist very often.",
          fix + "set the minimum between " + MIN_MINIMUM + " and " + MAX_MINIMUM + ".");
    }
    if (soa.minimum() > MAX_MINIMUM) {
      out.add(
          DiagnosticCode.SOA_MINIMUM_TOO_HIGH,
          "The SOA minimum (negative-caching TTL) is "
              + Texts.seconds(soa.minimum())
              + ", above "
              + Texts.seconds(MAX_MINIMUM)
              + ": a name you add can stay invisible"
              + " that long to resolvers that asked for it before.",
          fix + "set the minimum between " + MIN_MINIMUM + " and " + MAX_MINIMUM + ".");
    }
  }

  /** Returns whether {@code PRIMARY_IPV6_ONLY} was reported. */
  private static boolean ipFamily(HostFacts facts, FindingList out) {
    if (facts.secondaryAcceptsIpv6Primary().orElse(true)) {
      return false;
    }
    if (facts.primaryTransferAddresses().isEmpty()) {
      out.add(
          DiagnosticCode.PRIMARY_TRANSFER_ADDRESSES_UNKNOWN,
          "The Secondary DNS provider transfers only from IPv4 primaries, and the primary's"
              + " transfer addresses are unknown, so it could not be checked that it has one.",
          "Pass the primary's transfer addresses to the diagnostics.");
      return false;
    }
    boolean ipv6Only =
        facts.primaryTransferAddresses().stream().allMatch(a -> a instanceof Inet6Address);
    if (ipv6Only) {
      out.add(
          DiagnosticCode.PRIMARY_IPV6_ONLY,
          List.of(),
          facts.primaryTransferAddresses(),
          "The primary can be reached for transfers only over IPv6 ("
              + Names.displayAddresses(facts.primaryTransferAddresses())
              + "), but the Secondary"
              + " DNS provider accepts IPv4 primaries only: it cannot transfer the zone.",
          "Give the primary an IPv4 transfer address and tell the provider to use it.");
    }
    return ipv6Only;
  }

  /**
   * Whether any address the provider transfers from has a family of the transfer endpoint: the
   * provider's own transfer sources when known, else the transfer ACL when it is consulted. A
   * source network of one family can never open a connection to an address of the other.
   */
  private static void endpointFamilies(
      SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    Set<InetAddress> endpoint = facts.primaryTransferAddresses();
    List<AddressPrefix> sources =
        !facts.secondaryTransferSources().isEmpty()
            ? facts.secondaryTransferSources()
            : config.transferAuthentication().requiresAddress()
                ? config.transferAcl().stream().map(AclEntry::prefix).collect(Collectors.toList())
                : List.of();
    if (endpoint.isEmpty() || sources.isEmpty()) {
      return;
    }
    boolean sourcesV6 = sources.stream().anyMatch(p -> p.network() instanceof Inet6Address);
    boolean sourcesV4 = sources.stream().anyMatch(p -> !(p.network() instanceof Inet6Address));
    boolean endpointV6 = endpoint.stream().anyMatch(a -> a instanceof Inet6Address);
    boolean endpointV4 = endpoint.stream().anyMatch(a -> !(a instanceof Inet6Address));
    if ((sourcesV4 && endpointV4) || (sourcesV6 && endpointV6)) {
      return;
    }
    String sourceFamily = sourcesV4 ? "IPv4" : "IPv6";
    String endpointFamily = endpointV4 ? "IPv4" : "IPv6";
    out.add(
        DiagnosticCode.TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT,
        List.of(),
        endpoint,
        "The Secondary DNS provider transfers from "
            + sourceFamily
            + " addresses only ("
            + sources.stream().map(Object::toString).collect(Collectors.joining(", "))
            + "), but the primary's transfer endpoint has "
            + endpointFamily
            + " addresses only ("
            + Names.displayAddresses(endpoint)
            + "): its transfers cannot reach the primary.",
        "Give the transfer endpoint an "
            + sourceFamily
            + " address and tell the provider, or allow the provider's "
            + endpointFamily
            + " transfer addresses if it has any.");
  }

  private static void notify(SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    if (config.notifyTargets().isEmpty()) {
      out.add(
          DiagnosticCode.NOTIFY_NOT_CONFIGURED,
          "No NOTIFY target is configured: the secondary name servers learn about changes only"
              + " when they poll the primary (the SOA refresh interval).",
          "Add the addresses your Secondary DNS provider receives NOTIFY messages on.");
      return;
    }
    for (NotifyTarget target : config.notifyTargets()) {
      String where = Names.display(target.address()) + " port " + target.port();
      Optional<NotifyOutcome> latest =
          facts.notifyOutcomes().stream()
              .filter(o -> o.address().equals(target.address()) && o.port() == target.port())
              .max(
                  Comparator.comparing(NotifyOutcome::at)
                      .thenComparing(o -> o.rcode().orElse(Integer.MAX_VALUE)));
      List<InetAddress> address = List.of(target.address());
      if (latest.isEmpty()) {
        out.add(
            DiagnosticCode.NOTIFY_OUTCOME_UNKNOWN,
            List.of(),
            address,
            "No NOTIFY to "
                + where
                + " is known, so it is unknown whether it reaches the"
                + " secondary.",
            "Publish a change (or send NOTIFY now) and check again.");
        continue;
      }
      Optional<Integer> rcode = latest.get().rcode();
      if (rcode.isEmpty()) {
        out.add(
            DiagnosticCode.NOTIFY_UNANSWERED,
            List.of(),
            address,
            "The NOTIFY sent to "
                + where
                + " was never answered: the secondary learns about"
                + " changes only when it polls.",
            "Check with the Secondary DNS provider which address receives NOTIFY messages (it is"
                + " often not the name server's address) and that UDP port "
                + target.port()
                + " is open.");
      } else if (rcode.get() == Rcode.NOTIMP) {
        out.add(
            DiagnosticCode.NOTIFY_NOT_SUPPORTED,
            List.of(),
            address,
            where + " does not implement NOTIFY (NOTIMP): the secondary relies on polling.",
            "Nothing to fix; remove the target if the provider offers no NOTIFY address.");
      } else if (rcode.get() != Rcode.NOERROR) {
        out.add(
            DiagnosticCode.NOTIFY_REFUSED,
            List.of(),
            address,
            where
                + " answered the NOTIFY with "
                + Texts.rcode(rcode.get())
                + ": it does not accept this primary for the zone.",
            "Make sure the zone is set up at the Secondary DNS provider with this primary, and"
                + " that the NOTIFY target is the provider's NOTIFY address.");
      }
    }
  }
}
