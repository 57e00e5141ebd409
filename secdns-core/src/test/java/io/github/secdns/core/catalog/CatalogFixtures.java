package io.github.secdns.core.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/** Names, clocks and members for the catalog tests. */
final class CatalogFixtures {

  static final Name CATALOG = name("catalog.example.");
  static final long NOW = 1_800_000_000L;

  private CatalogFixtures() {}

  static Name name(String text) {
    return Name.fromConstantString(text);
  }

  static Clock clockAt(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  static CatalogProducer producer() {
    return CatalogProducer.create(clockAt(NOW));
  }

  /** A member labelled by the standard scheme's first choice. */
  static CatalogMember member(String zone) {
    Name n = name(zone);
    return CatalogMember.of(n, MemberLabelScheme.standard().candidate(n, 0));
  }

  /** {@code count} members named {@code m0.test.}, {@code m1.test.}, ... */
  static List<CatalogMember> members(int count) {
    List<CatalogMember> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(member("m" + i + ".test."));
    }
    return out;
  }
}
