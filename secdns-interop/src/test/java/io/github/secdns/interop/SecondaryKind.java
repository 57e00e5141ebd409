package io.github.secdns.interop;

import io.github.secdns.testsupport.servers.ServerKind;
import io.github.secdns.testsupport.servers.ZoneNames;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * The three real secondaries, with what the interop tests read in their logs: the lines that show a
 * transfer's kind and outcome, and whether they keep the letter case of names (verified on Debian
 * 12: BIND 9.18 keeps it; Knot 3.2 and NSD 4.6 store names in lower case, so their read-back is
 * compared with names folded to lower case). Configuration and start are the shared {@link
 * ServerKind}'s.
 */
enum SecondaryKind {
  BIND(
      ServerKind.BIND,
      true,
      // named 9.18, category xfer-in: "zone example.test/IN: transferred serial 2".
      "transferred serial %d\\b",
      "got incremental response",
      "got nonincremental response",
      // "transfer of 'z1.hosted.test/IN' from 127.0.0.1#20000: got incremental response".
      "transfer of '%s/IN' from [^\\n]*: got incremental response",
      "transfer of '%s/IN' from [^\\n]*: got nonincremental response",
      // "notify from 127.0.0.1#45678: serial 2".
      "notify from [0-9a-f.:]+#\\d+: serial %d\\b",
      // A transfer answered REFUSED ("Transfer status: REFUSED", "failed while receiving
      // responses: REFUSED"): never a timeout.
      "(Transfer status: REFUSED|failed while receiving responses: REFUSED)",
      // The primary rejected the signature or the key (NOTAUTH with BADSIG or BADKEY, unsigned):
      // "refresh: failure trying primary ...: tsig indicates error", "Transfer status: NOTAUTH".
      "(tsig indicates error|Transfer status: NOTAUTH|tsig verify failure|BADKEY|BADSIG)"),
  KNOT(
      ServerKind.KNOT,
      false,
      // Knot 3.2: "[example.test.] refresh, remote 127.0.0.1@5353, zone updated, 0.01 seconds,
      // serial 1 -> 2, expires in 1209600 seconds".
      "zone updated, [^\\n]*serial (?:none|\\d+) -> %d\\b",
      "IXFR, incoming, remote [^\\n]*, finished",
      "AXFR, incoming",
      // "[z1.hosted.test.] IXFR, incoming, remote 127.0.0.1@20000, finished, ...".
      "\\[%s\\.\\] IXFR, incoming, remote [^\\n]*, finished",
      "\\[%s\\.\\] AXFR, incoming, remote [^\\n]*, finished",
      // "[example.test.] notify, incoming, remote 127.0.0.1@45678, serial 2".
      "notify, incoming, remote [^\\n]*serial %d\\b",
      // REFUSED: "refresh, remote primary, address ..., failed (operation not permitted)" or
      // "(not allowed)" (the text Knot 3.2 gives to the REFUSED rcode).
      "(failed \\((operation not permitted|not allowed|refused)\\)|REFUSED)",
      // "failed (failed to verify TSIG)", "(bad key)", "(NOTAUTH)".
      "(failed to verify TSIG|TSIG|bad key|BADKEY|BADSIG|NOTAUTH|not authoritative)"),
  NSD(
      ServerKind.NSD,
      false,
      // NSD 4.6: "zone example.test. received update to serial 2 at ... from 127.0.0.1@5353".
      "received update to serial %d\\b",
      // NSD does not log the transfer type: see NsdConfig and Secondary#assertIncremental.
      null,
      null,
      null,
      null,
      // "notify for example.test. from 127.0.0.1 serial 2".
      "notify for [^\\n]* from [0-9a-f.:]+ serial %d\\b",
      // "xfrd: zone example.test received error code REFUSED from 127.0.0.1@5353".
      "received error code REFUSED",
      // NOTAUTH ("received error code SERVER NOT AUTHORITATIVE FOR ZONE") or a TSIG complaint.
      "(NOT AUTHORITATIVE|NOTAUTH|bad tsig signature|tsig error|no tsig in first packet)");

  private final ServerKind server;
  private final boolean keepsNameCase;
  private final String updatedTo;
  private final Pattern incrementalMarker;
  private final Pattern fullMarker;
  private final String incrementalOf;
  private final String fullOf;
  private final String notifyFor;
  private final Pattern refused;
  private final Pattern keyRejected;

  SecondaryKind(
      ServerKind server,
      boolean keepsNameCase,
      String updatedTo,
      String incrementalMarker,
      String fullMarker,
      String incrementalOf,
      String fullOf,
      String notifyFor,
      String refused,
      String keyRejected) {
    this.server = server;
    this.keepsNameCase = keepsNameCase;
    this.updatedTo = updatedTo;
    this.incrementalMarker = incrementalMarker == null ? null : Pattern.compile(incrementalMarker);
    this.fullMarker = fullMarker == null ? null : Pattern.compile(fullMarker);
    this.incrementalOf = incrementalOf;
    this.fullOf = fullOf;
    this.notifyFor = notifyFor;
    this.refused = Pattern.compile(refused);
    this.keyRejected = Pattern.compile(keyRejected);
  }

  /** The server: configuration, command line, log file. */
  ServerKind server() {
    return server;
  }

  String binary() {
    return server.binary();
  }

  /** Whether this server keeps the letter case of names it received. */
  boolean keepsNameCase() {
    return keepsNameCase;
  }

  /** The log line that says the zone now holds {@code serial}. */
  Pattern updatedTo(long serial) {
    return Pattern.compile(String.format(updatedTo, serial));
  }

  /** The log line that says NOTIFY for {@code serial} arrived. */
  Pattern notifyFor(long serial) {
    return Pattern.compile(String.format(notifyFor, serial));
  }

  /** In the log between two updates: the transfer was IXFR; null when the server does not say. */
  Pattern incrementalMarker() {
    return incrementalMarker;
  }

  /** In the log between two updates: the transfer was AXFR; null when the server does not say. */
  Pattern fullMarker() {
    return fullMarker;
  }

  /**
   * The log line that says a transfer of {@code zone} was IXFR (for a secondary of many zones);
   * null when the server does not say ({@link #incrementalMarker()} is null too).
   */
  Pattern incrementalTransferOf(Name zone) {
    return incrementalOf == null ? null : ofZone(incrementalOf, zone);
  }

  /** The log line that says a transfer of {@code zone} was AXFR; null when not said. */
  Pattern fullTransferOf(Name zone) {
    return fullOf == null ? null : ofZone(fullOf, zone);
  }

  private static Pattern ofZone(String pattern, Name zone) {
    return Pattern.compile(String.format(pattern, Pattern.quote(ZoneNames.configName(zone))));
  }

  /**
   * A log line saying a NOTIFY signed with the key arrived. Only named names the key of a NOTIFY
   * ("received notify for zone 'z': TSIG 'k'"); knotd and nsd are configured to accept NOTIFY only
   * with the key (an unsigned one is refused), so their "notify" line is the evidence.
   */
  java.util.Optional<Pattern> signedNotifyWith(String keyName) {
    return this == BIND
        ? java.util.Optional.of(
            Pattern.compile("received notify for zone '[^']*': TSIG '" + Pattern.quote(keyName)))
        : java.util.Optional.empty();
  }

  /** A log line saying the primary answered REFUSED (not a time-out, not another failure). */
  Pattern refused() {
    return refused;
  }

  /** A log line saying the primary rejected the TSIG signature or key (NOTAUTH). */
  Pattern keyRejected() {
    return keyRejected;
  }
}
