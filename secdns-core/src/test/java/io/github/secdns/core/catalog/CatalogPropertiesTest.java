package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.NOW;
import static io.github.secdns.core.catalog.CatalogFixtures.clockAt;
import static io.github.secdns.core.catalog.CatalogFixtures.members;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Properties of labels and of the produced catalog zone. Every case is built from one seed, which
 * QuickTheories prints when a property fails; the builders are biased to the edges (letter case
 * variants, 63-octet labels, names near 253 octets, names that end like the catalog, ancestors of
 * the catalog, short label schemes that collide, serials at the wrap, removals at the brake's
 * limit).
 */
class CatalogPropertiesTest {

  private static final Gen<Long> SEEDS = longs().all();

  private static final String[] LABELS = {
    "a", "b1", "x-y", "_srv", "xn--bcher-kva", "zones", "catalog", "example", "l".repeat(63), "0"
  };
  private static final String[] SUFFIXES = {
    "test.", "example.", "xcatalog.example.", "com.", "zones.example.", "invalid."
  };
  private static final String[] GROUPS = {
    "tmplA", "tmplB", "operator-x-foo", "a\\b\"c", "g".repeat(255), "!", "~"
  };

  /** A member zone name from the random source, biased to the edges, never under the catalog. */
  static Name memberName(Random r) {
    StringBuilder sb = new StringBuilder();
    int labels = r.nextInt(4);
    for (int i = 0; i < labels; i++) {
      sb.append(LABELS[r.nextInt(LABELS.length)]);
      if (r.nextInt(3) == 0) {
        sb.append(r.nextInt(1000));
      }
      sb.append('.');
    }
    if (r.nextInt(20) == 0) {
      // close to the 255-octet limit of a name
      sb.append(("m".repeat(60) + ".").repeat(3));
    }
    sb.append(SUFFIXES[r.nextInt(SUFFIXES.length)]);
    String text = sb.length() > 250 ? sb.substring(sb.length() - 250) : sb.toString();
    text = text.startsWith(".") ? text.substring(1) : text;
    try {
      Name n = Name.fromString(recase(r, text));
      return n.subdomain(CATALOG) || n.labels() <= 1 ? memberName(r) : n;
    } catch (TextParseException e) {
      return memberName(r);
    }
  }

  static String recase(Random r, String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  /** Distinct member names (by canonical form), some in several letter cases in the list. */
  static List<Name> memberNames(Random r, int max) {
    int count = r.nextInt(max + 1);
    Map<Name, Name> byCanonical = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Name n = memberName(r);
      byCanonical.putIfAbsent(n.canonicalize(), n);
    }
    return new ArrayList<>(byCanonical.values());
  }

  static MemberLabelScheme scheme(Random r) {
    int[] lengths = {2, 3, 4, 16};
    return MemberLabelScheme.ofLength(lengths[r.nextInt(lengths.length)]);
  }

  static CatalogMember withProperties(Random r, CatalogMember m) {
    if (r.nextInt(3) == 0) {
      List<String> groups = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        groups.add(GROUPS[r.nextInt(GROUPS.length)]);
      }
      m = m.withGroups(groups);
    }
    if (r.nextInt(5) == 0) {
      m = m.withChangeOfOwnership(Name.fromConstantString("new-catalog.invalid."));
    }
    return m;
  }

  static List<CatalogMember> labelled(Name catalog, List<Name> names, MemberLabels labels) {
    Map<Name, MemberLabel> assigned = labels.assign(catalog, names);
    List<CatalogMember> out = new ArrayList<>();
    for (Name n : names) {
      out.add(CatalogMember.of(n, assigned.get(n.canonicalize())));
    }
    return out;
  }

  static Map<String, String> expectedMembers(List<CatalogMember> members) {
    Map<String, String> out = new LinkedHashMap<>();
    members.forEach(m -> out.put(m.zone().toString().toLowerCase(Locale.ROOT), m.label().value()));
    return out;
  }

  // ---- labels

  @Test
  void labelsAreTheSameWhateverTheInputOrderLetterCaseOrRun() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              MemberLabelScheme scheme = scheme(r);
              List<Name> names = memberNames(r, 40);
              List<Name> other = new ArrayList<>();
              for (Name n : names) {
                other.add(Name.fromConstantString(recase(r, n.toString())));
              }
              Collections.shuffle(other, r);
              Map<Name, MemberLabel> first =
                  MemberLabels.of(new InMemoryCatalogLabelStore(), scheme).assign(CATALOG, names);
              Map<Name, MemberLabel> second =
                  MemberLabels.of(new InMemoryCatalogLabelStore(), scheme).assign(CATALOG, other);
              assertEquals(first, second, "seed " + seed);
              assertEquals(names.size(), new HashSet<>(first.values()).size(), "distinct labels");
            });
  }

  @Test
  void labelsOnceChosenAreKeptWhileOtherMembersComeAndGo() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
              MemberLabels labels = MemberLabels.of(store, scheme(r));
              Map<Name, MemberLabel> before = labels.assign(CATALOG, memberNames(r, 30));
              List<Name> next = memberNames(r, 30);
              before.keySet().stream().filter(n -> r.nextBoolean()).forEach(next::add);
              Map<Name, MemberLabel> after = labels.assign(CATALOG, next);
              after.forEach(
                  (name, label) -> {
                    if (before.containsKey(name)) {
                      assertEquals(before.get(name), label, name.toString());
                    }
                  });
              assertEquals(
                  store.labels(CATALOG).size(),
                  new HashSet<>(store.labels(CATALOG).values()).size());
            });
  }

  // ---- the produced zone

  @Test
  void theProducedZoneAlwaysSatisfiesRfc9432AndListsExactlyItsMembers() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              List<CatalogMember> members = new ArrayList<>();
              MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore(), scheme(r));
              for (CatalogMember m : labelled(CATALOG, memberNames(r, 40), labels)) {
                members.add(withProperties(r, m));
              }
              CatalogVersion v =
                  CatalogFixtures.producer()
                      .produce(CatalogRequest.builder(CATALOG).addMembers(members).build());
              assertEquals(List.of(), Rfc9432Checker.violations(v.snapshot()), "seed " + seed);
              assertEquals(
                  new java.util.TreeMap<>(expectedMembers(members)),
                  Rfc9432Checker.members(v.snapshot()));
              assertEquals(NOW, v.snapshot().serial().value());
            });
  }

  @Test
  void addingThenRemovingMembersRoundTripsWithEverSerialGrowingVersions() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore(), scheme(r));
              List<Name> base = memberNames(r, 25);
              List<Name> extra = new ArrayList<>();
              Set<Name> taken = new HashSet<>();
              base.forEach(n -> taken.add(n.canonicalize()));
              for (Name n : memberNames(r, 10)) {
                if (taken.add(n.canonicalize())) {
                  extra.add(n);
                }
              }
              List<Name> all = new ArrayList<>(base);
              all.addAll(extra);
              SerialPolicy policy =
                  List.of(SerialPolicy.UNIX_TIME, SerialPolicy.DATE_COUNTER, SerialPolicy.INCREMENT)
                      .get(r.nextInt(3));
              long[] hostSerials = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
              SerialNumber host = SerialNumber.of(hostSerials[r.nextInt(hostSerials.length)]);
              CatalogProducer producer = CatalogProducer.create(clockAt(NOW + r.nextInt(3)));

              ZoneSnapshot v0 =
                  producer
                      .produce(request(labelled(CATALOG, base, labels), policy, host, null))
                      .snapshot();
              CatalogVersion v1 =
                  producer.produce(request(labelled(CATALOG, all, labels), policy, host, v0));
              List<CatalogMember> again = labelled(CATALOG, base, labels);
              CatalogVersion v2;
              try {
                v2 = producer.produce(request(again, policy, host, v1.snapshot()));
              } catch (RemovalHeldBackException held) {
                assertEquals(canonicalSorted(extra), held.removed());
                v2 =
                    producer.produce(
                        CatalogRequest.builder(CATALOG)
                            .addMembers(again)
                            .serialPolicy(policy)
                            .hostSerial(host)
                            .previous(v1.snapshot())
                            .confirmRemoval(held.confirmation())
                            .build());
              }

              assertEquals(canonicalSorted(extra), v1.added());
              assertEquals(canonicalSorted(extra), v2.removed());
              assertEquals(List.of(), v2.added());
              assertEquals(List.of(), v2.relabeled());
              assertEquals(new HashSet<>(v0.records()), new HashSet<>(v2.snapshot().records()));
              for (ZoneSnapshot z : List.of(v0, v1.snapshot(), v2.snapshot())) {
                assertEquals(List.of(), Rfc9432Checker.violations(z));
              }
              if (!extra.isEmpty()) {
                assertTrue(
                    Rfc9432Checker.serialGreater(
                        v1.snapshot().serial().value(), v0.serial().value()),
                    v0.serial() + " -> " + v1.snapshot().serial());
                assertTrue(
                    Rfc9432Checker.serialGreater(
                        v2.snapshot().serial().value(), v1.snapshot().serial().value()),
                    v1.snapshot().serial() + " -> " + v2.snapshot().serial());
              } else {
                assertEquals(v0, v2.snapshot());
              }
            });
  }

  private static CatalogRequest request(
      List<CatalogMember> members,
      SerialPolicy policy,
      SerialNumber host,
      @javax.annotation.Nullable ZoneSnapshot previous) {
    CatalogRequest.Builder b =
        CatalogRequest.builder(CATALOG).addMembers(members).serialPolicy(policy).hostSerial(host);
    if (previous != null) {
      b.previous(previous);
    }
    return b.build();
  }

  private static List<Name> canonicalSorted(List<Name> names) {
    List<Name> out = new ArrayList<>();
    new TreeSet<>(names.stream().map(Name::canonicalize).toList()).forEach(out::add);
    return out;
  }

  // ---- the brake

  @Test
  void theBrakeHoldsBackExactlyAboveItsThreshold() {
    int[] sizes = {1, 2, 3, 9, 10, 11, 19, 20, 99, 100, 101};
    qt().withExamples(400)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              int n = r.nextInt(4) == 0 ? 1 + r.nextInt(200) : sizes[r.nextInt(sizes.length)];
              int percent =
                  r.nextInt(5) == 0
                      ? r.nextInt(101)
                      : new int[] {0, 1, 10, 50, 99, 100}[r.nextInt(6)];
              // aim at the limit: the largest removal allowed, one more, one less, or any
              int limit = percent * n / 100;
              int k =
                  Math.max(
                      0,
                      Math.min(n, r.nextInt(4) == 0 ? r.nextInt(n + 1) : limit + r.nextInt(3) - 1));
              ZoneSnapshot previous =
                  CatalogFixtures.producer()
                      .produce(CatalogRequest.builder(CATALOG).addMembers(members(n)).build())
                      .snapshot();
              CatalogRequest.Builder b =
                  CatalogRequest.builder(CATALOG)
                      .addMembers(members(n - k))
                      .previous(previous)
                      .removalBrake(new RemovalBrake(percent));
              boolean expectHeld = (long) k * 100 > (long) percent * n;
              try {
                CatalogVersion v = CatalogFixtures.producer().produce(b.build());
                if (expectHeld) {
                  fail(k + " of " + n + " removed at " + percent + " % was not held back");
                }
                assertEquals(k, v.removed().size());
              } catch (RemovalHeldBackException e) {
                if (!expectHeld) {
                  fail(k + " of " + n + " at " + percent + " % was held back: " + e.getMessage());
                }
                assertEquals(k, e.removed().size());
                assertEquals(n, e.previousMembers());
                CatalogVersion confirmed =
                    CatalogFixtures.producer().produce(b.confirmRemoval(e.confirmation()).build());
                assertEquals(e.removed(), confirmed.removed());
              }
            });
  }

  // ---- refusals

  @Test
  void everyInjectedDefectIsReportedAtItsMemberAndNothingIsProduced() {
    qt().withExamples(300)
        .forAll(SEEDS)
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
              List<CatalogMember> members =
                  new ArrayList<>(labelled(CATALOG, memberNames(r, 15), labels));
              Map<String, ProblemCode> injected = new LinkedHashMap<>();
              // twins and shared labels copy a valid member, never an injected one
              int valid = members.size();
              int defects = 1 + r.nextInt(4);
              for (int i = 0; i < defects; i++) {
                int at = members.size();
                int kind = r.nextInt(valid == 0 ? 3 : 5);
                switch (kind) {
                  case 0 -> {
                    members.add(
                        CatalogMember.of(
                            Name.fromConstantString(
                                recase(r, "m" + at + ".zones.catalog.example.")),
                            MemberLabel.of("under" + at)));
                    injected.put(
                        "members[" + at + "].zone", ProblemCode.MEMBER_AT_OR_UNDER_CATALOG);
                  }
                  case 1 -> {
                    members.add(
                        CatalogMember.of(
                            Name.fromConstantString("*.w" + at + ".test."),
                            MemberLabel.of("wild" + at)));
                    injected.put("members[" + at + "].zone", ProblemCode.INVALID_NAME);
                  }
                  case 2 -> {
                    members.add(
                        CatalogMember.of(
                                Name.fromConstantString("g" + at + ".test."),
                                MemberLabel.of("group" + at))
                            .withGroups(List.of("with space")));
                    injected.put(
                        "members[" + at + "].groups[0]", ProblemCode.INVALID_CATALOG_GROUP);
                  }
                  case 3 -> {
                    CatalogMember twin = members.get(r.nextInt(valid));
                    members.add(
                        CatalogMember.of(
                            Name.fromConstantString(recase(r, twin.zone().toString())),
                            MemberLabel.of("twin" + at)));
                    injected.put("members[" + at + "].zone", ProblemCode.DUPLICATE_CATALOG_MEMBER);
                  }
                  default -> {
                    CatalogMember labelOwner = members.get(r.nextInt(valid));
                    members.add(
                        CatalogMember.of(
                            Name.fromConstantString("same-label" + at + ".test."),
                            labelOwner.label()));
                    injected.put("members[" + at + "].label", ProblemCode.DUPLICATE_MEMBER_LABEL);
                  }
                }
              }
              ValidationException e =
                  assertThrows(
                      ValidationException.class,
                      () ->
                          CatalogFixtures.producer()
                              .produce(
                                  CatalogRequest.builder(CATALOG).addMembers(members).build()));
              Map<String, ProblemCode> reported = new LinkedHashMap<>();
              e.problems().forEach(p -> reported.put(p.field(), p.code()));
              assertEquals(injected, reported, e.getMessage());
            });
  }
}
