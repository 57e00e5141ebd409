package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.ServerProcess;
import io.github.secdns.testsupport.servers.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Reads a zone back from a server and compares it with the zone we served.
 *
 * <p>Records are compared as presentation strings (owner, TTL, class, type, RDATA), which keeps
 * letter case: dnsjava's {@code Record.equals} would ignore case in names. Where a server is known
 * to fold names to lower case (Knot and NSD store names in lower case), the comparison folds the
 * case of names only, never of other RDATA such as TXT strings.
 */
final class ZoneReadBack {

  /** How much of the letter case a comparison holds the secondary to. */
  enum NameCase {
    /** Owner names and names inside RDATA must keep the exact case we served. */
    EXACT,
    /** Names are compared after folding to lower case; everything else stays exact. */
    FOLDED
  }

  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

  private ZoneReadBack() {}

  /** Waits until the server answers the zone's SOA with authority and serial {@code serial}. */
  static void awaitSerial(ServerProcess server, Name zone, long serial, Duration timeout) {
    Waits.until(
        server.label() + " serving " + zone + " with serial " + serial,
        timeout,
        () -> server.servedSerial(zone),
        served -> served == serial,
        served ->
            "last served serial: " + (served < 0 ? "none" : served) + "\n" + server.diagnostics());
  }

  /** Reads the whole zone from a server by AXFR over TCP, without TSIG. */
  static List<Record> axfrFrom(ServerProcess server, Name zone) {
    return axfrFrom(server.endpoint(), zone, null);
  }

  /** Reads the whole zone by AXFR over TCP, signed with {@code key} when it is not null. */
  static List<Record> axfrFrom(InetSocketAddress server, Name zone, TSIG key) {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone, server, key);
    xfr.setTimeout(TRANSFER_TIMEOUT);
    try {
      xfr.run();
    } catch (IOException | ZoneTransferException e) {
      throw new AssertionError("AXFR of " + zone + " from " + server + " failed: " + e, e);
    }
    return xfr.getAXFR();
  }

  /** Asks a server for IXFR from {@code fromSerial}; returns the finished transfer. */
  static ZoneTransferIn ixfrFrom(ServerProcess server, Name zone, long fromSerial) {
    ZoneTransferIn xfr = ZoneTransferIn.newIXFR(zone, fromSerial, false, server.endpoint(), null);
    xfr.setTimeout(TRANSFER_TIMEOUT);
    try {
      xfr.run();
    } catch (IOException | ZoneTransferException e) {
      throw new AssertionError("IXFR of " + zone + " from " + server + " failed: " + e, e);
    }
    return xfr;
  }

  /**
   * Asserts that {@code transferred} (an AXFR: SOA, records, SOA) holds exactly the records of
   * {@code expected}, record for record.
   */
  static void assertSameZone(
      ZoneSnapshot expected, List<Record> transferred, NameCase nameCase, String context) {
    Set<String> want = new TreeSet<>();
    want.add(presentation(expected.soa(), nameCase));
    for (Record r : expected.records()) {
      want.add(presentation(r, nameCase));
    }
    Set<String> got = new TreeSet<>();
    int soas = 0;
    for (Record r : transferred) {
      if (r.getType() == Type.SOA) {
        soas++;
      }
      got.add(presentation(r, nameCase));
    }
    Set<String> missing = new TreeSet<>(want);
    missing.removeAll(got);
    Set<String> unexpected = new TreeSet<>(got);
    unexpected.removeAll(want);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new AssertionError(
          context
              + ": the zone read back differs from the zone served ("
              + nameCase
              + " name case): "
              + want.size()
              + " records served, "
              + got.size()
              + " distinct records read back\n  missing ("
              + missing.size()
              + "): "
              + first(missing)
              + "\n  unexpected ("
              + unexpected.size()
              + "): "
              + first(unexpected));
    }
    if (soas == 0) {
      throw new AssertionError(context + ": no SOA in the transfer");
    }
  }

  private static String first(Set<String> lines) {
    return lines.stream().limit(15).collect(Collectors.joining("\n    ", "\n    ", ""));
  }

  /** The record as text; with {@link NameCase#FOLDED}, owner and RDATA names in lower case. */
  static String presentation(Record r, NameCase nameCase) {
    if (nameCase == NameCase.EXACT) {
      return r.toString();
    }
    // Canonical RDATA (RFC 4034 section 6.2) lowercases exactly the names inside RDATA.
    Record folded =
        Record.newRecord(
            r.getName().canonicalize(),
            r.getType(),
            r.getDClass(),
            r.getTTL(),
            r.rdataToWireCanonical());
    return folded.toString();
  }

  /** The serial of the first SOA of a transfer. */
  static long firstSerial(List<Record> transferred) {
    if (transferred.isEmpty() || transferred.get(0).getType() != Type.SOA) {
      throw new AssertionError("a transfer must start with the SOA: " + transferred);
    }
    return ((SOARecord) transferred.get(0)).getSerial();
  }

  /** Only the records of the given type (convenience for assertions on a transfer). */
  static List<Record> ofType(List<Record> records, int type) {
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (r.getType() == type && r.getDClass() == DClass.IN) {
        out.add(r);
      }
    }
    return out;
  }
}
