package io.github.secdns.core.diagnostics;

import io.github.secdns.core.serial.SerialComparison;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * Whether one name server serves the zone data the primary serves: addresses, reachability over UDP
 * and TCP, authority, and the serial in RFC 1982 arithmetic (Zonemaster CONSISTENCY01,
 * CONNECTIVITY01/02, DELEGATION04; DNSimple's "not serving the same zone data").
 */
final class ServingCheck {

  /** What the check learned about one name server, besides its findings. */
  record Result(List<InetAddress> addresses, List<SerialNumber> servedSerials, boolean confirmed) {}

  /** Per code: the addresses concerned and one detail line each. */
  private final Map<DiagnosticCode, TreeSet<InetAddress>> addressesByCode =
      new EnumMap<>(DiagnosticCode.class);

  private final Map<DiagnosticCode, TreeSet<String>> detailsByCode =
      new EnumMap<>(DiagnosticCode.class);

  private final Name server;
  private final NameServerRole role;
  private final HostFacts facts;
  private final Instant now;

  /** The catalog that lists the zone, when the secondaries should provision it from there. */
  private final Optional<CatalogListing> catalog;

  private ServingCheck(
      Name server,
      NameServerRole role,
      HostFacts facts,
      Instant now,
      Optional<CatalogListing> catalog) {
    this.server = server;
    this.role = role;
    this.facts = facts;
    this.now = now;
    this.catalog = catalog;
  }

  static Result run(
      Name server,
      NameServerRole role,
      HostFacts facts,
      Instant now,
      Optional<CatalogListing> catalog,
      Observations obs,
      FindingList out) {
    return new ServingCheck(server, role, facts, now, catalog).check(obs, out);
  }

  private Result check(Observations obs, FindingList out) {
    List<SoaProbe> probes =
        obs.soaProbes().stream()
            .filter(p -> p.nameServer().equals(server))
            .collect(Collectors.toList());
    Optional<Set<InetAddress>> resolved =
        Optional.ofNullable(obs.nameServerAddresses().get(server));
    TreeSet<InetAddress> addresses = new TreeSet<>(Names.ADDRESS_ORDER);
    resolved.ifPresent(addresses::addAll);
    probes.forEach(p -> addresses.add(p.address()));
    String name = Names.display(server);
    if (resolved.isPresent() && resolved.get().isEmpty() && addresses.isEmpty()) {
      out.add(
          DiagnosticCode.NAME_SERVER_WITHOUT_ADDRESS,
          List.of(server),
          List.of(),
          "The name server " + name + " has no IPv4 or IPv6 address, so nobody can query it.",
          "Check the name with your " + provider() + "; add A/AAAA records (or glue) for it.");
      return new Result(List.of(), List.of(), false);
    }
    if (addresses.isEmpty()) {
      out.add(
          DiagnosticCode.NAME_SERVER_NOT_PROBED,
          List.of(server),
          List.of(),
          "The name server "
              + name
              + " was not resolved or queried, so it is unknown whether it"
              + " serves the zone.",
          "Run the check again.");
      return new Result(List.of(), List.of(), false);
    }
    TreeSet<SerialNumber> served = new TreeSet<>();
    boolean confirmed = true;
    for (InetAddress address : addresses) {
      confirmed &= checkAddress(address, probes, served);
    }
    emit(out);
    return new Result(List.copyOf(addresses), List.copyOf(served), confirmed);
  }

  /** Returns true when the address answered authoritatively with the primary's serial. */
  private boolean checkAddress(InetAddress address, List<SoaProbe> all, Set<SerialNumber> served) {
    List<SoaProbe> probes =
        all.stream()
            // SOA answers over TLS belong to the XoT check (XotProbe), not to this one.
            .filter(p -> p.address().equals(address) && p.transport() != Transport.TLS)
            .collect(Collectors.toList());
    List<SoaProbe> udp =
        probes.stream().filter(p -> p.transport() == Transport.UDP).collect(Collectors.toList());
    List<SoaProbe> tcp =
        probes.stream().filter(p -> p.transport() == Transport.TCP).collect(Collectors.toList());
    String at = Names.display(address);
    boolean udpDown = !udp.isEmpty() && udp.stream().noneMatch(SoaProbe::isAnswered);
    boolean tcpDown = !tcp.isEmpty() && tcp.stream().noneMatch(SoaProbe::isAnswered);
    if (udp.isEmpty() && tcp.isEmpty()) {
      note(DiagnosticCode.NAME_SERVER_NOT_PROBED, address, at + " over UDP and TCP");
      return false;
    }
    if ((udpDown || udp.isEmpty()) && (tcpDown || tcp.isEmpty())) {
      note(DiagnosticCode.NAME_SERVER_UNREACHABLE, address, at + " (" + failure(probes) + ")");
    } else if (udpDown) {
      note(DiagnosticCode.NAME_SERVER_UDP_UNREACHABLE, address, at + " (" + failure(udp) + ")");
    } else if (tcpDown) {
      note(DiagnosticCode.NAME_SERVER_TCP_UNREACHABLE, address, at + " (" + failure(tcp) + ")");
    }
    if (udp.isEmpty()) {
      note(DiagnosticCode.NAME_SERVER_NOT_PROBED, address, at + " over UDP");
    }
    if (tcp.isEmpty()) {
      note(DiagnosticCode.NAME_SERVER_NOT_PROBED, address, at + " over TCP");
    }
    boolean good = false;
    boolean allGood = !udpDown && !tcpDown;
    for (SoaProbe p : probes) {
      if (!p.isAnswered()) {
        continue;
      }
      if (!p.isAuthoritativeAnswer()) {
        note(notAuthoritative(), address, at + " over " + p.transport() + " " + lameReason(p));
        allGood = false;
        continue;
      }
      SerialNumber serial = p.soa().orElseThrow().serial();
      served.add(serial);
      good |= compare(address, serial);
    }
    return good && allGood;
  }

  /** Returns true when the serial equals the primary's. */
  private boolean compare(InetAddress address, SerialNumber serial) {
    Optional<SoaData> primary = facts.primarySoa();
    if (primary.isEmpty()) {
      return false; // PRIMARY_SOA_UNKNOWN says so once for the whole report
    }
    SerialNumber expected = primary.get().serial();
    String at = Names.display(address) + " serves serial " + serial;
    SerialComparison c = serial.compareWith(expected);
    return switch (c) {
      case EQUAL -> true;
      case GREATER -> {
        note(DiagnosticCode.NAME_SERVER_AHEAD, address, at);
        yield false;
      }
      case UNDEFINED -> {
        note(DiagnosticCode.NAME_SERVER_SERIAL_INCOMPARABLE, address, at);
        yield false;
      }
      default -> {
        note(
            withinLagWindow(primary.get())
                ? DiagnosticCode.NAME_SERVER_PROPAGATING
                : DiagnosticCode.NAME_SERVER_LAGGING,
            address,
            at);
        yield false;
      }
    };
  }

  private boolean withinLagWindow(SoaData primary) {
    return within(primary, facts.primarySerialPublishedAt());
  }

  /**
   * True when {@code since} is at most the SOA's refresh plus retry ago: a secondary without NOTIFY
   * catches up within that time (RFC 1034 section 4.3.5).
   */
  private boolean within(SoaData soa, Optional<Instant> since) {
    if (since.isEmpty()) {
      return false;
    }
    long window = soa.refresh() + soa.retry();
    return Duration.between(since.get(), now).toSeconds() <= window;
  }

  /**
   * The code for an answer without authority: a secondary that should provision the zone from a
   * catalog that lists it failed to (or has not yet), else the name server is lame.
   */
  private DiagnosticCode notAuthoritative() {
    if (role != NameServerRole.SECONDARY || catalog.isEmpty()) {
      return DiagnosticCode.NAME_SERVER_LAME;
    }
    return within(catalog.get().catalogSoa(), catalog.get().listedSince())
        ? DiagnosticCode.CATALOG_MEMBER_PROPAGATING
        : DiagnosticCode.CATALOG_MEMBER_NOT_SERVED;
  }

  private void note(DiagnosticCode code, InetAddress address, String detail) {
    addressesByCode.computeIfAbsent(code, k -> new TreeSet<>(Names.ADDRESS_ORDER)).add(address);
    detailsByCode.computeIfAbsent(code, k -> new TreeSet<>()).add(detail);
  }

  private void emit(FindingList out) {
    addressesByCode.forEach(
        (code, addresses) -> {
          String details = String.join("; ", detailsByCode.get(code));
          out.add(code, List.of(server), addresses, message(code, details), remedy(code));
        });
  }

  private String message(DiagnosticCode code, String details) {
    String name = Names.display(server);
    String primarySerial = facts.primarySoa().map(s -> s.serial().toString()).orElse("?");
    String notSame =
        role == NameServerRole.SECONDARY
            ? "The secondary name server "
                + name
                + " is not serving the same zone data as the"
                + " primary"
            : "The primary name server " + name + " is not serving the latest zone data";
    return switch (code) {
      case NAME_SERVER_PROPAGATING ->
          notSame
              + " yet: the primary serves serial "
              + primarySerial
              + " but "
              + details
              + ". The change is recent ("
              + lagText()
              + "), so this is most likely a propagation"
              + " delay.";
      case NAME_SERVER_LAGGING ->
          notSame
              + ": the primary serves serial "
              + primarySerial
              + " but "
              + details
              + " ("
              + lagText()
              + "). This could be due to propagation delays or an issue with the"
              + " AXFR set up at the Secondary DNS provider.";
      case NAME_SERVER_AHEAD ->
          notSame
              + ": the primary serves serial "
              + primarySerial
              + " but "
              + details
              + ", which is newer. It will not take any change from the primary until the"
              + " primary's serial passes it; it may be loading the zone from another primary.";
      case NAME_SERVER_SERIAL_INCOMPARABLE ->
          notSame
              + ": the primary serves serial "
              + primarySerial
              + " but "
              + details
              + ", exactly 2^31 away, so neither can be said to be newer (RFC 1982) and it may"
              + " never update.";
      case NAME_SERVER_LAME ->
          "The name server "
              + name
              + " does not answer authoritatively for the zone: "
              + details
              + ".";
      case CATALOG_MEMBER_PROPAGATING ->
          "The secondary name server "
              + name
              + " does not serve the zone yet: "
              + details
              + ". The catalog zone "
              + catalogName()
              + " lists it since recently ("
              + catalogLagText()
              + "), so its consumers are most likely still adding it.";
      case CATALOG_MEMBER_NOT_SERVED ->
          "The secondary name server "
              + name
              + " does not serve the zone although the catalog zone "
              + catalogName()
              + " lists it ("
              + catalogLagText()
              + "): "
              + details
              + ". A name server that consumes the catalog adds its member zones by itself; this"
              + " one has not.";
      case NAME_SERVER_UNREACHABLE ->
          "The name server " + name + " did not answer: " + details + ".";
      case NAME_SERVER_UDP_UNREACHABLE ->
          "The name server "
              + name
              + " answers over TCP but not over UDP, which most"
              + " queries use: "
              + details
              + ".";
      case NAME_SERVER_TCP_UNREACHABLE ->
          "The name server "
              + name
              + " answers over UDP but not over TCP, which large"
              + " answers and zone transfers need: "
              + details
              + ".";
      default ->
          // NAME_SERVER_NOT_PROBED
          "The name server "
              + name
              + " was not queried at "
              + details
              + ", so it is unknown whether it serves the zone there.";
    };
  }

  private String lagText() {
    Optional<Instant> published = facts.primarySerialPublishedAt();
    Optional<SoaData> primary = facts.primarySoa();
    if (published.isEmpty() || primary.isEmpty()) {
      return "it is unknown since when the primary serves it";
    }
    long window = primary.get().refresh() + primary.get().retry();
    long elapsed = Duration.between(published.get(), now).toSeconds();
    return "published "
        + (elapsed < 0 ? "just now" : Texts.duration(elapsed) + " ago")
        + "; secondaries catch up within the SOA refresh plus retry, "
        + Texts.duration(window);
  }

  private String remedy(DiagnosticCode code) {
    return switch (code) {
      case NAME_SERVER_PROPAGATING ->
          "No action needed: recent changes can take time to reach every name server."
              + " Check again later.";
      case NAME_SERVER_LAGGING ->
          "Ensure the zone transfer (AXFR) is set up at the "
              + provider()
              + " with this"
              + " primary, that its transfer addresses are allowed, and that NOTIFY reaches it.";
      case NAME_SERVER_AHEAD, NAME_SERVER_SERIAL_INCOMPARABLE ->
          "Raise the primary's serial above the one the name server serves (in at most two"
              + " steps of less than 2^31, RFC 1982), or have the "
              + provider()
              + " reload the zone from this primary.";
      case CATALOG_MEMBER_PROPAGATING ->
          "No action needed: name servers that consume the catalog add new members soon"
              + " after they see the catalog change. Check again later.";
      case CATALOG_MEMBER_NOT_SERVED ->
          "Make sure the name server consumes the catalog zone "
              + catalogName()
              + " (configured as a catalog consumer, allowed to transfer the catalog from this"
              + " primary, its last catalog transfer successful) and that its configuration"
              + " accepts the zone (the group, the catalog template); until it serves the zone, it"
              + " should not be in the delegation.";
      case NAME_SERVER_LAME ->
          "Make sure the zone is set up at the "
              + provider()
              + " and transfers from this"
              + " primary; until it is, the name server should not be in the delegation.";
      case NAME_SERVER_UNREACHABLE, NAME_SERVER_UDP_UNREACHABLE, NAME_SERVER_TCP_UNREACHABLE ->
          "Check the name server's addresses with the "
              + provider()
              + "; if they are"
              + " right, ask the provider whether the server is down or filtered.";
      default -> "Run the check again.";
    };
  }

  private String catalogName() {
    return catalog.map(c -> Names.display(c.catalog())).orElse("?");
  }

  private String catalogLagText() {
    if (catalog.isEmpty() || catalog.get().listedSince().isEmpty()) {
      return "since when is unknown";
    }
    SoaData soa = catalog.get().catalogSoa();
    long elapsed = Duration.between(catalog.get().listedSince().get(), now).toSeconds();
    return "listed "
        + (elapsed < 0 ? "just now" : Texts.duration(elapsed) + " ago")
        + "; consumers that miss the NOTIFY see the catalog change within its SOA refresh plus"
        + " retry, "
        + Texts.duration(soa.refresh() + soa.retry());
  }

  private String provider() {
    return role == NameServerRole.SECONDARY ? "Secondary DNS provider" : "primary's operator";
  }

  private static String lameReason(SoaProbe p) {
    int rcode = p.rcode().orElse(Rcode.NOERROR);
    if (rcode != Rcode.NOERROR) {
      return "answered " + Texts.rcode(rcode);
    }
    if (!p.authoritative()) {
      return "answered without the authoritative (AA) flag";
    }
    return "answered without an SOA record";
  }

  /** Every distinct failure, in a fixed order, so the text does not depend on probe order. */
  private static String failure(List<SoaProbe> probes) {
    List<String> parts = new ArrayList<>();
    for (Transport t : Transport.values()) {
      for (SoaProbe.Outcome o : SoaProbe.Outcome.values()) {
        if (o != SoaProbe.Outcome.ANSWERED
            && probes.stream().anyMatch(p -> p.transport() == t && p.outcome() == o)) {
          parts.add(t + (o == SoaProbe.Outcome.TIMED_OUT ? " timed out" : " network error"));
        }
      }
    }
    return String.join(", ", parts);
  }
}
