package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerProcess;
import io.github.secdns.testsupport.servers.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A real named, knotd or nsd running as a secondary for one zone on loopback, or for many zones
 * with the same settings ({@link #startMany}: a DNS host's zones at a secondary provider). Created
 * by {@link #start}, stopped (process and children by id) and its directory deleted by {@link
 * #close()}. Not thread-safe: one test drives it.
 */
final class Secondary implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final SecondaryKind kind;
  private final SecondarySettings settings;
  private final ServerProcess process;

  private Secondary(SecondaryKind kind, SecondarySettings settings, ServerProcess process) {
    this.kind = kind;
    this.settings = settings;
    this.process = process;
  }

  static Secondary start(SecondaryKind kind, SecondarySettings settings) {
    return start(kind, settings, config -> config);
  }

  /** The same, with the configuration adjusted (for example more primaries). */
  static Secondary start(
      SecondaryKind kind,
      SecondarySettings settings,
      java.util.function.UnaryOperator<io.github.secdns.testsupport.servers.ServerConfig> adjust) {
    Path dir = newDirectory("secdns-" + kind.binary() + "-");
    ServerProcess process =
        kind.server()
            .start(
                kind.name() + " secondary (" + kind.binary() + ")",
                adjust.apply(settings.toConfig(dir)),
                START_TIMEOUT);
    return new Secondary(kind, settings, process);
  }

  /**
   * Starts a secondary of every zone of {@code zones}, all pulled with {@code settings} (whose zone
   * is the first of them), in the many-zone form of {@link ServerConfig#secondary(Path, List,
   * java.net.InetAddress, int, java.net.InetSocketAddress, java.net.InetAddress)}.
   */
  static Secondary startMany(SecondaryKind kind, SecondarySettings settings, List<Name> zones) {
    Path dir = newDirectory("secdns-" + kind.binary() + "-many-");
    ServerProcess process =
        kind.server()
            .start(
                kind.name() + " secondary of " + zones.size() + " zones (" + kind.binary() + ")",
                settings.toConfig(dir, zones),
                START_TIMEOUT);
    return new Secondary(kind, settings, process);
  }

  /** A new temporary directory for a server (deleted when the server is closed). */
  static Path newDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a directory for " + prefix, e);
    }
  }

  SecondaryKind kind() {
    return kind;
  }

  SecondarySettings settings() {
    return settings;
  }

  ServerProcess process() {
    return process;
  }

  /** Waits until the secondary answers with authority and the given serial. */
  void awaitSerial(long serial, Duration timeout) {
    ZoneReadBack.awaitSerial(process, settings.zone(), serial, timeout);
  }

  /** Waits until the secondary answers for {@code zone} with authority and the given serial. */
  void awaitSerial(Name zone, long serial, Duration timeout) {
    ZoneReadBack.awaitSerial(process, zone, serial, timeout);
  }

  /** Reads the zone back from the secondary by AXFR. */
  List<Record> axfr() {
    return ZoneReadBack.axfrFrom(process, settings.zone());
  }

  /**
   * Asserts the secondary serves exactly {@code expected} (read back by AXFR of its origin: the
   * settings' zone, or one of the zones of {@link #startMany}), names compared as the server can.
   */
  void assertHolds(ZoneSnapshot expected, boolean primaryKeepsCase, String context) {
    ZoneReadBack.NameCase nameCase =
        kind.keepsNameCase() && primaryKeepsCase
            ? ZoneReadBack.NameCase.EXACT
            : ZoneReadBack.NameCase.FOLDED;
    ZoneReadBack.assertSameZone(
        expected,
        ZoneReadBack.axfrFrom(process, expected.origin()),
        nameCase,
        kind + " " + context);
  }

  /** Waits for the log line saying NOTIFY for {@code serial} arrived. */
  void awaitNotifyLogged(long serial, Duration timeout) {
    process.awaitLog(kind.notifyFor(serial), timeout);
  }

  /** Waits for a log line saying the primary answered REFUSED; returns the line. */
  String awaitRefusalLogged(Duration timeout) {
    return awaitLogLine(kind.refused(), timeout);
  }

  /** Waits for a log line saying the primary rejected the key or signature; returns the line. */
  String awaitKeyRejectionLogged(Duration timeout) {
    return awaitLogLine(kind.keyRejected(), timeout);
  }

  private String awaitLogLine(java.util.regex.Pattern pattern, Duration timeout) {
    Matcher m = process.awaitLog(pattern, timeout);
    String log = process.log();
    int start = log.lastIndexOf('\n', m.start()) + 1;
    int end = log.indexOf('\n', m.end());
    return log.substring(start, end < 0 ? log.length() : end);
  }

  /**
   * Asserts that the secondary went from {@code from} to {@code to} by IXFR, from its log (BIND:
   * "got incremental response", Knot: "IXFR, incoming ... finished" between the two updates) or,
   * for NSD which does not log it, by asking it for IXFR from {@code from}: with store-ixfr and
   * without create-ixfr it has incremental data only when it received an IXFR.
   */
  void assertIncremental(long from, long to, Duration timeout) {
    Matcher previous = process.awaitLog(kind.updatedTo(from), timeout);
    Matcher current = process.awaitLog(kind.updatedTo(to), timeout);
    String log = process.log();
    if (kind.incrementalMarker() != null) {
      String between = log.substring(previous.end(), current.end());
      if (!kind.incrementalMarker().matcher(between).find()
          || kind.fullMarker().matcher(between).find()) {
        throw new AssertionError(
            kind
                + ": the change "
                + from
                + " -> "
                + to
                + " did not arrive by IXFR; log between the two updates:\n"
                + between);
      }
      return;
    }
    ZoneTransferIn ixfr = ZoneReadBack.ixfrFrom(process, settings.zone(), from);
    if (!ixfr.isIXFR() || ixfr.getIXFR().isEmpty()) {
      throw new AssertionError(
          kind
              + ": holds no IXFR data for "
              + from
              + " -> "
              + to
              + ", so it received the change by AXFR\n"
              + process.diagnostics());
    }
    List<ZoneTransferIn.Delta> deltas = ixfr.getIXFR();
    long end = deltas.get(deltas.size() - 1).end;
    if (deltas.get(0).start != from || end != to) {
      throw new AssertionError(
          kind
              + ": IXFR data goes "
              + deltas.get(0).start
              + " -> "
              + end
              + ", expected "
              + from
              + " -> "
              + to);
    }
  }

  /**
   * For a secondary of many zones: asserts that each of {@code zones} went from {@code from} to
   * {@code to} by IXFR. BIND and Knot name the zone in the line that says a transfer was
   * incremental (waited for: the line may follow the new serial being served by a moment), and in
   * the one that says it was full, which must appear once (the first transfer) and no more; NSD,
   * which does not log it, is asked for IXFR from {@code from} for each zone, as in {@link
   * #assertIncremental}.
   */
  void assertEachArrivedIncrementally(List<Name> zones, long from, long to, Duration timeout) {
    if (kind.incrementalMarker() == null) {
      for (Name zone : zones) {
        ZoneTransferIn ixfr = ZoneReadBack.ixfrFrom(process, zone, from);
        List<ZoneTransferIn.Delta> deltas = ixfr.isIXFR() ? ixfr.getIXFR() : List.of();
        if (deltas.isEmpty()
            || deltas.get(0).start != from
            || deltas.get(deltas.size() - 1).end != to) {
          throw new AssertionError(
              kind
                  + ": holds no IXFR data "
                  + from
                  + " -> "
                  + to
                  + " for "
                  + zone
                  + ", so it received the change by AXFR\n"
                  + process.diagnostics());
        }
      }
      return;
    }
    List<Name> pending = new ArrayList<>(zones);
    Waits.until(
        kind + " logging an incremental transfer of each of " + zones.size() + " zones",
        timeout,
        () -> {
          String log = process.log();
          pending.removeIf(zone -> kind.incrementalTransferOf(zone).matcher(log).find());
          return pending.size();
        },
        left -> left == 0,
        left -> left + " zones without one, such as " + pending.get(0) + "\n" + diagnostics());
    String log = process.log();
    for (Name zone : zones) {
      Matcher full = kind.fullTransferOf(zone).matcher(log);
      int fulls = 0;
      while (full.find()) {
        fulls++;
      }
      if (fulls != 1) {
        throw new AssertionError(
            kind
                + ": "
                + zone
                + " was transferred in full "
                + fulls
                + " times, expected once (its first transfer): the change "
                + from
                + " -> "
                + to
                + " must arrive by IXFR");
      }
    }
  }

  /** The serial the secondary serves, or -1 when it serves none. */
  long servedSerial() {
    return process.servedSerial(settings.zone());
  }

  String diagnostics() {
    return process.diagnostics();
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return kind + " " + process;
  }
}
