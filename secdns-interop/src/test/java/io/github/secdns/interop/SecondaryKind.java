package io.github.secdns.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The three real secondaries, with what differs between them: configuration, command line, the log
 * lines that show a transfer's kind and outcome, and whether they keep the letter case of names
 * (verified on Debian 12: BIND 9.18 keeps it; Knot 3.2 and NSD 4.6 store names in lower case, so
 * their read-back is compared with names folded to lower case).
 */
enum SecondaryKind {
  BIND(
      "named",
      true,
      BindConfig.LOG,
      // named 9.18, category xfer-in: "zone example.test/IN: transferred serial 2".
      "transferred serial %d\\b",
      "got incremental response",
      "got nonincremental response",
      // A refused or failed transfer or refresh query ("Transfer status: REFUSED",
      // "refresh: unexpected rcode (REFUSED)", "Transfer status: tsig verify failure", ...).
      "(Transfer status: (?!success)\\S|refresh: unexpected rcode|refresh: failure trying primary"
          + "|refresh: retry limit|tsig verify failure|failed while receiving responses)",
      // "notify from 127.0.0.1#45678: serial 2".
      "notify from [0-9.]+#\\d+: serial %d\\b"),
  KNOT(
      "knotd",
      false,
      KnotConfig.LOG,
      // Knot 3.2: "[example.test.] refresh, remote 127.0.0.1@5353, zone updated, 0.01 seconds,
      // serial 1 -> 2, expires in 1209600 seconds".
      "zone updated, [^\\n]*serial (?:none|\\d+) -> %d\\b",
      "IXFR, incoming, remote [^\\n]*, finished",
      "AXFR, incoming",
      "(refresh, remote [^\\n]*, failed|XFR, incoming, remote [^\\n]*, failed"
          + "|refresh, failed)",
      // "[example.test.] notify, incoming, remote 127.0.0.1@45678, serial 2".
      "notify, incoming, remote [^\\n]*, serial %d\\b"),
  NSD(
      "nsd",
      false,
      NsdConfig.LOG,
      // NSD 4.6: "zone example.test. received update to serial 2 at ... from 127.0.0.1@5353".
      "received update to serial %d\\b",
      // NSD does not log the transfer type: see NsdConfig and Secondary#assertIncremental.
      null,
      null,
      "(xfrd: zone [^\\n]* received error code|bad tsig signature|tsig error|no tsig in first"
          + " packet|xfrd: zone [^\\n]* bad transfer)",
      // "notify for example.test. from 127.0.0.1 serial 2".
      "notify for [^\\n]* from [0-9.]+ serial %d\\b");

  private final String binary;
  private final boolean keepsNameCase;
  private final String logName;
  private final String updatedTo;
  private final Pattern incrementalMarker;
  private final Pattern fullMarker;
  private final Pattern failure;
  private final String notifyFor;

  SecondaryKind(
      String binary,
      boolean keepsNameCase,
      String logName,
      String updatedTo,
      String incrementalMarker,
      String fullMarker,
      String failure,
      String notifyFor) {
    this.binary = binary;
    this.keepsNameCase = keepsNameCase;
    this.logName = logName;
    this.updatedTo = updatedTo;
    this.incrementalMarker = incrementalMarker == null ? null : Pattern.compile(incrementalMarker);
    this.fullMarker = fullMarker == null ? null : Pattern.compile(fullMarker);
    this.failure = Pattern.compile(failure);
    this.notifyFor = notifyFor;
  }

  String binary() {
    return binary;
  }

  /** Whether this server keeps the letter case of names it received. */
  boolean keepsNameCase() {
    return keepsNameCase;
  }

  String logName() {
    return logName;
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

  /** A log line saying a refresh query or transfer was refused or failed. */
  Pattern failure() {
    return failure;
  }

  String config(SecondarySettings settings, Path dir) {
    switch (this) {
      case BIND:
        return BindConfig.secondary(settings, dir);
      case KNOT:
        return KnotConfig.secondary(settings, dir);
      case NSD:
        return NsdConfig.secondary(settings, dir);
      default:
        throw new AssertionError(this);
    }
  }

  List<String> command(Path conf) {
    switch (this) {
      case BIND:
        return BindConfig.command(conf);
      case KNOT:
        return KnotConfig.command(conf);
      case NSD:
        return NsdConfig.command(conf);
      default:
        throw new AssertionError(this);
    }
  }
}
