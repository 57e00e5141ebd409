package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * What every primary must achieve with real BIND, Knot and NSD secondaries (issues 10 and 19). A
 * subclass says which primary is under test: {@link BindPrimaryInteropTest} proves the harness
 * against a real BIND primary; the embedded responder's test runs the same contract.
 *
 * <p>Every wait has a deadline and polls a condition (the secondary's SOA serial, a log line); the
 * secondaries' SOA refresh interval is an hour, so converging within the deadline shows that NOTIFY
 * was acted on, not a timer. A refusal is read from what the primary answers a client asking as the
 * refused secondary does (same source address, same key), and from the secondary's log line naming
 * that answer (REFUSED, a TSIG error), never from a pattern a time-out would also match. Everything
 * a test starts is stopped in {@link #stopAll()}.
 */
abstract class SecondaryInteropContract {

  static final Name ZONE = InteropZones.ZONE;
  static final long SEED = InteropZones.SEED;
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final Duration FAILURE_SEEN = Duration.ofSeconds(30);

  private final StartedServers started = new StartedServers();

  /** Starts the primary under test. */
  protected abstract PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial);

  static ZoneSnapshot firstVersion() {
    return InteropZones.firstVersion();
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

  /**
   * Three changes in a row each reach the secondary through NOTIFY and an incremental IXFR, and it
   * ends holding exactly the last version.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void changesArriveByNotifyAndIxfrSeveralTimesInARow(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    PrimaryAndSecondary pair = primaryNotifying(kind, v1);
    pair.secondary().awaitSerial(v1.soa().getSerial(), CONVERGE);

    ZoneSnapshot last = v1;
    for (int step = 1; step <= 3; step++) {
      last = assertNextVersionArrivesIncrementally(pair, last, step);
    }
    pair.secondary().assertHolds(last, pair.primary().ixfrKeepsNameCase(), "after three IXFRs");
  }

  /**
   * With TSIG (hmac-sha256) required, the transfer, the NOTIFY and the IXFR are all signed: the
   * secondary accepts only NOTIFY signed with its key, and a change still reaches it by NOTIFY and
   * an incremental IXFR.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void signedTransferSignedNotifyAndSignedIxfr(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    TsigSecret key = TsigSecret.generate("transfer-key.interop.test", SEED);
    SecondarySettings planned =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_1, ZONE)
            .withTsig(key)
            .withSignedNotifyOnly();
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                ZONE, List.of("127.0.0.0/8"), Optional.of(key), List.of(planned.endpoint())),
            v1);
    Secondary secondary = secondary(kind, planned.withPrimary(primary.endpoint()));
    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);
    secondary.assertHolds(v1, true, "after a TSIG-signed transfer");

    ZoneSnapshot v2 =
        assertNextVersionArrivesIncrementally(new PrimaryAndSecondary(primary, secondary), v1, 1);
    kind.signedNotifyWith(key.configName())
        .ifPresent(signed -> secondary.process().awaitLog(signed, CONVERGE));
    secondary.assertHolds(v2, primary.ixfrKeepsNameCase(), "after signed NOTIFY and IXFR");
  }

  /**
   * With TSIG required and only 127.0.0.2 in the ACL, the secondary from 127.0.0.2 with the key
   * gets the zone; one with a wrong secret, one with a key name the primary does not know and one
   * with the right key but from 127.0.0.3 get nothing. Each refusal is read from what the primary
   * answers a client asking as that secondary does: NOTAUTH with BADSIG, NOTAUTH with BADKEY,
   * REFUSED.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void wrongSecretUnknownKeyNameAndTheRightKeyOutsideTheAclAreRefused(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    TsigSecret key = TsigSecret.generate("transfer-key.interop.test", SEED);
    TsigSecret wrongSecret = key.withWrongSecret();
    TsigSecret unknownName = key.withName("unknown-key.interop.test");
    SecondarySettings good =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_2, ZONE).withTsig(key);
    SecondarySettings badSecret =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_2, ZONE).withTsig(wrongSecret);
    SecondarySettings badName =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_2, ZONE).withTsig(unknownName);
    SecondarySettings outside =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_3, ZONE).withTsig(key);
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                ZONE, List.of("127.0.0.2/32"), Optional.of(key), List.of(good.endpoint())),
            v1);

    Secondary withKey = secondary(kind, good.withPrimary(primary.endpoint()));
    Secondary withWrongSecret = secondary(kind, badSecret.withPrimary(primary.endpoint()));
    Secondary withUnknownName = secondary(kind, badName.withPrimary(primary.endpoint()));
    Secondary outsideTheAcl = secondary(kind, outside.withPrimary(primary.endpoint()));

    withKey.awaitSerial(v1.soa().getSerial(), CONVERGE);
    withKey.assertHolds(v1, true, "after a TSIG-signed transfer from inside the ACL");
    assertRefused(
        primary, withWrongSecret, Rcode.NOTAUTH, Rcode.BADSIG, "a wrong secret", Kind.KEY);
    assertRefused(
        primary, withUnknownName, Rcode.NOTAUTH, Rcode.BADKEY, "an unknown key name", Kind.KEY);
    assertRefused(
        primary, outsideTheAcl, Rcode.REFUSED, 0, "the right key outside the ACL", Kind.ADDRESS);
  }

  /**
   * Only 127.0.0.2 is in the transfer ACL: the secondary transferring from 127.0.0.2 gets the zone,
   * the one transferring from 127.0.0.3 is answered REFUSED and serves nothing.
   */
  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void secondaryOutsideTheAclGetsNothing(SecondaryKind kind) {
    ZoneSnapshot v1 = firstVersion();
    SecondarySettings inside = SecondarySettings.planned(kind, Addresses.LOOPBACK_2, ZONE);
    SecondarySettings outside = SecondarySettings.planned(kind, Addresses.LOOPBACK_3, ZONE);
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
    assertRefused(primary, refused, Rcode.REFUSED, 0, "outside the ACL", Kind.ADDRESS);
  }

  /** Whether a refusal is about the address or the key: which log line the secondary writes. */
  enum Kind {
    ADDRESS,
    KEY
  }

  /**
   * Asserts that a secondary got nothing and why: its log names the refusal, it serves no serial,
   * and a client asking from its address with its key is answered {@code rcode} (and {@code
   * tsigError} when not 0) with no records.
   */
  protected static void assertRefused(
      PrimaryUnderTest primary,
      Secondary secondary,
      int rcode,
      int tsigError,
      String why,
      Kind kind) {
    SecondarySettings s = secondary.settings();
    TransferProbe.Answer answer =
        TransferProbe.axfr(primary.endpoint(), s.zone(), s.sourceAddress(), s.tsig());
    System.out.println(secondary.kind() + " with " + why + ": the primary answers " + answer);
    assertEquals(rcode, answer.rcode(), () -> why + ": " + answer);
    if (tsigError != 0) {
      assertEquals(tsigError, answer.tsigError(), () -> why + ": " + answer);
    }
    assertEquals(0, answer.answers(), () -> why + ": " + answer);
    String line =
        kind == Kind.ADDRESS
            ? secondary.awaitRefusalLogged(FAILURE_SEEN)
            : secondary.awaitKeyRejectionLogged(FAILURE_SEEN);
    System.out.println(secondary.kind() + " with " + why + " logged: " + line);
    assertEquals(
        -1,
        secondary.servedSerial(),
        () -> "a secondary with " + why + " must serve nothing\n" + secondary.diagnostics());
  }

  /**
   * Publishes the next version and asserts that the secondary logs the NOTIFY for it, serves it
   * within the deadline and received it by IXFR.
   *
   * @return the version published
   */
  protected static ZoneSnapshot assertNextVersionArrivesIncrementally(
      PrimaryAndSecondary pair, ZoneSnapshot previous, int step) {
    ZoneSnapshot next = InteropZones.nextVersion(previous, step);
    pair.primary().publish(next);
    Secondary secondary = pair.secondary();
    secondary.awaitSerial(next.soa().getSerial(), CONVERGE);
    secondary.awaitNotifyLogged(next.soa().getSerial(), CONVERGE);
    secondary.assertIncremental(previous.soa().getSerial(), next.soa().getSerial(), CONVERGE);
    return next;
  }

  /** A primary and the one secondary it NOTIFYs. */
  protected record PrimaryAndSecondary(PrimaryUnderTest primary, Secondary secondary) {}

  /**
   * Starts a primary open to 127/8 serving {@code initial} and one secondary of {@code kind} on
   * 127.0.0.1 that it NOTIFYs.
   */
  protected final PrimaryAndSecondary primaryNotifying(SecondaryKind kind, ZoneSnapshot initial) {
    SecondarySettings planned = SecondarySettings.planned(kind, Addresses.LOOPBACK_1, ZONE);
    PrimaryUnderTest primary =
        primary(PrimarySettings.openTo(ZONE, List.of(planned.endpoint())), initial);
    return new PrimaryAndSecondary(
        primary, secondary(kind, planned.withPrimary(primary.endpoint())));
  }

  /** Starts the primary and registers it for {@link #stopAll()}. */
  protected final PrimaryUnderTest primary(PrimarySettings settings, ZoneSnapshot initial) {
    return started.closing(startPrimary(settings, initial));
  }

  /** Starts a secondary and registers it for {@link #stopAll()}. */
  protected final Secondary secondary(SecondaryKind kind, SecondarySettings settings) {
    return started.closing(Secondary.start(kind, settings));
  }

  /** Registers something else the test started. */
  protected final <T extends AutoCloseable> T closing(T resource) {
    return started.closing(resource);
  }

  @AfterEach
  void stopAll() throws Exception {
    started.close();
  }
}
