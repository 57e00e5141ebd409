package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.serial.SerialNumber;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.xbill.DNS.Name;

/**
 * The records whose {@code equals} and {@code hashCode} are written by hand (so that a cold JVM
 * spins no method-handle classes for them: docs/ARCHITECTURE.md, "Start-up") keep a record's
 * contract: equal exactly when every component is equal, as the generated methods would say, with
 * equal hash codes. Components come from small pools, so that equal pairs are frequent; names
 * differing only in letter case are equal components, as {@link Name#equals} says.
 */
class HandWrittenEqualityTest {

  private static final List<Name> NAMES =
      List.of(name("a.example."), name("A.Example."), name("b.example."));
  private static final List<Optional<Provenance>> PROVENANCES =
      List.of(
          Optional.empty(),
          Optional.of(new Provenance("docs", LocalDate.of(2026, 12, 1), Confidence.OFFICIAL)),
          Optional.of(new Provenance("docs", LocalDate.of(2026, 12, 2), Confidence.OFFICIAL)));

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  /** 192.0.2.{@code last}, or 2001:db8::1 for 0 (no resolver involved). */
  private static InetAddress address(int last) {
    try {
      return InetAddress.getByAddress(
          last == 0
              ? new byte[] {0x20, 1, 0xd, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
              : new byte[] {(byte) 192, 0, 2, (byte) last});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static <T> Gen<T> oneOf(List<T> values) {
    return SourceDSL.integers().between(0, values.size() - 1).map(values::get);
  }

  /** Pairs of values from {@code gen}: equal exactly when their components are. */
  private static <T extends Record> void holdsTheContract(Gen<T> gen) {
    qt().withExamples(300)
        .forAll(gen, gen)
        .checkAssert(
            (a, b) -> {
              assertEquals(componentsEqual(a, b), a.equals(b), a + " and " + b);
              if (a.equals(b)) {
                assertEquals(a.hashCode(), b.hashCode(), a + " and " + b);
              }
              assertEquals(a, a);
              assertNotEquals(null, a);
              assertFalse(a.equals("" + a));
            });
  }

  private static boolean componentsEqual(Record a, Record b) {
    if (a.getClass() != b.getClass()) {
      return false;
    }
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      try {
        if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
          return false;
        }
      } catch (ReflectiveOperationException e) {
        throw new LinkageError(e.getMessage(), e);
      }
    }
    return true;
  }

  @Test
  void serialNumber() {
    holdsTheContract(SourceDSL.longs().between(0, 3).map(SerialNumber::of));
  }

  @Test
  void memberLabel() {
    holdsTheContract(oneOf(List.of("a", "A", "b")).map(MemberLabel::of));
  }

  @Test
  void provenance() {
    LocalDate day = LocalDate.of(2026, 12, 1);
    holdsTheContract(
        oneOf(
            List.of(
                new Provenance("docs", day, Confidence.OFFICIAL),
                new Provenance("docs", day.plusDays(1), Confidence.OFFICIAL),
                new Provenance("docs", day, Confidence.MEDIUM),
                new Provenance("faq", day, Confidence.OFFICIAL))));
  }

  @Test
  void nameServer() {
    Gen<Set<InetAddress>> glue =
        oneOf(List.of(Set.of(), Set.of(address(1)), Set.of(address(1), address(0))));
    holdsTheContract(
        oneOf(NAMES).zip(glue, oneOf(PROVENANCES), (n, g, p) -> new NameServer(n, g, p)));
  }

  @Test
  void notifyTarget() {
    holdsTheContract(
        oneOf(List.of(address(1), address(2)))
            .zip(
                oneOf(List.of(53, 5353)),
                oneOf(List.of(Optional.<Name>empty(), Optional.of(NAMES.get(0)))),
                oneOf(PROVENANCES),
                NotifyTarget::new));
  }

  @Test
  void aclEntry() {
    holdsTheContract(
        oneOf(List.of("192.0.2.0/24", "192.0.2.1", "2001:db8::/32"))
            .map(AddressPrefix::parse)
            .zip(
                oneOf(List.of(Optional.<String>empty(), Optional.of("ns1"))),
                oneOf(PROVENANCES),
                AclEntry::new));
  }

  @Test
  void catalogMembership() {
    holdsTheContract(
        oneOf(List.of(name("catalog.example."), name("Catalog.Example."), name("c2.example.")))
            .zip(
                oneOf(List.of(Optional.<String>empty(), Optional.of("g1"))),
                CatalogMembership::new));
  }
}
