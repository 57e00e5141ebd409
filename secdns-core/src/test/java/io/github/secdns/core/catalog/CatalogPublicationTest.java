package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.clockAt;
import static io.github.secdns.core.catalog.CatalogFixtures.name;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.catalog.CatalogPublication.PublishCatalog;
import io.github.secdns.core.catalog.CatalogPublication.PublishMember;
import io.github.secdns.core.catalog.CatalogPublication.Step;
import io.github.secdns.core.catalog.CatalogPublication.WithdrawMember;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The publishing order: members the catalog adds are served before it, members it removes are
 * withdrawn after it, so that at every point the served catalog lists only served zones.
 */
class CatalogPublicationTest {

  private static final MemberLabels LABELS = MemberLabels.of(new InMemoryCatalogLabelStore());

  /** The primary as consumers see it: which members it serves and which catalog version. */
  private static final class Served implements CatalogPublication.Publisher {
    final Set<Name> members = new TreeSet<>();
    Optional<ZoneSnapshot> catalog = Optional.empty();
    final List<String> violations = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    Served(Set<Name> members, Optional<ZoneSnapshot> catalog) {
      this.members.addAll(members);
      this.catalog = catalog;
    }

    @Override
    public void publishMember(Name zone) {
      calls.add("publish " + zone);
      members.add(zone);
      check("after publishing " + zone);
    }

    @Override
    public void publishCatalog(ZoneSnapshot version) {
      calls.add("catalog " + version.serial());
      catalog = Optional.of(version);
      check("after publishing the catalog serial " + version.serial());
    }

    @Override
    public void withdrawMember(Name zone) {
      calls.add("withdraw " + zone);
      members.remove(zone);
      check("after withdrawing " + zone);
    }

    /** Every member the served catalog lists must be served. */
    void check(String when) {
      Set<String> served =
          members.stream().map(n -> n.canonicalize().toString()).collect(Collectors.toSet());
      catalog.ifPresent(
          c -> {
            Set<String> missing = new TreeSet<>(Rfc9432Checker.members(c).keySet());
            missing.removeAll(served);
            if (!missing.isEmpty()) {
              violations.add(when + ": the catalog lists " + missing + ", which are not served");
            }
          });
    }
  }

  private static CatalogVersion produce(
      List<Name> members, Optional<ZoneSnapshot> previous, long now) {
    CatalogRequest.Builder request =
        CatalogRequest.builder(CATALOG)
            .removalBrake(new RemovalBrake(100))
            .addMembers(
                LABELS.assign(CATALOG, members).entrySet().stream()
                    .map(e -> CatalogMember.of(e.getKey(), e.getValue()))
                    .toList());
    previous.ifPresent(request::previous);
    return CatalogProducer.create(clockAt(now)).produce(request.build());
  }

  private static List<Name> names(String... zones) {
    List<Name> out = new ArrayList<>();
    for (String z : zones) {
      out.add(name(z));
    }
    return out;
  }

  @Test
  void theFirstVersionServesEveryMemberBeforeTheCatalog() {
    CatalogVersion v1 = produce(names("b.test.", "a.test."), Optional.empty(), 1_000);
    assertEquals(
        List.of(
            new PublishMember(name("a.test.")),
            new PublishMember(name("b.test.")),
            new PublishCatalog(v1.snapshot())),
        CatalogPublication.of(v1).steps());
  }

  @Test
  void addedMembersComeBeforeTheCatalogAndRemovedOnesAfterIt() {
    CatalogVersion v1 = produce(names("a.test.", "b.test."), Optional.empty(), 1_000);
    CatalogVersion v2 =
        produce(names("b.test.", "c.test.", "d.test."), Optional.of(v1.snapshot()), 2_000);
    assertEquals(
        List.of(
            new PublishMember(name("c.test.")),
            new PublishMember(name("d.test.")),
            new PublishCatalog(v2.snapshot()),
            new WithdrawMember(name("a.test."))),
        CatalogPublication.of(v2).steps());
  }

  @Test
  void anUnchangedVersionHasNoStepAndARelabelOnlyTheCatalog() {
    CatalogVersion v1 = produce(names("a.test.", "b.test."), Optional.empty(), 1_000);
    CatalogVersion same = produce(names("b.test.", "a.test."), Optional.of(v1.snapshot()), 2_000);
    assertTrue(CatalogPublication.of(same).isEmpty());

    InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
    MemberLabels labels = MemberLabels.of(store);
    labels.assign(CATALOG, names("a.test.", "b.test."));
    labels.relabel(CATALOG, name("a.test."));
    CatalogVersion relabeled =
        CatalogProducer.create(clockAt(2_000))
            .produce(
                CatalogRequest.builder(CATALOG)
                    .previous(v1.snapshot())
                    .addMembers(
                        store.labels(CATALOG).entrySet().stream()
                            .map(e -> CatalogMember.of(e.getKey(), e.getValue()))
                            .toList())
                    .build());
    assertEquals(List.of(name("a.test.")), relabeled.relabeled());
    assertEquals(
        List.of(new PublishCatalog(relabeled.snapshot())),
        CatalogPublication.of(relabeled).steps());
  }

  @Test
  void aFailingStepEndsThePlanThereInASafeState() {
    CatalogVersion v1 = produce(names("a.test."), Optional.empty(), 1_000);
    CatalogVersion v2 = produce(names("b.test.", "c.test."), Optional.of(v1.snapshot()), 2_000);
    Served served = new Served(Set.of(name("a.test.")), Optional.of(v1.snapshot()));
    IllegalStateException failure = new IllegalStateException("the database is down");
    CatalogPublication.Publisher failing =
        new CatalogPublication.Publisher() {
          @Override
          public void publishMember(Name zone) {
            if (zone.equals(name("c.test."))) {
              throw failure;
            }
            served.publishMember(zone);
          }

          @Override
          public void publishCatalog(ZoneSnapshot catalog) {
            served.publishCatalog(catalog);
          }

          @Override
          public void withdrawMember(Name zone) {
            served.withdrawMember(zone);
          }
        };
    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class, () -> CatalogPublication.of(v2).applyTo(failing)));
    assertEquals(List.of("publish b.test."), served.calls, "nothing after the failed step");
    assertEquals(List.of(), served.violations);

    CatalogPublication.of(v2).applyTo(served);
    assertEquals(List.of(), served.violations, "running the plan again finishes it");
    assertEquals(Set.of(name("b.test."), name("c.test.")), served.members);
  }

  /** The checker used by the property finds the defect of the other order (catalog first). */
  @Test
  void publishingTheCatalogBeforeItsNewMembersIsCaught() {
    CatalogVersion v1 = produce(names("a.test."), Optional.empty(), 1_000);
    CatalogVersion v2 = produce(names("a.test.", "b.test."), Optional.of(v1.snapshot()), 2_000);
    Served served = new Served(Set.of(name("a.test.")), Optional.of(v1.snapshot()));
    served.publishCatalog(v2.snapshot());
    served.publishMember(name("b.test."));
    assertEquals(
        List.of(
            "after publishing the catalog serial 2000: the catalog lists [b.test.], which are not"
                + " served"),
        served.violations);
  }

  /**
   * Whatever the members before and after (added, removed, kept, in any letter case, any number),
   * after every step the served catalog lists only served members, and the plan ends serving
   * exactly the new members and the new catalog version.
   */
  @Test
  void afterEveryStepTheServedCatalogListsOnlyServedZones() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              List<Name> universe = CatalogPropertiesTest.memberNames(r, 30);
              List<Name> before = new ArrayList<>();
              List<Name> after = new ArrayList<>();
              for (Name n : universe) {
                int where = r.nextInt(4); // 0: before only, 1: after only, 2: both, 3: neither
                if (where == 0 || where == 2) {
                  before.add(n);
                }
                if (where == 1 || where == 2) {
                  after.add(Name.fromConstantString(CatalogPropertiesTest.recase(r, n.toString())));
                }
              }
              Optional<ZoneSnapshot> previous =
                  before.isEmpty() || r.nextInt(10) == 0
                      ? Optional.empty()
                      : Optional.of(produce(before, Optional.empty(), 1_000).snapshot());
              Set<Name> servedBefore = new HashSet<>();
              previous.ifPresent(p -> before.forEach(n -> servedBefore.add(n.canonicalize())));
              CatalogVersion next = produce(after, previous, 2_000);
              Served served = new Served(servedBefore, previous);

              CatalogPublication.of(next).applyTo(served);

              assertEquals(List.of(), served.violations, "seed " + seed);
              Set<Name> expected = new TreeSet<>();
              after.forEach(n -> expected.add(n.canonicalize()));
              assertEquals(expected, served.members, "seed " + seed);
              assertEquals(Optional.of(next.snapshot()), served.catalog, "seed " + seed);
            });
  }

  @Test
  void stepsAreValuesAndThePlanSaysWhatItHolds() {
    CatalogVersion v1 = produce(names("a.test.", "b.test."), Optional.empty(), 1_000);
    CatalogPublication plan = CatalogPublication.of(v1);
    assertThrows(UnsupportedOperationException.class, () -> plan.steps().add(null));
    assertEquals(
        "CatalogPublication[publish 2 members, then the catalog, then withdraw 0 members]",
        plan.toString());
    Step step = plan.steps().get(0);
    assertEquals(new PublishMember(name("a.test.")), step);
    assertThrows(NullPointerException.class, () -> new PublishMember(null));
  }
}
