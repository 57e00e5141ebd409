package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.members;
import static io.github.secdns.core.catalog.CatalogFixtures.name;
import static io.github.secdns.core.catalog.CatalogFixtures.producer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class RemovalBrakeTest {

  private static ZoneSnapshot catalogOf(int count) {
    return producer()
        .produce(CatalogRequest.builder(CATALOG).addMembers(members(count)).build())
        .snapshot();
  }

  private static CatalogRequest.Builder keeping(int count, ZoneSnapshot previous) {
    return CatalogRequest.builder(CATALOG).addMembers(members(count)).previous(previous);
  }

  @Test
  void theDefaultBrakeLetsTenPercentThroughAndHoldsBackMore() {
    ZoneSnapshot hundred = catalogOf(100);
    CatalogVersion ninety = producer().produce(keeping(90, hundred).build());
    assertEquals(10, ninety.removed().size());

    RemovalHeldBackException e =
        assertThrows(
            RemovalHeldBackException.class, () -> producer().produce(keeping(89, hundred).build()));
    assertEquals(100, e.previousMembers());
    assertEquals(11, e.removed().size());
    assertEquals(name("m89.test."), e.removed().get(0));
    assertTrue(e.getMessage().contains("removes 11 of its 100 member zones (11.0 %)"));
    assertTrue(e.getMessage().contains("more than the brake allows (10 %)"), e.getMessage());
    assertTrue(e.getMessage().contains("m89.test, m90.test, m91.test"), e.getMessage());
    assertTrue(e.getMessage().endsWith("confirmation " + e.confirmation().token() + "."));
    assertTrue(e.confirmation().token().startsWith("11-"), e.confirmation().token());
  }

  @Test
  void anEmptiedCatalogIsHeldBackAndTheMessageListsTwentyNames() {
    ZoneSnapshot fifty = catalogOf(50);
    RemovalHeldBackException e =
        assertThrows(
            RemovalHeldBackException.class,
            () -> producer().produce(CatalogRequest.builder(CATALOG).previous(fifty).build()));
    assertEquals(50, e.removed().size());
    assertTrue(e.getMessage().contains(" and 30 more."), e.getMessage());
  }

  @Test
  void theConfirmationLetsExactlyThatRemovalThrough() {
    ZoneSnapshot ten = catalogOf(10);
    RemovalHeldBackException held =
        assertThrows(
            RemovalHeldBackException.class, () -> producer().produce(keeping(8, ten).build()));
    CatalogVersion v =
        producer().produce(keeping(8, ten).confirmRemoval(held.confirmation()).build());
    assertEquals(List.of(name("m8.test."), name("m9.test.")), v.removed());
    assertEquals(
        held.confirmation(),
        RemovalConfirmation.forRemoval(
            Name.fromConstantString("CATALOG.example."),
            List.of(name("M9.test."), name("m8.test."), name("m9.test."))));

    // the same confirmation does not let another removal through, and the error says so
    RemovalHeldBackException other =
        assertThrows(
            RemovalHeldBackException.class,
            () -> producer().produce(keeping(7, ten).confirmRemoval(held.confirmation()).build()));
    assertNotEquals(held.confirmation(), other.confirmation());
    assertTrue(other.getMessage().contains("was for another set of removals"), other.getMessage());
  }

  @Test
  void aConfirmationIsBoundToItsCatalog() {
    List<Name> removed = List.of(name("a.test."));
    assertNotEquals(
        RemovalConfirmation.forRemoval(CATALOG, removed),
        RemovalConfirmation.forRemoval(name("other.example."), removed));
    assertEquals(" x ", " " + new RemovalConfirmation(" x ").token() + " ");
    assertThrows(IllegalArgumentException.class, () -> new RemovalConfirmation(" "));
  }

  @Test
  void theBrakeRuleIsExactAtItsLimits() {
    assertFalse(RemovalBrake.DEFAULT.holdsBack(0, 0));
    assertTrue(RemovalBrake.DEFAULT.holdsBack(5, 1));
    assertFalse(RemovalBrake.DEFAULT.holdsBack(10, 1));
    assertTrue(RemovalBrake.DEFAULT.holdsBack(10, 2));
    assertTrue(new RemovalBrake(0).holdsBack(1_000_000, 1));
    assertFalse(new RemovalBrake(100).holdsBack(7, 7));
    assertThrows(IllegalArgumentException.class, () -> new RemovalBrake(101));
    assertThrows(IllegalArgumentException.class, () -> RemovalBrake.DEFAULT.holdsBack(1, 2));
  }

  @Test
  void aFirstVersionAndAnAdditionAreNeverHeldBack() {
    ZoneSnapshot one = catalogOf(1);
    List<CatalogMember> replaced = new ArrayList<>(members(0));
    replaced.add(CatalogFixtures.member("other.test."));
    // replacing the only member removes 100 %: held back
    assertThrows(
        RemovalHeldBackException.class,
        () ->
            producer()
                .produce(
                    CatalogRequest.builder(CATALOG).addMembers(replaced).previous(one).build()));
    // adding never is
    assertEquals(1, producer().produce(keeping(2, one).build()).added().size());
    // and a brake of 100 % never holds back
    assertEquals(
        1,
        producer()
            .produce(
                CatalogRequest.builder(CATALOG)
                    .previous(one)
                    .removalBrake(new RemovalBrake(100))
                    .build())
            .removed()
            .size());
  }
}
