package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class MemberLabelsTest {

  @Test
  void base32FollowsRfc4648() {
    // RFC 4648 section 10, lower case, without padding.
    byte[] foobar = "foobar".getBytes(StandardCharsets.US_ASCII);
    assertEquals("mzxw6ytboi", MemberLabelScheme.base32(foobar, 10));
    assertEquals("my", MemberLabelScheme.base32("f".getBytes(StandardCharsets.US_ASCII), 2));
    assertEquals("mzxw6", MemberLabelScheme.base32("foo".getBytes(StandardCharsets.US_ASCII), 5));
  }

  @Test
  void theStandardLabelIsPinned() {
    // Computed outside Java: base32(sha256(b"\x07example\x03com\x00"))[:16], lower case. A change
    // here would make every consumer reset every member of every host's catalog.
    MemberLabelScheme s = MemberLabelScheme.standard();
    assertEquals("saxjyrspuq74vmij", s.candidate(name("example.com."), 0).value());
    assertEquals("saxjyrspuq74vmij", s.candidate(name("EXAMPLE.Com."), 0).value());
    assertEquals("lkxtvraa54t5g23i", s.candidate(name("example.net."), 0).value());
    // attempt 1 hashes the wire form followed by 00 00 00 01
    assertEquals("xfibtp2ofeptw6qh", s.candidate(name("example.com."), 1).value());
  }

  @Test
  void aSchemeRefusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> MemberLabelScheme.ofLength(0));
    assertThrows(IllegalArgumentException.class, () -> MemberLabelScheme.ofLength(52));
    assertEquals(51, MemberLabelScheme.ofLength(51).candidate(name("a."), 0).value().length());
    assertThrows(
        IllegalArgumentException.class,
        () -> MemberLabelScheme.standard().candidate(Name.fromConstantString("relative"), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> MemberLabelScheme.standard().candidate(name("a."), -1));
  }

  @Test
  void aLabelIsOneLowerCaseHostLabel() {
    assertEquals("abc-_9", MemberLabel.of("ABC-_9").value());
    assertEquals(MemberLabel.of("abc"), MemberLabel.of("ABC"));
    assertThrows(IllegalArgumentException.class, () -> MemberLabel.of(""));
    assertThrows(IllegalArgumentException.class, () -> MemberLabel.of("a".repeat(64)));
    IllegalArgumentException dot =
        assertThrows(IllegalArgumentException.class, () -> MemberLabel.of("a.b"));
    assertTrue(dot.getMessage().contains("U+002E"), dot.getMessage());
    assertEquals(name("abc.zones.catalog.example."), MemberLabel.of("abc").memberNode(CATALOG));
  }

  @Test
  void assignKeepsALabelOnceChosenAndDerivesNewOnesFromTheName() {
    InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
    MemberLabels labels = MemberLabels.of(store);
    store.insert(CATALOG, name("kept.test."), MemberLabel.of("imported"));

    Map<Name, MemberLabel> got =
        labels.assign(CATALOG, List.of(name("Kept.Test."), name("example.com.")));

    assertEquals(MemberLabel.of("imported"), got.get(name("kept.test.")));
    assertEquals(MemberLabel.of("saxjyrspuq74vmij"), got.get(name("example.com.")));
    assertEquals(got, store.labels(CATALOG));
    assertEquals(got, labels.assign(CATALOG, List.of(name("example.com."), name("kept.test."))));
  }

  @Test
  void aCollisionTakesTheNextAttemptAndTheFirstInNameOrderKeepsTheFirstChoice() {
    // With one base32 character there are 32 labels: collisions are certain among 20 members.
    MemberLabelScheme tiny = MemberLabelScheme.ofLength(1);
    List<Name> members = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      members.add(name("m" + i + ".test."));
    }
    Map<Name, MemberLabel> got =
        MemberLabels.of(new InMemoryCatalogLabelStore(), tiny).assign(CATALOG, members);
    assertEquals(20, new HashSet<>(got.values()).size());
    Name first = got.keySet().iterator().next();
    assertEquals(tiny.candidate(first, 0), got.get(first));
  }

  @Test
  void whenNoLabelIsLeftTheErrorSaysTheLabelsAreTooShort() {
    MemberLabelScheme tiny = MemberLabelScheme.ofLength(1);
    List<Name> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add(name("m" + i + ".test."));
    }
    MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore(), tiny);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> labels.assign(CATALOG, members));
    assertTrue(e.getMessage().contains("labels of 1 characters are too short"), e.getMessage());
  }

  @Test
  void relabelIsExplicitAndChangesOnlyThatMember() {
    InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
    MemberLabels labels = MemberLabels.of(store);
    Map<Name, MemberLabel> before =
        labels.assign(CATALOG, List.of(name("a.test."), name("b.test.")));

    MemberLabel fresh = labels.relabel(CATALOG, name("A.test."));

    assertNotEquals(before.get(name("a.test.")), fresh);
    assertEquals(Optional.of(fresh), store.label(CATALOG, name("a.test.")));
    assertEquals(before.get(name("b.test.")), store.label(CATALOG, name("b.test.")).get());
    assertEquals(fresh, labels.assign(CATALOG, List.of(name("a.test."))).get(name("a.test.")));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> labels.relabel(CATALOG, name("c.test.")));
    assertTrue(unknown.getMessage().contains("has no label"), unknown.getMessage());
  }

  @Test
  void releaseForgetsALabel() {
    InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
    MemberLabels labels = MemberLabels.of(store);
    labels.assign(CATALOG, List.of(name("a.test.")));
    labels.relabel(CATALOG, name("a.test."));
    assertTrue(labels.release(CATALOG, name("a.test.")));
    assertFalse(labels.release(CATALOG, name("a.test.")));
    assertEquals(Map.of(), store.labels(CATALOG));
    // back to the first choice
    assertEquals(
        MemberLabelScheme.standard().candidate(name("a.test."), 0),
        labels.assign(CATALOG, List.of(name("a.test."))).get(name("a.test.")));
  }

  @Test
  void relativeNamesAreRefused() {
    MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
    Name relative = Name.fromConstantString("relative");
    assertThrows(IllegalArgumentException.class, () -> labels.assign(relative, List.of()));
    assertThrows(IllegalArgumentException.class, () -> labels.assign(CATALOG, List.of(relative)));
  }

  @Test
  void concurrentAssignmentsNeverGiveAMemberTwoLabelsOrALabelTwoMembers() throws Exception {
    InMemoryCatalogLabelStore store = new InMemoryCatalogLabelStore();
    // Short labels so that the threads also race for the same labels.
    MemberLabels labels = MemberLabels.of(store, MemberLabelScheme.ofLength(2));
    List<Name> members = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      members.add(name("m" + i + ".test."));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<Name, MemberLabel>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<Name> mine = new ArrayList<>(members);
        java.util.Collections.shuffle(mine, new java.util.Random(t));
        results.add(pool.submit(() -> labels.assign(CATALOG, mine)));
      }
      List<Map<Name, MemberLabel>> seen = new ArrayList<>();
      for (Future<Map<Name, MemberLabel>> f : results) {
        seen.add(f.get(60, TimeUnit.SECONDS));
      }
      Map<Name, MemberLabel> kept = store.labels(CATALOG);
      for (Map<Name, MemberLabel> s : seen) {
        assertEquals(kept, s);
      }
      assertEquals(200, kept.size());
      assertEquals(200, new HashSet<>(kept.values()).size());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }
  }
}
