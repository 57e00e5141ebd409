package io.github.secdns.core.diagnostics;

import static io.github.secdns.testsupport.Addresses.ip;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * A setup drawn at random from a seed: any mix of present, missing and odd observations and facts.
 * {@link #observations(Random)} and {@link #facts(Random)} shuffle every list and change the letter
 * case of names, so that two calls give the same content in a different order.
 */
final class RandomSetup {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String[] NAMES = {
    "ns1.sec.example.net.", "ns2.sec.example.net.", "ns3.sec.example.net.", "ns.other.org.",
    "ns1.host.test.", "ns2.host.test.", "a.b.", "ns.example.com."
  };
  private static final String[] ADDRESSES = {
    "192.0.2.1",
    "192.0.2.2",
    "192.0.2.3",
    "198.51.100.7",
    "2001:db8::1",
    "2001:db8::2",
    "::ffff:192.0.2.9",
    "0.0.0.0",
    "::"
  };
  private static final String[] ACL = {
    "192.0.2.0/24", "0.0.0.0/0", "::/0", "2001:db8::/32", "198.51.100.7"
  };
  private static final String[] ALGORITHMS = {
    "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"
  };

  final long seed;
  final SecondaryDnsConfiguration config;
  @Nullable final Long applied;
  @Nullable final Boolean dnssec;
  @Nullable final SoaData primarySoa;
  @Nullable final Instant publishedAt;
  final List<String> primaries = new ArrayList<>();
  final List<InetAddress> transferAddresses = new ArrayList<>();
  final List<AddressPrefix> transferSources = new ArrayList<>();
  @Nullable final Boolean acceptsIpv6;
  final List<NotifyOutcome> notify = new ArrayList<>();
  @Nullable final List<String> delegation;
  @Nullable final List<String> apex;
  final Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();
  final List<SoaProbe> probes = new ArrayList<>();
  final List<TransferAttempt> transfers = new ArrayList<>();
  @Nullable final CatalogListing catalogListing;
  @Nullable final ZoneDigest primaryDigest;
  final boolean digestPublished;
  final List<ContentProbe> contentProbes = new ArrayList<>();

  RandomSetup(long seed) {
    this.seed = seed;
    Random r = new Random(seed);
    SecondaryDnsConfiguration.Builder b = SecondaryDnsConfiguration.builder().zone("example.com");
    for (String n : subset(r, NAMES, 1)) {
      b.addSecondaryNameServer(n);
    }
    subset(r, ACL, 0).forEach(b::addAclEntry);
    for (String a : subset(r, ADDRESSES, 0)) {
      b.addNotifyTarget(a, r.nextBoolean() ? 53 : 1 + r.nextInt(65535), null);
    }
    int keys = r.nextInt(3);
    for (int i = 0; i < keys; i++) {
      b.addTsigKey(
          "k" + i + ".example.com",
          ALGORITHMS[r.nextInt(ALGORITHMS.length)],
          Base64.getEncoder().encodeToString(new byte[1 + r.nextInt(70)]));
    }
    TransferAuthentication mode =
        List.of(
                TransferAuthentication.ADDRESS,
                TransferAuthentication.KEY,
                TransferAuthentication.ADDRESS_AND_KEY)
            .get(r.nextInt(3));
    b.transferAuthentication(keys == 0 ? TransferAuthentication.ADDRESS : mode);
    long revision = r.nextInt(6);
    // Catalog draws come from their own source, so that they leave the other draws unchanged.
    Random c = new Random(seed ^ 0x5EED_CA7AL);
    if (c.nextInt(3) == 0) {
      b.catalogMembership(
          c.nextBoolean() ? "catalog.example.net" : "Catalog.EXAMPLE.net.",
          c.nextBoolean() ? "tmplA" : null);
    }
    config = b.revision(revision).enabled(r.nextInt(5) > 0).build();
    catalogListing =
        switch (c.nextInt(4)) {
          case 0 -> null;
          case 1 ->
              CatalogListing.notListed(
                  Name.fromConstantString("catalog.example.net."),
                  new SoaData(SerialNumber.of(serial(c)), timer(c), timer(c), timer(c), timer(c)));
          default ->
              CatalogListing.listed(
                  Name.fromConstantString(
                      c.nextInt(4) == 0 ? "other.example." : "catalog.example.net."),
                  new SoaData(SerialNumber.of(serial(c)), timer(c), timer(c), timer(c), timer(c)),
                  instant(c));
        };

    applied = r.nextBoolean() ? null : (long) r.nextInt(8);
    dnssec = r.nextBoolean() ? null : r.nextBoolean();
    primarySoa =
        r.nextInt(4) == 0
            ? null
            : new SoaData(SerialNumber.of(serial(r)), timer(r), timer(r), timer(r), timer(r));
    publishedAt = r.nextBoolean() ? null : instant(r);
    primaries.addAll(subset(r, NAMES, 0));
    for (String a : subset(r, ADDRESSES, 0)) {
      transferAddresses.add(ip(a));
    }
    acceptsIpv6 = r.nextBoolean() ? null : r.nextBoolean();
    for (String a : subset(r, ACL, 0)) {
      transferSources.add(AddressPrefix.parse(a));
    }
    int notifies = r.nextInt(6);
    for (int i = 0; i < notifies; i++) {
      InetAddress a = ip(ADDRESSES[r.nextInt(ADDRESSES.length)]);
      notify.add(
          r.nextInt(3) == 0
              ? NotifyOutcome.unanswered(a, 53, instant(r))
              : NotifyOutcome.answered(a, r.nextBoolean() ? 53 : 5353, r.nextInt(24), instant(r)));
    }

    delegation = r.nextInt(4) == 0 ? null : subset(r, NAMES, 0);
    apex = r.nextInt(4) == 0 ? null : subset(r, NAMES, 0);
    for (String n : NAMES) {
      int kind = r.nextInt(4);
      if (kind == 0) {
        continue; // not resolved
      }
      List<InetAddress> list = new ArrayList<>();
      if (kind > 1) {
        subset(r, ADDRESSES, 1).forEach(a -> list.add(ip(a)));
      }
      addresses.put(n, list);
    }
    int probeCount = r.nextInt(20);
    for (int i = 0; i < probeCount; i++) {
      Name ns = Name.fromConstantString(NAMES[r.nextInt(NAMES.length)]);
      InetAddress a = ip(ADDRESSES[r.nextInt(ADDRESSES.length)]);
      Transport t = r.nextBoolean() ? Transport.UDP : Transport.TCP;
      switch (r.nextInt(4)) {
        case 0 -> probes.add(SoaProbe.timedOut(ns, a, t));
        case 1 -> probes.add(SoaProbe.networkError(ns, a, t));
        default -> {
          Optional<SoaData> soa =
              r.nextInt(4) == 0
                  ? Optional.empty()
                  : Optional.of(
                      new SoaData(
                          SerialNumber.of(
                              primarySoa != null && r.nextBoolean()
                                  ? primarySoa.serial().value()
                                  : serial(r)),
                          timer(r),
                          timer(r),
                          timer(r),
                          timer(r)));
          probes.add(
              SoaProbe.answered(
                  ns, a, t, r.nextInt(3) == 0 ? r.nextInt(24) : 0, r.nextInt(4) > 0, soa));
        }
      }
    }
    int transferCount = r.nextInt(5);
    for (int i = 0; i < transferCount; i++) {
      transfers.add(
          new TransferAttempt(
              ip(ADDRESSES[r.nextInt(ADDRESSES.length)]),
              List.of(
                      TransferAttempt.Result.COMPLETED,
                      TransferAttempt.Result.REFUSED,
                      TransferAttempt.Result.NOT_AUTHORIZED,
                      TransferAttempt.Result.FAILED)
                  .get(r.nextInt(4)),
              r.nextBoolean()
                  ? Optional.empty()
                  : Optional.of(Name.fromConstantString("k.example.")),
              instant(r)));
    }
    // Zone digest draws come from their own source too. Two digests of the primary's serial (one
    // the primary's), one of another serial, one of another algorithm.
    Random d = new Random(seed ^ 0x2D16_E575L);
    SerialNumber digestSerial =
        primarySoa != null && d.nextInt(4) > 0 ? primarySoa.serial() : SerialNumber.of(serial(d));
    List<ZoneDigest> digests =
        List.of(
            digest(digestSerial, 1, 48, 1),
            digest(digestSerial, 1, 48, 2),
            digest(SerialNumber.of(serial(d)), 1, 48, 1),
            digest(digestSerial, 2, 64, 1));
    primaryDigest = d.nextInt(4) == 0 ? null : digests.get(0);
    digestPublished = d.nextBoolean();
    int contentCount = d.nextInt(12);
    for (int i = 0; i < contentCount; i++) {
      Name ns = Name.fromConstantString(NAMES[d.nextInt(NAMES.length)]);
      InetAddress a = ip(ADDRESSES[d.nextInt(ADDRESSES.length)]);
      ContentProbe.Method m =
          d.nextInt(2) == 0 ? ContentProbe.Method.ZONEMD : ContentProbe.Method.TRANSFER;
      switch (d.nextInt(4)) {
        case 0 ->
            contentProbes.add(
                ContentProbe.digest(ns, a, m, digests.get(d.nextInt(digests.size()))));
        case 1 ->
            contentProbes.add(
                m == ContentProbe.Method.ZONEMD
                    ? ContentProbe.noDigest(ns, a)
                    : ContentProbe.refused(ns, a, m));
        case 2 -> contentProbes.add(ContentProbe.refused(ns, a, m));
        default -> contentProbes.add(ContentProbe.failed(ns, a, m));
      }
    }
  }

  private static ZoneDigest digest(SerialNumber serial, int hash, int length, int fill) {
    byte[] octets = new byte[length];
    java.util.Arrays.fill(octets, (byte) fill);
    return ZoneDigest.of(serial, 1, hash, octets);
  }

  HostFacts facts(Random shuffle) {
    HostFacts.Builder b =
        new OptionalFacts(NOW, applied, dnssec, primarySoa, publishedAt, acceptsIpv6).builder();
    if (catalogListing != null) {
      b.catalogListing(
          new CatalogListing(
              name(catalogListing.catalog().toString(), shuffle),
              catalogListing.catalogSoa(),
              catalogListing.listedSince()));
    }
    b.primaryNameServers(names(primaries, shuffle))
        .primaryTransferAddresses(shuffled(transferAddresses, shuffle))
        .secondaryTransferSources(shuffled(transferSources, shuffle))
        .notifyOutcomes(shuffled(notify, shuffle));
    if (primaryDigest != null) {
      b.primaryZoneDigest(primaryDigest, digestPublished);
    }
    return b.build();
  }

  Observations observations(Random shuffle) {
    Observations.Builder b = Observations.builder();
    if (delegation != null) {
      b.parentDelegation(names(delegation, shuffle));
    }
    if (apex != null) {
      b.apexNameServers(names(apex, shuffle));
    }
    for (String n : shuffled(new ArrayList<>(addresses.keySet()), shuffle)) {
      b.nameServerAddresses(name(n, shuffle), shuffled(addresses.get(n), shuffle));
    }
    List<SoaProbe> recased = new ArrayList<>();
    for (SoaProbe p : probes) {
      recased.add(
          new SoaProbe(
              name(p.nameServer().toString(), shuffle),
              p.address(),
              p.transport(),
              p.outcome(),
              p.rcode(),
              p.authoritative(),
              p.soa()));
    }
    List<ContentProbe> recasedContent = new ArrayList<>();
    for (ContentProbe p : contentProbes) {
      recasedContent.add(
          new ContentProbe(
              name(p.nameServer().toString(), shuffle),
              p.address(),
              p.method(),
              p.outcome(),
              p.digest()));
    }
    return b.soaProbes(shuffled(recased, shuffle))
        .contentProbes(shuffled(recasedContent, shuffle))
        .transferAttempts(shuffled(transfers, shuffle))
        .build();
  }

  DiagnosticReport report(Random shuffle) {
    return DiagnosticEngine.diagnose(config, facts(shuffle), observations(shuffle));
  }

  @Override
  public String toString() {
    return "RandomSetup[seed=" + seed + "]";
  }

  private static <T> List<T> shuffled(List<T> list, Random r) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, r);
    return copy;
  }

  private static List<Name> names(List<String> texts, Random r) {
    List<Name> out = new ArrayList<>();
    for (String t : shuffled(texts, r)) {
      out.add(name(t, r));
    }
    return out;
  }

  /** The name in a random mix of letter cases. */
  static Name name(String text, Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return Name.fromConstantString(sb.toString());
  }

  private static List<String> subset(Random r, String[] pool, int min) {
    List<String> out = new ArrayList<>();
    for (String s : pool) {
      if (r.nextInt(3) == 0) {
        out.add(s);
      }
    }
    while (out.size() < min) {
      out.add(pool[r.nextInt(pool.length)]);
      out = new ArrayList<>(new TreeSet<>(out));
    }
    return out;
  }

  private static long serial(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> SerialNumber.MAX_VALUE;
      case 2 -> 0x8000_0000L;
      default -> r.nextLong() & SerialNumber.MAX_VALUE;
    };
  }

  private static long timer(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> SerialNumber.MAX_VALUE;
      default -> r.nextInt(2_000_000);
    };
  }

  private static Instant instant(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Instant.MIN;
      case 1 -> Instant.MAX;
      case 2 -> NOW.plusSeconds(r.nextInt(100_000));
      default -> NOW.minusSeconds(r.nextInt(200_000));
    };
  }
}
