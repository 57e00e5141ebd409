package io.github.secdns.core.spi;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.preset.PresetApplier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The date windows of provider addresses, against an oracle in epoch days: {@code from <= day <
 * until}. Generators are biased to the edges: most days are a window's first day, its last day or
 * the day on either side.
 */
class ValidityPropertiesTest {

  private static final long FIRST = LocalDate.of(1970, 1, 1).toEpochDay();
  private static final long LAST = LocalDate.of(2199, 12, 31).toEpochDay();

  /** A window and a day near one of its ends (or anywhere, one time in five). */
  private record Case(Optional<Long> from, Optional<Long> until, long day) {
    Validity validity() {
      return new Validity(from.map(LocalDate::ofEpochDay), until.map(LocalDate::ofEpochDay));
    }

    LocalDate date() {
      return LocalDate.ofEpochDay(day);
    }

    boolean oracle() {
      return from.map(f -> f <= day).orElse(true) && until.map(u -> day < u).orElse(true);
    }
  }

  private static Gen<Case> cases() {
    return longs()
        .all()
        .map(
            seed -> {
              Random r = new Random(seed);
              long a = FIRST + (long) (r.nextDouble() * (LAST - FIRST));
              long length = 1L + (r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(5000));
              Optional<Long> from = r.nextInt(3) == 0 ? Optional.empty() : Optional.of(a);
              Optional<Long> until = r.nextInt(3) == 0 ? Optional.empty() : Optional.of(a + length);
              long edge = r.nextBoolean() ? a : a + length;
              long day =
                  r.nextInt(5) == 0
                      ? FIRST + (long) (r.nextDouble() * (LAST - FIRST))
                      : edge + r.nextInt(3) - 1;
              return new Case(from, until, day);
            });
  }

  @Test
  void aWindowHoldsItsFirstDayButNotItsEnd() {
    qt().forAll(cases())
        .checkAssert(
            c -> {
              Validity v = c.validity();
              assertEquals(c.oracle(), v.contains(c.date()), c::toString);
              assertEquals(v.contains(c.date()), v.hasStarted(c.date()) && !v.hasEnded(c.date()));
              assertEquals(c.until().isPresent(), v.hasEnd());
            });
  }

  @Test
  void startedAndEndedNeverGoBack() {
    qt().forAll(cases(), integers().between(0, 400))
        .checkAssert(
            (c, later) -> {
              Validity v = c.validity();
              LocalDate after = c.date().plusDays(later);
              if (v.hasStarted(c.date())) {
                assertTrue(v.hasStarted(after), c::toString);
              }
              if (v.hasEnded(c.date())) {
                assertTrue(v.hasEnded(after), c::toString);
              }
            });
  }

  @Test
  void aReplacementLeavesExactlyOneAddressInUseOnEveryDay() {
    qt().forAll(cases())
        .checkAssert(
            c -> {
              LocalDate switchDay = LocalDate.ofEpochDay(c.from().orElse(c.day()));
              Validity retired = Validity.before(switchDay);
              Validity successor = Validity.since(switchDay);
              assertNotEquals(
                  retired.contains(c.date()), successor.contains(c.date()), c::toString);
            });
  }

  @Test
  void todayIsTheUtcDateWhateverTheClocksZone() {
    qt().forAll(
            longs().between(FIRST * 86_400, LAST * 86_400 + 86_399),
            integers().between(-18 * 3600, 18 * 3600))
        .checkAssert(
            (second, offset) -> {
              Clock clock =
                  Clock.fixed(
                      Instant.ofEpochSecond(second),
                      ZoneId.ofOffset("", ZoneOffset.ofTotalSeconds(offset)));
              assertEquals(
                  LocalDate.ofEpochDay(Math.floorDiv(second, 86_400)), Validity.today(clock));
            });
  }

  /** A preset with 1 to 6 dated transfer sources and NOTIFY targets, and a day near their edges. */
  private record DatedPreset(PresetDefinition preset, List<Case> sources, long day) {}

  private static Gen<DatedPreset> datedPresets() {
    return longs()
        .all()
        .zip(
            cases(),
            (seed, anchor) -> {
              Random r = new Random(seed);
              PresetDefinition.Builder b =
                  PresetDefinition.builder("dated")
                      .displayName("Dated")
                      .nameServers("ns1.d.example");
              List<Case> windows = new ArrayList<>();
              int n = 1 + r.nextInt(6);
              for (int i = 0; i < n; i++) {
                // Windows share edges with the anchor's so that the day falls on edges often.
                Optional<Long> from =
                    r.nextBoolean() ? anchor.from() : anchor.until().map(u -> u - r.nextInt(2));
                Optional<Long> until =
                    r.nextBoolean() ? anchor.until() : from.map(f -> f + 1 + r.nextInt(3));
                if (from.isPresent() && until.isPresent() && from.get() >= until.get()) {
                  until = Optional.of(from.get() + 1);
                }
                Case w = new Case(from, until, anchor.day());
                windows.add(w);
                String address = "192.0.2." + (i + 1);
                Consumer<PresetDefinition.ValueDetails> dates =
                    v -> {
                      w.from().ifPresent(f -> v.validFrom(LocalDate.ofEpochDay(f)));
                      w.until().ifPresent(u -> v.validUntil(LocalDate.ofEpochDay(u)));
                    };
                b.transferSource(address, dates).notifyTarget(address, dates);
              }
              return new DatedPreset(b.build(), windows, anchor.day());
            });
  }

  @Test
  void applyingOnADayCopiesExactlyTheAddressesOfThatDay() {
    qt().forAll(datedPresets(), integers().between(0, 86_399))
        .checkAssert(
            (d, secondOfDay) -> {
              Clock clock =
                  Clock.fixed(
                      Instant.ofEpochSecond(d.day() * 86_400 + secondOfDay), ZoneOffset.UTC);
              SecondaryDnsConfiguration c =
                  PresetApplier.apply(d.preset(), "example.com", List.of(), clock)
                      .builder()
                      .build();
              List<String> expected = new ArrayList<>();
              for (int i = 0; i < d.sources().size(); i++) {
                if (d.sources().get(i).oracle()) {
                  expected.add("192.0.2." + (i + 1));
                }
              }
              assertEquals(
                  expected,
                  c.transferAcl().stream().map(e -> e.prefix().toString()).toList(),
                  d::toString);
              assertEquals(
                  expected,
                  c.notifyTargets().stream().map(t -> t.address().getHostAddress()).toList(),
                  d::toString);
              assertEquals(
                  d.preset().transferSourcesOn(LocalDate.ofEpochDay(d.day())).size(),
                  expected.size());
            });
  }
}
