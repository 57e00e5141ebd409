package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.TsigSecret;
import io.github.secdns.testsupport.servers.ZoneNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * What every primary must answer to the standard clients {@code dig} (BIND) and {@code kdig}
 * (Knot): AXFR over UDP is refused, IXFR over UDP at the current serial is a single SOA, {@code
 * ixfr=N} inside the history is incremental and outside it the whole zone, and TSIG with {@code -y}
 * works with the right key and fails with a wrong one. A subclass says which primary is under test.
 */
abstract class ClientToolContract {

  private static final Pattern UDP_AXFR_REFUSED = Pattern.compile("FORMERR|NOTIMP");
  private static final Pattern TSIG_FAILURE =
      Pattern.compile("tsig indicates error|tsig verify failure|BADSIG|BADKEY|NOTAUTH");

  private final Deque<PrimaryUnderTest> started = new ArrayDeque<>();

  protected abstract PrimaryUnderTest startPrimary(PrimarySettings settings, ZoneSnapshot initial);

  /** kdig can send AXFR over UDP (dig silently switches to TCP): no zone data comes back. */
  @Test
  void axfrOverUdpIsRefused() {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    PrimaryUnderTest primary = primary(PrimarySettings.openTo(InteropZones.ZONE, List.of()), v1);

    DigTool.Result result = DigTool.kdig(args(primary, "AXFR", "+notcp"));

    assertTrue(result.records().isEmpty(), () -> "zone data over UDP: " + result);
    assertTrue(
        UDP_AXFR_REFUSED.matcher(result.output()).find(),
        () -> "expected FORMERR or NOTIMP: " + result);
  }

  /** IXFR over UDP from the current serial: the answer is the single current SOA (RFC 1995 §2). */
  @Test
  void ixfrOverUdpAtTheCurrentSerialIsOneSoa() {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    PrimaryUnderTest primary = primaryWithHistory(v1, v2);

    DigTool.Result result = DigTool.dig(args(primary, "IXFR=" + v2.soa().getSerial(), "+notcp"));

    List<Record> records = result.records();
    assertEquals(1, records.size(), () -> "expected one SOA: " + result);
    assertEquals(Type.SOA, records.get(0).getType(), result::toString);
    assertEquals(v2.soa().getSerial(), ((SOARecord) records.get(0)).getSerial(), result::toString);
    assertTrue(result.output().contains("(UDP)"), () -> "expected a UDP answer: " + result);
  }

  /** {@code ixfr=N} with N in the history: exactly the difference, in IXFR form. */
  @Test
  void ixfrInsideTheHistoryIsTheDifference() {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    PrimaryUnderTest primary = primaryWithHistory(v1, v2);

    DigTool.Result result = DigTool.dig(args(primary, "IXFR=" + v1.soa().getSerial()));

    List<Record> records = result.records();
    assertTrue(records.size() >= 4, () -> "expected an incremental answer: " + result);
    assertEquals(v2.soa().getSerial(), serialAt(records, 0), result::toString);
    assertEquals(
        v1.soa().getSerial(),
        serialAt(records, 1),
        () -> "the second record of an incremental IXFR is the old SOA: " + result);
    ZoneReadBack.NameCase nameCase =
        primary.ixfrKeepsNameCase() ? ZoneReadBack.NameCase.EXACT : ZoneReadBack.NameCase.FOLDED;
    int middle = indexOfSoa(records, v2.soa().getSerial(), 2);
    Set<String> deleted = presentations(records.subList(2, middle), nameCase);
    Set<String> added = presentations(records.subList(middle + 1, records.size() - 1), nameCase);
    assertEquals(difference(v1, v2, nameCase), deleted, () -> "deleted records: " + result);
    assertEquals(difference(v2, v1, nameCase), added, () -> "added records: " + result);
  }

  /** {@code ixfr=N} with N older than the history: the whole zone, AXFR-style. */
  @Test
  void ixfrOutsideTheHistoryIsTheWholeZone() {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    PrimaryUnderTest primary = primaryWithHistory(v1, v2);

    DigTool.Result result = DigTool.dig(args(primary, "IXFR=" + (v1.soa().getSerial() - 1)));

    List<Record> records = result.records();
    assertTrue(
        records.size() > 2 && records.get(1).getType() != Type.SOA,
        () -> "expected an AXFR-style answer: " + result.toString().substring(0, 2000));
    ZoneReadBack.assertSameZone(v2, records, ZoneReadBack.NameCase.EXACT, "dig ixfr=old");
  }

  /** dig -y and kdig -y with the right key get the zone; a wrong secret or no key gets nothing. */
  @Test
  void tsigWithDigAndKdig() {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    TsigSecret key = TsigSecret.generate("dig-key.interop.test", 7);
    PrimaryUnderTest primary =
        primary(
            new PrimarySettings(
                InteropZones.ZONE, List.of("127.0.0.0/8"), Optional.of(key), List.of()),
            v1);

    DigTool.Result dig = DigTool.dig(args(primary, "AXFR", "-y", key.digArgument()));
    DigTool.Result kdig = DigTool.kdig(args(primary, "AXFR", "-y", key.digArgument()));
    DigTool.Result wrong =
        DigTool.dig(args(primary, "AXFR", "-y", key.withWrongSecret().digArgument()));
    DigTool.Result kdigWrong =
        DigTool.kdig(args(primary, "AXFR", "-y", key.withWrongSecret().digArgument()));
    DigTool.Result unsigned = DigTool.dig(args(primary, "AXFR"));

    ZoneReadBack.assertSameZone(v1, dig.records(), ZoneReadBack.NameCase.EXACT, "dig -y");
    ZoneReadBack.assertSameZone(v1, kdig.records(), ZoneReadBack.NameCase.EXACT, "kdig -y");
    for (DigTool.Result refused : List.of(wrong, kdigWrong, unsigned)) {
      assertTrue(refused.records().isEmpty(), () -> "zone data without the right key: " + refused);
    }
    assertTrue(TSIG_FAILURE.matcher(wrong.output()).find(), wrong::toString);
    assertTrue(TSIG_FAILURE.matcher(kdigWrong.output()).find(), kdigWrong::toString);
  }

  private static List<String> args(PrimaryUnderTest primary, String type, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("@" + primary.endpoint().getAddress().getHostAddress());
    args.add("-p");
    args.add(Integer.toString(primary.endpoint().getPort()));
    args.add(ZoneNames.configName(InteropZones.ZONE));
    args.add(type);
    args.addAll(List.of(extra));
    return args;
  }

  private static long serialAt(List<Record> records, int index) {
    Record r = records.get(index);
    if (r.getType() != Type.SOA) {
      throw new AssertionError("record " + index + " is not an SOA: " + r);
    }
    return ((SOARecord) r).getSerial();
  }

  private static int indexOfSoa(List<Record> records, long serial, int from) {
    for (int i = from; i < records.size(); i++) {
      if (records.get(i).getType() == Type.SOA
          && ((SOARecord) records.get(i)).getSerial() == serial) {
        return i;
      }
    }
    throw new AssertionError("no SOA " + serial + " after record " + from + ": " + records);
  }

  private static Set<String> presentations(List<Record> records, ZoneReadBack.NameCase nameCase) {
    Set<String> out = new TreeSet<>();
    for (Record r : records) {
      out.add(ZoneReadBack.presentation(r, nameCase));
    }
    return out;
  }

  /** Records of {@code a} (SOA excluded) that {@code b} does not hold. */
  private static Set<String> difference(
      ZoneSnapshot a, ZoneSnapshot b, ZoneReadBack.NameCase nameCase) {
    Set<String> out = presentations(a.records(), nameCase);
    out.removeAll(presentations(b.records(), nameCase));
    return out;
  }

  /** A primary open to 127/8 that served {@code v1} and now serves {@code v2}. */
  private PrimaryUnderTest primaryWithHistory(ZoneSnapshot v1, ZoneSnapshot v2) {
    PrimaryUnderTest primary = primary(PrimarySettings.openTo(InteropZones.ZONE, List.of()), v1);
    primary.publish(v2);
    return primary;
  }

  private PrimaryUnderTest primary(PrimarySettings settings, ZoneSnapshot initial) {
    PrimaryUnderTest primary = startPrimary(settings, initial);
    started.push(primary);
    return primary;
  }

  @AfterEach
  void stopAll() {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }
}
