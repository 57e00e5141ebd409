package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.NOW;
import static io.github.secdns.core.catalog.CatalogFixtures.clockAt;
import static io.github.secdns.core.catalog.CatalogFixtures.member;
import static io.github.secdns.core.catalog.CatalogFixtures.members;
import static io.github.secdns.core.catalog.CatalogFixtures.name;
import static io.github.secdns.core.catalog.CatalogFixtures.producer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class CatalogProducerTest {

  private static CatalogVersion produce(CatalogRequest.Builder b) {
    return producer().produce(b.build());
  }

  private static List<String> lines(ZoneSnapshot zone) {
    List<String> out = new ArrayList<>();
    out.add(zone.soa().toString());
    zone.records().forEach(r -> out.add(r.toString()));
    return out;
  }

  private static List<ProblemCode> codes(ValidationException e) {
    return e.problems().stream().map(ValidationProblem::code).collect(Collectors.toList());
  }

  private static ValidationException refused(CatalogRequest.Builder b) {
    return assertThrows(ValidationException.class, () -> produce(b));
  }

  // ---- what a version holds

  @Test
  void producesTheRfcShapeWithPropertiesAndTtlZero() {
    CatalogMember com = CatalogMember.of(name("example.com."), MemberLabel.of("nj2xg5b"));
    CatalogMember net =
        CatalogMember.of(name("example.net."), MemberLabel.of("nvxxezj"))
            .withGroups(List.of("operator-x-foo"));
    CatalogMember org =
        CatalogMember.of(name("example.org."), MemberLabel.of("nfwxa33"))
            .withChangeOfOwnership(name("newcatz.invalid."))
            .withGroups(List.of("operator-y-bar"));
    CatalogVersion v =
        produce(
            CatalogRequest.builder(name("catalog.invalid.")).addMembers(List.of(org, com, net)));

    assertEquals(
        List.of(
            "catalog.invalid.\t0\tIN\tSOA\tinvalid. invalid. " + NOW + " 3600 600 2147483646 0",
            "catalog.invalid.\t0\tIN\tNS\tinvalid.",
            "version.catalog.invalid.\t0\tIN\tTXT\t2",
            "nj2xg5b.zones.catalog.invalid.\t0\tIN\tPTR\texample.com.",
            "nvxxezj.zones.catalog.invalid.\t0\tIN\tPTR\texample.net.",
            "group.nvxxezj.zones.catalog.invalid.\t0\tIN\tTXT\toperator-x-foo",
            "nfwxa33.zones.catalog.invalid.\t0\tIN\tPTR\texample.org.",
            "coo.nfwxa33.zones.catalog.invalid.\t0\tIN\tPTR\tnewcatz.invalid.",
            "group.nfwxa33.zones.catalog.invalid.\t0\tIN\tTXT\toperator-y-bar"),
        lines(v.snapshot()));
    assertTrue(v.changed());
    assertEquals(
        List.of(name("example.com."), name("example.net."), name("example.org.")), v.added());
    assertEquals(List.of(), Rfc9432Checker.violations(v.snapshot()));
  }

  @Test
  void anEmptyCatalogIsAValidCatalog() {
    ZoneSnapshot z = produce(CatalogRequest.builder(CATALOG)).snapshot();
    assertEquals(2, z.records().size());
    assertEquals(List.of(), Rfc9432Checker.violations(z));
  }

  @Test
  void severalGroupsAreOneTxtRecordEachAndDuplicatesCountOnce() {
    CatalogMember m = member("example.com.").withGroups(List.of("b", "a", "b"));
    ZoneSnapshot z = produce(CatalogRequest.builder(CATALOG).addMember(m)).snapshot();
    List<List<String>> groups =
        z.records().stream()
            .filter(r -> r.getType() == Type.TXT && r.getName().getLabelString(0).equals("group"))
            .map(r -> ((TXTRecord) r).getStrings())
            .collect(Collectors.toList());
    assertEquals(List.of(List.of("a"), List.of("b")), groups);
  }

  @Test
  void aGroupValueKeepsItsOctetsExactlyEvenWithBackslashesAndQuotes() {
    String value = "a\\065\"b";
    CatalogMember m = member("example.com.").withGroups(List.of(value));
    ZoneSnapshot z = produce(CatalogRequest.builder(CATALOG).addMember(m)).snapshot();
    TXTRecord txt =
        (TXTRecord)
            z.records().stream()
                .filter(r -> r.getName().getLabelString(0).equals("group"))
                .findFirst()
                .orElseThrow();
    assertEquals(
        List.of(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length),
        txt.getStringsAsByteArrays().stream().map(b -> b.length).collect(Collectors.toList()));
    assertEquals(
        value,
        new String(
            txt.getStringsAsByteArrays().get(0), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void theOrderOfMembersDoesNotChangeTheZone() {
    List<CatalogMember> ms = members(20);
    List<CatalogMember> reversed = new ArrayList<>(ms);
    java.util.Collections.reverse(reversed);
    assertEquals(
        lines(produce(CatalogRequest.builder(CATALOG).addMembers(ms)).snapshot()),
        lines(produce(CatalogRequest.builder(CATALOG).addMembers(reversed)).snapshot()));
  }

  @Test
  void anAncestorOfTheCatalogAndANameEndingLikeItAreMembersLikeAnyOther() {
    CatalogVersion v =
        produce(
            CatalogRequest.builder(CATALOG)
                .addMember(member("example."))
                .addMember(member("xcatalog.example."))
                .addMember(member("_service.example.com.")));
    assertEquals(3, Rfc9432Checker.members(v.snapshot()).size());
  }

  // ---- refusals, every problem at once

  @Test
  void everyProblemIsListedAtOnceAndNothingIsProduced() {
    Name relative = Name.fromConstantString("relative");
    CatalogRequest.Builder b =
        CatalogRequest.builder(CATALOG)
            .addMember(member("example.com."))
            .addMember(member("EXAMPLE.com.")) // duplicate by case
            .addMember(CatalogMember.of(name("example.net."), MemberLabel.of("same")))
            .addMember(CatalogMember.of(name("example.org."), MemberLabel.of("same")))
            .addMember(member("catalog.example."))
            .addMember(member("zones.catalog.example."))
            .addMember(CatalogMember.of(relative, MemberLabel.of("rel")))
            .addMember(CatalogMember.of(Name.root, MemberLabel.of("root")))
            .addMember(CatalogMember.of(name("*.example.com."), MemberLabel.of("wild")))
            .addMember(CatalogMember.of(name("a\\032b.example."), MemberLabel.of("space")))
            .addMember(
                new CatalogMember(
                    name("chaos.example."),
                    DClass.CH,
                    MemberLabel.of("ch"),
                    List.of(),
                    Optional.empty()))
            .addMember(
                member("groups.example.")
                    .withGroups(List.of("", "with space", "x".repeat(256), "caf\u00e9")))
            .addMember(member("coo1.example.").withChangeOfOwnership(relative))
            .addMember(member("coo2.example.").withChangeOfOwnership(name("Catalog.Example.")));
    ValidationException e = refused(b);

    assertEquals(
        List.of(
            ProblemCode.DUPLICATE_CATALOG_MEMBER,
            ProblemCode.DUPLICATE_MEMBER_LABEL,
            ProblemCode.MEMBER_AT_OR_UNDER_CATALOG,
            ProblemCode.MEMBER_AT_OR_UNDER_CATALOG,
            ProblemCode.INVALID_NAME,
            ProblemCode.INVALID_NAME,
            ProblemCode.INVALID_NAME,
            ProblemCode.INVALID_NAME,
            ProblemCode.MEMBER_NOT_CLASS_IN,
            ProblemCode.INVALID_CATALOG_GROUP,
            ProblemCode.INVALID_CATALOG_GROUP,
            ProblemCode.INVALID_CATALOG_GROUP,
            ProblemCode.INVALID_CATALOG_GROUP,
            ProblemCode.INVALID_NAME,
            ProblemCode.CONFLICT),
        codes(e));
    assertEquals("members[1].zone", e.problems().get(0).field());
    assertTrue(e.problems().get(0).message().contains("also at members[0]"), e.getMessage());
    assertTrue(e.problems().get(1).message().contains("example.net."), e.getMessage());
    assertTrue(e.problems().get(2).message().contains("is the catalog itself"), e.getMessage());
    assertTrue(e.problems().get(3).message().contains("lies under the catalog"), e.getMessage());
    assertTrue(e.getMessage().contains("is relative"), e.getMessage());
    assertTrue(e.getMessage().contains("is the root"), e.getMessage());
    assertTrue(e.getMessage().contains("wildcard"), e.getMessage());
    assertTrue(e.getMessage().contains("'a\\032b'"), e.getMessage());
    assertTrue(e.getMessage().contains("of class CH"), e.getMessage());
    assertEquals("members[11].groups[3]", e.problems().get(12).field());
    assertTrue(e.getMessage().contains("is this catalog itself"), e.getMessage());
    assertTrue(e.getMessage().startsWith("the catalog zone catalog.example. is invalid (15"));
  }

  @Test
  void anInvalidCatalogNameIsRefused() {
    assertEquals(
        List.of(ProblemCode.INVALID_NAME),
        codes(refused(CatalogRequest.builder(Name.fromConstantString("catalog")))));
    assertEquals(
        List.of(ProblemCode.INVALID_NAME), codes(refused(CatalogRequest.builder(Name.root))));
    Name long180 = name(("a".repeat(59) + ".").repeat(3)); // 3 * 60 + 1 = 181 octets
    ValidationException e = refused(CatalogRequest.builder(long180).addMember(member("x.test.")));
    assertEquals(List.of(ProblemCode.TOO_LONG), codes(e));
    assertTrue(e.getMessage().contains("181 octets"), e.getMessage());
  }

  @Test
  void aCatalogNameOf179OctetsFitsTheLongestLabelAndProperties() {
    Name name179 = name(("a".repeat(58) + ".").repeat(2) + "a".repeat(59) + "."); // 59+59+60+1
    assertEquals(179, name179.length());
    CatalogMember m =
        CatalogMember.of(name("x.test."), MemberLabel.of("l".repeat(63)))
            .withGroups(List.of("g"))
            .withChangeOfOwnership(name("other.invalid."));
    ZoneSnapshot z = produce(CatalogRequest.builder(name179).addMember(m)).snapshot();
    assertEquals(List.of(), Rfc9432Checker.violations(z));
  }

  @Test
  void aPreviousVersionOfAnotherZoneIsRefused() {
    ZoneSnapshot other =
        produce(CatalogRequest.builder(name("other.example.")).addMember(member("a.test.")))
            .snapshot();
    ValidationException e =
        refused(CatalogRequest.builder(CATALOG).addMember(member("a.test.")).previous(other));
    assertEquals(List.of(ProblemCode.PREVIOUS_VERSION_MISMATCH), codes(e));
  }

  @Test
  void theMessageListsTheFirstFiftyProblemsAndCountsTheRest() {
    CatalogRequest.Builder b = CatalogRequest.builder(CATALOG);
    for (int i = 0; i < 60; i++) {
      b.addMember(CatalogMember.of(name("m" + i + ".test."), MemberLabel.of("same")));
    }
    ValidationException e = refused(b);
    assertEquals(59, e.problems().size());
    assertTrue(e.getMessage().endsWith("  - and 9 more"), e.getMessage());
  }

  // ---- serial

  @Test
  void firstVersionTakesTheClockByDefaultAndAnUnchangedOneIsThePreviousItself() {
    CatalogVersion first = produce(CatalogRequest.builder(CATALOG).addMembers(members(3)));
    assertEquals(SerialNumber.of(NOW), first.snapshot().serial());
    CatalogVersion again =
        produce(CatalogRequest.builder(CATALOG).addMembers(members(3)).previous(first.snapshot()));
    assertFalse(again.changed());
    assertSame(first.snapshot(), again.snapshot());
  }

  @Test
  void aChangeWithinTheSameSecondCountsOnFromThePreviousSerial() {
    CatalogVersion first = produce(CatalogRequest.builder(CATALOG).addMembers(members(3)));
    CatalogVersion second =
        produce(CatalogRequest.builder(CATALOG).addMembers(members(4)).previous(first.snapshot()));
    assertEquals(SerialNumber.of(NOW + 1), second.snapshot().serial());
    assertEquals(List.of(name("m3.test.")), second.added());
  }

  @Test
  void incrementSkipsZeroWhenItWraps() {
    CatalogProducer p = CatalogProducer.create(clockAt(NOW));
    CatalogRequest.Builder first =
        CatalogRequest.builder(CATALOG)
            .serialPolicy(SerialPolicy.INCREMENT)
            .hostSerial(SerialNumber.of(SerialNumber.MAX_VALUE));
    ZoneSnapshot v1 = p.produce(first.build()).snapshot();
    assertEquals(SerialNumber.MAX_VALUE, v1.serial().value());
    ZoneSnapshot v2 = p.produce(first.addMember(member("a.test.")).previous(v1).build()).snapshot();
    assertEquals(1, v2.serial().value());
    assertTrue(Rfc9432Checker.serialGreater(v2.serial().value(), v1.serial().value()));
  }

  private static CatalogRequest.Builder keepingHostSerial(long serial) {
    return CatalogRequest.builder(CATALOG)
        .serialPolicy(SerialPolicy.KEEP_HOST)
        .hostSerial(SerialNumber.of(serial));
  }

  @Test
  void aHostSerialThatDoesNotIncreaseIsRefused() {
    CatalogRequest.Builder keep = keepingHostSerial(100).addMember(member("a.test."));
    ZoneSnapshot v100 = produce(keep).snapshot();

    // equal serial, same content: nothing new
    assertSame(v100, produce(keep.previous(v100)).snapshot());
    // equal serial, other content: refused
    keep.addMember(member("b.test."));
    ValidationException equal = refused(keep);
    assertEquals(List.of(ProblemCode.SERIAL_NOT_INCREASING), codes(equal));
    assertTrue(equal.getMessage().contains("not greater than the previous version's 100"));
    // older serial: refused even with the same content, and listed with other problems
    keep.hostSerial(SerialNumber.of(99)).addMember(member("a.test."));
    assertEquals(
        List.of(ProblemCode.DUPLICATE_CATALOG_MEMBER, ProblemCode.SERIAL_NOT_INCREASING),
        codes(refused(keep)));
    // exactly 2^31 away is not greater either
    CatalogRequest.Builder undefined = keepingHostSerial(100 + 0x8000_0000L).previous(v100);
    assertEquals(List.of(ProblemCode.SERIAL_NOT_INCREASING), codes(refused(undefined)));
  }

  @Test
  void aGreaterHostSerialPublishesEvenTheSameContent() {
    CatalogRequest.Builder keep = keepingHostSerial(100).addMember(member("a.test."));
    ZoneSnapshot v100 = produce(keep).snapshot();
    CatalogVersion v101 = produce(keep.hostSerial(SerialNumber.of(101)).previous(v100));
    assertTrue(v101.changed());
    assertEquals(101, v101.snapshot().serial().value());
    assertEquals(v100.records(), v101.snapshot().records());
  }

  @Test
  void otherSoaTimersAreAContentChange() {
    ZoneSnapshot v1 = produce(CatalogRequest.builder(CATALOG)).snapshot();
    CatalogVersion v2 =
        produce(
            CatalogRequest.builder(CATALOG)
                .soaTimers(new CatalogSoaTimers(600, 60, 2147483646L, 0))
                .previous(v1));
    assertTrue(v2.changed());
    assertEquals(600, v2.snapshot().soa().getRefresh());
  }

  @Test
  void soaTimersAreCheckedWhenBuilt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CatalogSoaTimers(1, -1, 1, 1));
    assertTrue(e.getMessage().contains("RETRY"), e.getMessage());
  }

  // ---- labels between versions

  @Test
  void aRelabelledMemberIsReportedAndNotCountedAsARemoval() {
    List<CatalogMember> ms = members(3);
    ZoneSnapshot v1 = produce(CatalogRequest.builder(CATALOG).addMembers(ms)).snapshot();
    List<CatalogMember> relabelled = new ArrayList<>(ms);
    relabelled.set(0, ms.get(0).withLabel(MemberLabel.of("fresh")));
    CatalogVersion v2 =
        produce(CatalogRequest.builder(CATALOG).addMembers(relabelled).previous(v1));
    assertEquals(List.of(name("m0.test.")), v2.relabeled());
    assertEquals(List.of(), v2.removed());
    assertEquals("fresh", Rfc9432Checker.members(v2.snapshot()).get("m0.test."));
  }

  @Test
  void aPreviousVersionFromAnotherProducerIsReadLeniently() {
    // Two PTRs at one node and a duplicate target: broken, but its members still count for the
    // brake and for what changed.
    SOARecord soa =
        new SOARecord(
            CATALOG,
            DClass.IN,
            3600,
            name("ns.example."),
            name("host.example."),
            7,
            3600,
            600,
            86400,
            0);
    List<Record> records = new ArrayList<>();
    records.add(new org.xbill.DNS.NSRecord(CATALOG, DClass.IN, 3600, name("ns.example.")));
    records.add(
        new org.xbill.DNS.PTRRecord(
            name("A.zones.catalog.example."), DClass.IN, 3600, name("a.test.")));
    records.add(
        new org.xbill.DNS.PTRRecord(
            name("A.zones.catalog.example."), DClass.IN, 3600, name("b.test.")));
    records.add(
        new org.xbill.DNS.PTRRecord(
            name("c.zones.catalog.example."), DClass.IN, 3600, name("B.TEST.")));
    records.add(
        new ARecord(name("x.catalog.example."), DClass.IN, 60, new byte[] {(byte) 192, 0, 2, 1}));
    ZoneSnapshot foreign = ZoneSnapshot.of(soa, records);

    CatalogVersion v =
        produce(
            CatalogRequest.builder(CATALOG)
                .addMember(CatalogMember.of(name("a.test."), MemberLabel.of("a")))
                .addMember(CatalogMember.of(name("b.test."), MemberLabel.of("b")))
                .previous(foreign));
    assertEquals(List.of(), v.added());
    assertEquals(List.of(), v.removed());
    assertEquals(List.of(name("b.test.")), v.relabeled());
    assertEquals(NOW, v.snapshot().serial().value());
    assertEquals(List.of(), Rfc9432Checker.violations(v.snapshot()));
  }
}
