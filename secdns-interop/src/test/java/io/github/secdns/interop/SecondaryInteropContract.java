package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;

/**
 * What every primary must achieve with real BIND, Knot and NSD secondaries (issue 10). A subclass
 * says which primary is under test: {@link BindPrimaryInteropTest} proves the harness against a
 * real BIND primary; the embedded responder's test runs the same contract.
 *
 * <p>Every wait has a deadline and polls a condition (the secondary's SOA serial, a log line); the
 * secondaries' SOA refresh interval is an hour, so converging within the deadline shows that NOTIFY
 * was acted on, not a timer. Everything a test starts is stopped in {@link #stopAll()}.
 */
abstract class SecondaryInteropContract {

  /** The zone: lower case at the apex, as hosting applications name zones; mixed case below. */
  static final Name ZONE = Names.absolute("interop.test");

  static final int GROUPS = 300;
  static final long SEED = 20261124L;
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final Duration FAILURE_SEEN = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Starts the primary under test. */
  protected abstract PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial);

  static ZoneSnapshot firstVersion() {
    return ZoneGenerator.generate(ZONE, 2026112401L, GROUPS, SEED);
  }

  /** The first transfer of a zone of a few thousand records equals ours, case included. */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void firstTransferHoldsExactlyTheZone(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    Secondary secondary = primaryNotifying(kind, v1).secondary();

    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);

    secondary.assertHolds(v1, true, "after the first transfer");
  }

  /** A change reaches the secondary through NOTIFY and IXFR, and it again holds exactly ours. */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void changeArrivesByNotifyAndIxfr(SecondaryKind kind) {
    assertChangeArrivesByNotify(kind, true);
  }

  /**
   * Publishes a second version and asserts that the secondary logs the NOTIFY for it, serves it and
   * holds exactly it; with {@code requireIxfr}, also that the transfer was an IXFR.
   */
  protected final void assertChangeArrivesByNotify(SecondaryKind kind, boolean requireIxfr) {
    ZoneSnapshot v1 = firstVersion();
    PrimaryAndSecondary pair = primaryNotifying(kind, v1);
    PrimaryUnderTest primary = pair.primary();
    Secondary secondary = pair.secondary();
    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);

    ZoneSnapshot v2 = ZoneGenerator.nextVersion(v1, 1);
    primary.publish(v2);

    secondary.awaitSerial(v2.soa().getSerial(), CONVERGE);
    secondary.awaitNotifyLogged(v2.soa().getSerial(), CONVERGE);
    if (requireIxfr) {
      secondary.assertIncremental(v1.soa().getSerial(), v2.soa().getSerial(), CONVERGE);
      secondary.assertHolds(v2, primary.ixfrKeepsNameCase(), "after NOTIFY and IXFR");
    } else {
      secondary.assertHolds(v2, true, "after NOTIFY and a full transfer");
    }
  }

  /**
   * With TSIG (hmac-sha256) required, a secondary with the key transfers the zone; one with the
   * same key name but another secret is refused and serves nothing.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void tsigSignedTransferSucceedsAndWrongKeyIsRefused(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    TsigSecret key = TsigSecret.generate("transfer-key.interop.test", SEED);
    SecondarySettings good = SecondarySettings.planned(kind, Loopback.ONE, ZONE).withTsig(key);
    SecondarySettings wrong =
        SecondarySettings.planned(kind, Loopback.ONE, ZONE).withTsig(key.withWrongSecret());
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                ZONE,
                List.of("127.0.0.0/8"),
                Optional.of(key),
                List.of(good.endpoint(), wrong.endpoint())),
            v1);

    Secondary withKey = secondary(kind, good.withPrimary(primary.endpoint()));
    Secondary withWrongKey = secondary(kind, wrong.withPrimary(primary.endpoint()));

    withKey.awaitSerial(v1.soa().getSerial(), CONVERGE);
    withKey.assertHolds(v1, true, "after a TSIG-signed transfer");
    String failure = withWrongKey.awaitFailureLogged(FAILURE_SEEN);
    System.out.println(kind + " with a wrong TSIG secret: " + failure);
    assertEquals(
        -1,
        withWrongKey.servedSerial(),
        () -> "a secondary with a wrong key must serve nothing\n" + withWrongKey.diagnostics());
  }

  /**
   * Only 127.0.0.2 is in the transfer ACL: the secondary transferring from 127.0.0.2 gets the zone,
   * the one transferring from 127.0.0.3 gets nothing.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void secondaryOutsideTheAclGetsNothing(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    SecondarySettings inside = SecondarySettings.planned(kind, Loopback.TWO, ZONE);
    SecondarySettings outside = SecondarySettings.planned(kind, Loopback.THREE, ZONE);
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                ZONE,
                List.of("127.0.0.2/32"),
                Optional.empty(),
                List.of(inside.endpoint(), outside.endpoint())),
            v1);

    Secondary allowed = secondary(kind, inside.withPrimary(primary.endpoint()));
    Secondary refused = secondary(kind, outside.withPrimary(primary.endpoint()));

    allowed.awaitSerial(v1.soa().getSerial(), CONVERGE);
    String failure = refused.awaitFailureLogged(FAILURE_SEEN);
    System.out.println(kind + " outside the ACL: " + failure);
    assertEquals(
        -1,
        refused.servedSerial(),
        () -> "a secondary outside the ACL must serve nothing\n" + refused.diagnostics());
  }

  /** A primary and the one secondary it NOTIFYs. */
  protected record PrimaryAndSecondary(PrimaryUnderTest primary, Secondary secondary) {}

  /**
   * Starts a primary open to 127/8 serving {@code initial} and one secondary of {@code kind} on
   * 127.0.0.1 that it NOTIFYs.
   */
  protected final PrimaryAndSecondary primaryNotifying(SecondaryKind kind, ZoneSnapshot initial) {
    SecondarySettings planned = SecondarySettings.planned(kind, Loopback.ONE, ZONE);
    PrimaryUnderTest primary =
        primary(PrimarySettings.openTo(ZONE, List.of(planned.endpoint())), initial);
    return new PrimaryAndSecondary(
        primary, secondary(kind, planned.withPrimary(primary.endpoint())));
  }

  /** Starts the primary and registers it for {@link #stopAll()}. */
  protected final PrimaryUnderTest primary(PrimarySettings settings, ZoneSnapshot initial) {
    PrimaryUnderTest primary = startPrimary(settings, initial);
    started.push(primary);
    return primary;
  }

  /** Starts a secondary and registers it for {@link #stopAll()}. */
  protected final Secondary secondary(SecondaryKind kind, SecondarySettings settings) {
    Secondary secondary = Secondary.start(kind, settings);
    started.push(secondary);
    return secondary;
  }

  @AfterEach
  void stopAll() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
