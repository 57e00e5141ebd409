package io.github.secdns.core.diagnostics;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * Whether the name servers that serve the primary's serial serve the primary's data too: the zone
 * digest each address serves (its ZONEMD record, or the digest of a zone transfer from it) against
 * the primary's (RFC 8976). Without a digest to compare, it says that only serials were compared.
 */
final class ContentCheck {

  /** A fixed order of one address's probes, so that the order they were added in never counts. */
  private static final Comparator<ContentProbe> PROBE_ORDER =
      Comparator.comparing(ContentProbe::method)
          .thenComparing(ContentProbe::outcome)
          .thenComparing(p -> p.digest().map(ZoneDigest::toString).orElse(""));

  /** How many hexadecimal digits of a digest a message shows. */
  private static final int SHOWN_HEX = 16;

  private final HostFacts facts;
  private final SerialNumber serial;
  private final Observations obs;

  private ContentCheck(HostFacts facts, SerialNumber serial, Observations obs) {
    this.facts = facts;
    this.serial = serial;
    this.obs = obs;
  }

  /**
   * Runs the check.
   *
   * @param roles the name servers to check, in report order, with their role
   */
  static void run(
      Map<Name, NameServerRole> roles, HostFacts facts, Observations obs, FindingList out) {
    // Without the primary's SOA nothing is compared; PRIMARY_SOA_UNKNOWN says so.
    facts
        .primarySoa()
        .ifPresent(soa -> new ContentCheck(facts, soa.serial(), obs).check(roles, out));
  }

  private void check(Map<Name, NameServerRole> roles, FindingList out) {
    Map<Name, Set<InetAddress>> sameSerial = new LinkedHashMap<>();
    roles
        .keySet()
        .forEach(ns -> addressesServingTheSerial(ns).ifPresent(a -> sameSerial.put(ns, a)));
    if (sameSerial.isEmpty()) {
      return; // nothing serves the primary's serial: the serial findings say what is wrong
    }
    Optional<ZoneDigest> reference =
        facts.primaryZoneDigest().filter(d -> d.serial().equals(serial));
    if (reference.isEmpty()) {
      Set<InetAddress> all = new TreeSet<>(Names.ADDRESS_ORDER);
      sameSerial.values().forEach(all::addAll);
      out.add(
          DiagnosticCode.CONTENT_NOT_COMPARED,
          sameSerial.keySet(),
          all,
          "Only the serials were compared: "
              + Names.displayNames(sameSerial.keySet())
              + (sameSerial.size() == 1 ? " serves" : " serve")
              + " the primary's serial "
              + serial
              + ", but whether with the same zone data is unknown, because "
              + facts
                  .primaryZoneDigest()
                  .map(d -> "the primary's zone digest given is for serial " + d.serial())
                  .orElse(
                      "the primary's zone digest is unknown (the zone has no ZONEMD record and"
                          + " the primary's zone could not be transferred)")
              + ".",
          "Publish a zone digest (a ZONEMD record, RFC 8976) with the zone, so that the data"
              + " every name server serves can be compared with the primary's.");
      return;
    }
    roles.forEach(
        (ns, role) -> {
          Set<InetAddress> addresses = sameSerial.get(ns);
          if (addresses != null) {
            compare(ns, role, addresses, reference.get(), out);
          }
        });
  }

  /** The addresses of a name server that answered authoritatively with the primary's serial. */
  private Optional<Set<InetAddress>> addressesServingTheSerial(Name ns) {
    Set<InetAddress> addresses =
        obs.soaProbes().stream()
            .filter(
                p ->
                    p.nameServer().equals(ns)
                        && p.isAuthoritativeAnswer()
                        && p.soa().orElseThrow().serial().equals(serial))
            .map(SoaProbe::address)
            .collect(Collectors.toCollection(() -> new TreeSet<>(Names.ADDRESS_ORDER)));
    return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses);
  }

  private void compare(
      Name ns,
      NameServerRole role,
      Set<InetAddress> addresses,
      ZoneDigest reference,
      FindingList out) {
    Set<InetAddress> differ = new TreeSet<>(Names.ADDRESS_ORDER);
    List<String> differences = new ArrayList<>();
    Set<InetAddress> unknown = new TreeSet<>(Names.ADDRESS_ORDER);
    List<String> reasons = new ArrayList<>();
    for (InetAddress address : addresses) {
      List<ContentProbe> probes =
          obs.contentProbes().stream()
              .filter(p -> p.nameServer().equals(ns) && p.address().equals(address))
              .sorted(PROBE_ORDER)
              .distinct()
              .collect(Collectors.toList());
      String at = Names.display(address);
      List<ContentProbe> comparable =
          probes.stream()
              .filter(
                  p ->
                      p.digest().isPresent()
                          && p.digest().get().isComparableWith(reference)
                          && p.digest().get().serial().equals(serial))
              .collect(Collectors.toList());
      Optional<ContentProbe> other =
          comparable.stream().filter(p -> !p.digest().get().equals(reference)).findFirst();
      if (other.isPresent()) {
        differ.add(address);
        differences.add(at + ": digest " + shown(other.get().digest().get()) + via(other.get()));
      } else if (!comparable.isEmpty()) {
        // the same data as the primary
      } else if (facts.primaryPublishesZoneDigest()
          && probes.stream().anyMatch(p -> p.outcome() == ContentProbe.Outcome.NO_DIGEST)) {
        differ.add(address);
        differences.add(at + ": no ZONEMD record, which the primary's zone has");
      } else {
        unknown.add(address);
        reasons.add(at + " " + whyNotCompared(probes));
      }
    }
    String name = Names.display(ns);
    if (!differ.isEmpty()) {
      String who =
          role == NameServerRole.SECONDARY
              ? "The secondary name server "
                  + name
                  + " is not serving the same zone data as the"
                  + " primary"
              : "The primary name server "
                  + name
                  + " is not serving the zone data the primary"
                  + " publishes";
      out.add(
          DiagnosticCode.NAME_SERVER_DATA_DIFFERS,
          List.of(ns),
          differ,
          who
              + ": it serves the primary's serial "
              + serial
              + ", but the zone digest (RFC 8976) differs from the primary's ("
              + shown(reference)
              + "): "
              + String.join("; ", differences)
              + ". It keeps this data until the next serial and applies later changes on top"
              + " of it.",
          role == NameServerRole.SECONDARY
              ? "Ask the Secondary DNS provider to transfer the zone again in full (AXFR) from this"
                  + " primary, and make sure it transfers from this primary only; then publish a"
                  + " change so that every name server moves to a new serial."
              : "Publish the zone again with a new serial, and make sure only one source publishes"
                  + " each serial.");
    }
    if (!unknown.isEmpty()) {
      out.add(
          DiagnosticCode.CONTENT_NOT_COMPARED,
          List.of(ns),
          unknown,
          "Only the serials were compared for "
              + name
              + ": it serves the primary's serial "
              + serial
              + ", but whether with the same zone data is unknown: "
              + String.join("; ", reasons)
              + ".",
          "Publish a zone digest (a ZONEMD record, RFC 8976) with the zone, or allow the checker"
              + " to transfer the zone from this name server.");
    }
  }

  private String whyNotCompared(List<ContentProbe> probes) {
    if (probes.isEmpty()) {
      return "was not asked for its zone digest";
    }
    List<String> parts = new ArrayList<>();
    for (ContentProbe p : probes) {
      String what = p.method() == ContentProbe.Method.ZONEMD ? "ZONEMD query" : "zone transfer";
      switch (p.outcome()) {
        case NO_DIGEST -> parts.add("has no ZONEMD record");
        case REFUSED ->
            parts.add(
                p.method() == ContentProbe.Method.ZONEMD
                    ? "answered the ZONEMD query without authority"
                    : "refused a zone transfer");
        case FAILED -> parts.add("the " + what + " failed");
        default -> {
          ZoneDigest d = p.digest().orElseThrow();
          parts.add(
              d.serial().equals(serial)
                  ? "its "
                      + what
                      + " gave a digest of scheme "
                      + d.scheme()
                      + ", hash algorithm "
                      + d.hashAlgorithm()
                  : "its " + what + " gave the digest of serial " + d.serial());
        }
      }
    }
    return String.join(", ", parts);
  }

  private static String via(ContentProbe p) {
    return p.method() == ContentProbe.Method.ZONEMD
        ? " in its ZONEMD record"
        : " of a zone transfer from it";
  }

  private static String shown(ZoneDigest d) {
    String hex = d.hex();
    return hex.length() <= SHOWN_HEX ? hex : hex.substring(0, SHOWN_HEX) + "...";
  }
}
