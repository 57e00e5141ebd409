package io.github.secdns.core.diagnostics;

import static io.github.secdns.testsupport.Addresses.ip;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * A fully consistent Secondary DNS setup for example.com that tests change one cause at a time.
 * Fields left null are "not observed" or "unknown".
 */
final class Scenario {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final Name NS1_PRIMARY = name("ns1.dnsimple.com.");
  static final Name NS2_PRIMARY = name("ns2.dnsimple.com.");
  static final Name NS1_SECONDARY = name("ns1.secondary.com.");
  static final Name NS2_SECONDARY = name("ns2.secondary.com.");
  static final long SERIAL = 2026112401L;
  static final byte[] SECRET_32 = new byte[32];

  /** The digest of the zone at SERIAL (any 48 octets: the engine compares, never computes). */
  static final ZoneDigest DIGEST = digest(SERIAL, (byte) 1);

  SecondaryDnsConfiguration.Builder config =
      SecondaryDnsConfiguration.builder()
          .zone("example.com")
          .addSecondaryNameServer("ns1.secondary.com")
          .addSecondaryNameServer("ns2.secondary.com")
          .addAclEntry("192.0.2.0/24")
          .addNotifyTarget("192.0.2.1")
          .addNotifyTarget("192.0.2.2")
          .addTsigKey(
              "transfer.example.com", "hmac-sha256", Base64.getEncoder().encodeToString(SECRET_32))
          .revision(3);

  @Nullable Long appliedRevision = 3L;
  @Nullable Boolean dnssec = false;
  @Nullable SoaData primarySoa = soa(SERIAL, 14_400, 3_600, 1_209_600, 3_600);
  @Nullable Instant publishedAt = NOW.minus(Duration.ofHours(1));
  Set<Name> primaries = new LinkedHashSet<>(List.of(NS1_PRIMARY, NS2_PRIMARY));
  Set<InetAddress> transferAddresses = new LinkedHashSet<>(List.of(ip("198.51.100.1")));
  @Nullable Boolean acceptsIpv6Primary = false;
  List<AddressPrefix> transferSources =
      new ArrayList<>(
          List.of(AddressPrefix.parse("192.0.2.53"), AddressPrefix.parse("192.0.2.64/28")));
  List<NotifyOutcome> notifyOutcomes =
      new ArrayList<>(
          List.of(
              NotifyOutcome.answered(ip("192.0.2.1"), 53, Rcode.NOERROR, NOW.minusSeconds(3600)),
              NotifyOutcome.answered(ip("192.0.2.2"), 53, Rcode.NOERROR, NOW.minusSeconds(3600))));

  @Nullable
  Set<Name> delegation =
      new LinkedHashSet<>(List.of(NS1_PRIMARY, NS2_PRIMARY, NS1_SECONDARY, NS2_SECONDARY));

  @Nullable
  Set<Name> apex =
      new LinkedHashSet<>(List.of(NS1_PRIMARY, NS2_PRIMARY, NS1_SECONDARY, NS2_SECONDARY));

  Map<Name, List<InetAddress>> addresses = new LinkedHashMap<>();

  /** The time of the facts' clock. */
  Instant now = NOW;

  /** The provider preset the host passes, or null for none. */
  @Nullable ProviderPreset provider;

  @Nullable CatalogListing catalogListing;

  /** The primary's zone digest, published as a ZONEMD record that every address serves. */
  @Nullable ZoneDigest primaryDigest = DIGEST;

  boolean digestPublished = true;

  /** Keyed by name server, address and method, so a test can replace one. */
  Map<String, ContentProbe> contentProbes = new LinkedHashMap<>();

  @Nullable Boolean pullsOverXot;

  List<XotProbe> xotProbes = new ArrayList<>();

  /** Keyed by name server, address and transport, so a test can replace one probe. */
  Map<String, SoaProbe> probes = new LinkedHashMap<>();

  List<TransferAttempt> transfers =
      new ArrayList<>(
          List.of(
              new TransferAttempt(
                  ip("192.0.2.1"),
                  TransferAttempt.Result.COMPLETED,
                  Optional.empty(),
                  NOW.minusSeconds(3500))));

  Scenario() {
    server(NS1_PRIMARY, "198.51.100.10", "2001:db8:100::10");
    server(NS2_PRIMARY, "198.51.100.11");
    server(NS1_SECONDARY, "192.0.2.1", "2001:db8::1");
    server(NS2_SECONDARY, "192.0.2.2");
  }

  /** Adds a name server answering the current serial authoritatively over UDP and TCP. */
  void server(Name ns, String... addressTexts) {
    List<InetAddress> list = new ArrayList<>();
    for (String text : addressTexts) {
      InetAddress a = ip(text);
      list.add(a);
      for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
        probe(
            SoaProbe.answered(
                ns,
                a,
                t,
                Rcode.NOERROR,
                true,
                Optional.of(soa(SERIAL, 14_400, 3_600, 1_209_600, 3_600))));
      }
      content(ContentProbe.digest(ns, a, ContentProbe.Method.ZONEMD, DIGEST));
    }
    addresses.put(ns, list);
  }

  void content(ContentProbe p) {
    contentProbes.put(p.nameServer() + " " + p.address() + " " + p.method(), p);
  }

  static ZoneDigest digest(long serial, byte fill) {
    byte[] octets = new byte[48];
    java.util.Arrays.fill(octets, fill);
    return ZoneDigest.of(SerialNumber.of(serial), 1, 1, octets);
  }

  void probe(SoaProbe p) {
    probes.put(p.nameServer() + " " + p.address() + " " + p.transport(), p);
  }

  /** Makes every probe of the address answer with this serial (and that serial's digest). */
  void serves(Name ns, String address, long serial) {
    content(
        ContentProbe.digest(ns, ip(address), ContentProbe.Method.ZONEMD, digest(serial, (byte) 1)));
    for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
      probe(
          SoaProbe.answered(
              ns,
              ip(address),
              t,
              Rcode.NOERROR,
              true,
              Optional.of(soa(serial, 14_400, 3_600, 1_209_600, 3_600))));
    }
  }

  void removeServer(Name ns) {
    addresses.remove(ns);
    probes.values().removeIf(p -> p.nameServer().equals(ns));
    contentProbes.values().removeIf(p -> p.nameServer().equals(ns));
  }

  HostFacts facts() {
    HostFacts.Builder b =
        new OptionalFacts(now, appliedRevision, dnssec, primarySoa, publishedAt, acceptsIpv6Primary)
            .builder();
    if (provider != null) {
      b.provider(provider);
    }
    if (catalogListing != null) {
      b.catalogListing(catalogListing);
    }
    if (primaryDigest != null) {
      b.primaryZoneDigest(primaryDigest, digestPublished);
    }
    if (pullsOverXot != null) {
      b.secondaryPullsOverXot(pullsOverXot);
    }
    return b.primaryNameServers(primaries)
        .primaryTransferAddresses(transferAddresses)
        .secondaryTransferSources(transferSources)
        .notifyOutcomes(notifyOutcomes)
        .build();
  }

  Observations observations() {
    Observations.Builder b = Observations.builder();
    if (delegation != null) {
      b.parentDelegation(delegation);
    }
    if (apex != null) {
      b.apexNameServers(apex);
    }
    addresses.forEach(b::nameServerAddresses);
    xotProbes.forEach(b::xotProbe);
    return b.soaProbes(probes.values())
        .contentProbes(contentProbes.values())
        .transferAttempts(transfers)
        .build();
  }

  DiagnosticReport report() {
    return DiagnosticEngine.diagnose(config.build(), facts(), observations());
  }

  Set<DiagnosticCode> codes() {
    List<Finding> findings = report().findings();
    return findings.isEmpty()
        ? EnumSet.noneOf(DiagnosticCode.class)
        : findings.stream()
            .map(Finding::code)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosticCode.class)));
  }

  static SoaData soa(long serial, long refresh, long retry, long expire, long minimum) {
    return new SoaData(SerialNumber.of(serial), refresh, retry, expire, minimum);
  }

  static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
