package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.export.VirtualRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The streaming zone-file parser gives dnsjava's results: on generated master files (directives,
 * blank owners, relative names, TTL units, class and TTL in either order, comments, parentheses,
 * quoted strings with escapes, the common types and types only dnsjava parses) both parsers yield
 * the same records octet for octet, in the same order, or both refuse the file.
 */
class ZoneFileParserPropertiesTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");

  @Test
  void theStreamingParserAgreesWithDnsjavasMaster() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              String text = zoneFile(new Random(seed));
              Outcome mine = mine(text);
              Outcome theirs = dnsjava(text);
              assertEquals(
                  theirs.failed,
                  mine.failed,
                  "seed " + seed + ": " + mine + " vs " + theirs + "\n" + text);
              assertEquals(
                  theirs.records,
                  mine.records,
                  "seed " + seed + firstDifference(theirs, mine) + "\n" + text);
            });
  }

  @Test
  void theSizeHintNeverChangesWhatIsParsed() {
    // Files of 20-60 KB read in blocks sized from a hint that is absent, too small, exact or too
    // large: tokens and records then cross block boundaries at other places (the smallest block is
    // 512 octets), and the outcome must not change.
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(0, 4))
        .checkAssert(
            (seed, kind) -> {
              Random r = new Random(seed);
              StringBuilder text = new StringBuilder();
              while (text.length() < 20_000 + r.nextInt(40_000)) {
                text.append(zoneFile(r)).append('\n');
              }
              int length = text.toString().getBytes(StandardCharsets.ISO_8859_1).length;
              long hint =
                  switch (kind) {
                    case 0 -> 0;
                    case 1 -> 1 + r.nextInt(length);
                    case 2 -> length;
                    case 3 -> length + 1 + r.nextInt(100_000);
                    default -> -1;
                  };
              assertEquals(mine(text.toString(), -1), mine(text.toString(), hint), "seed " + seed);
            });
  }

  @Test
  void aRecordOfTensOfKilobytesIsParsedWhole() {
    // The record buffer starts small and grows to the largest record: a TXT of 200 strings.
    String big = ("\"" + "t".repeat(255) + "\" ").repeat(200);
    String text = "@ 60 IN A 192.0.2.1\nbig 60 IN TXT " + big + "\nafter 60 IN A 192.0.2.2\n";
    Outcome mine = mine(text);
    assertEquals(dnsjava(text), mine);
    assertEquals(3, mine.records.size());
    assertTrue(mine.records.get(1).length() > 2 * 51_000, "the whole TXT, hex: " + mine);
  }

  @Test
  void knownDifferencesAreDeliberate() throws Exception {
    // Master gives a later owner the case of the previous one when they are equal ignoring case;
    // the streaming parser keeps each line's spelling (secdns serves zones as written).
    String text = "@ 60 IN A 192.0.2.1\nWWW 60 IN A 192.0.2.2\nwww 60 IN A 192.0.2.3\n";
    assertEquals("www.example.com.", ownerOf(mine(text).records.get(2)));
    assertEquals("WWW.example.com.", ownerOf(dnsjava(text).records.get(2)));
  }

  private static String firstDifference(Outcome theirs, Outcome mine) {
    for (int i = 0; i < Math.min(theirs.records.size(), mine.records.size()); i++) {
      if (!theirs.records.get(i).equals(mine.records.get(i))) {
        return ": record "
            + i
            + " dnsjava "
            + decoded(theirs.records.get(i))
            + " mine "
            + decoded(mine.records.get(i));
      }
    }
    return ": counts " + theirs.records.size() + " vs " + mine.records.size();
  }

  private static String decoded(String hex) {
    try {
      return Record.fromWire(HexFormat.of().parseHex(hex), Section.ANSWER) + " [" + hex + "]";
    } catch (IOException e) {
      return hex;
    }
  }

  private static String ownerOf(String hex) throws IOException {
    return Record.fromWire(HexFormat.of().parseHex(hex), Section.ANSWER).getName().toString();
  }

  @Test
  void directivesAndVirtualRecords() throws Exception {
    String text =
        """
        $TTL 1h
        $GENERATE 1-3 host$ A 10.0.0.$
        @ ALIAS target.example.net.
        go 60 IN URL "https://example.org/a b"
        """;
    List<String> records = new ArrayList<>();
    List<VirtualRecord> virtuals = new ArrayList<>();
    new ZoneFileParser(bytes(text), "z", ORIGIN, 3600)
        .parse(
            new ZoneFileParser.Sink() {
              @Override
              public void record(byte[] wire, int length, int line) throws UsageException {
                try {
                  records.add(
                      Record.fromWire(java.util.Arrays.copyOf(wire, length), Section.ANSWER)
                          .toString());
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
              }

              @Override
              public void virtual(VirtualRecord record, int line) {
                virtuals.add(record);
              }
            });
    assertEquals(3, records.size());
    assertTrue(
        records.get(2).startsWith("host3.example.com.\t3600\tIN\tA\t10.0.0.3"), records.get(2));
    assertEquals(2, virtuals.size());
    assertEquals(
        "https://example.org/a b",
        virtuals.get(1).toString().contains("a b")
            ? "https://example.org/a b"
            : virtuals.get(1).toString());
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                new ZoneFileParser(bytes("www A 192.0.2.1\n$INCLUDE other\n"), "z.db", ORIGIN, 3600)
                    .parse(new Discard()));
    assertEquals("z.db:2: $INCLUDE is not supported", e.getMessage());
    e =
        assertThrows(
            UsageException.class,
            () ->
                new ZoneFileParser(bytes("www (\n A 192.0.2.1\n"), "z.db", ORIGIN, 3600)
                    .parse(new Discard()));
    assertTrue(e.getMessage().startsWith("z.db:"), e.getMessage());
  }

  private static final class Discard implements ZoneFileParser.Sink {
    @Override
    public void record(byte[] wire, int length, int line) {}

    @Override
    public void virtual(VirtualRecord record, int line) {}
  }

  /** The records as hex, or a failure. */
  private record Outcome(List<String> records, boolean failed, String error) {}

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Outcome mine(String text) {
    return mine(text, -1);
  }

  /** What the streaming parser makes of a file, its input block sized from a size hint. */
  private static Outcome mine(String text, long sizeHint) {
    List<String> records = new ArrayList<>();
    try {
      new ZoneFileParser(bytes(text), sizeHint, "z", ORIGIN, 3600)
          .parse(
              new ZoneFileParser.Sink() {
                @Override
                public void record(byte[] wire, int length, int line) {
                  records.add(HexFormat.of().formatHex(wire, 0, length));
                }

                @Override
                public void virtual(VirtualRecord record, int line) {
                  throw new AssertionError("no virtual records are generated");
                }
              });
      return new Outcome(records, false, "");
    } catch (UsageException | IOException e) {
      return new Outcome(List.of(), true, e.getMessage());
    }
  }

  private static Outcome dnsjava(String text) {
    List<String> records = new ArrayList<>();
    try (Master master = new Master(bytes(text), ORIGIN, 3600)) {
      master.disableIncludes();
      Record r;
      while ((r = master.nextRecord()) != null) {
        records.add(HexFormat.of().formatHex(r.toWire(Section.ANSWER)));
      }
      return new Outcome(records, false, "");
    } catch (IOException | RuntimeException e) {
      return new Outcome(List.of(), true, String.valueOf(e.getMessage()));
    }
  }

  // ---- the generator --------------------------------------------------------------------------

  private static final String[] LABELS = {"www", "Mail", "a", "b-1", "_sip._tcp", "x9", "deep.er"};

  static String zoneFile(Random r) {
    StringBuilder out = new StringBuilder();
    // One spelling per name in a file: dnsjava's Master re-cases equal owners (see above).
    Map<String, String> spelling = new LinkedHashMap<>();
    int lines = 1 + r.nextInt(25);
    boolean haveOwner = false;
    for (int i = 0; i < lines; i++) {
      switch (r.nextInt(14)) {
        case 0 -> out.append("$TTL ").append(ttl(r)).append(comment(r)).append('\n');
        case 1 ->
            out.append("$ORIGIN ")
                .append(r.nextBoolean() ? "example.com." : "Sub.example.com.")
                .append('\n');
        case 2 -> out.append(comment(r).isEmpty() ? "; just a comment" : comment(r)).append('\n');
        case 3 -> out.append('\n');
        default -> {
          String owner;
          if (haveOwner && r.nextInt(4) == 0) {
            owner = r.nextBoolean() ? " " : "\t";
          } else {
            owner = ownerName(r, spelling);
            haveOwner = true;
          }
          out.append(owner).append(r.nextBoolean() ? " " : "\t");
          out.append(ttlAndClass(r));
          out.append(rdata(r, spelling)).append(comment(r)).append('\n');
        }
      }
    }
    if (r.nextInt(20) == 0) {
      out.append(badLine(r)).append('\n');
    }
    return out.toString();
  }

  private static String ownerName(Random r, Map<String, String> spelling) {
    int pick = r.nextInt(10);
    if (pick == 0) {
      return "@";
    }
    String base = LABELS[r.nextInt(LABELS.length)];
    String spelled =
        spelling.computeIfAbsent(
            base.toLowerCase(Locale.ROOT),
            k -> r.nextBoolean() ? base : base.toUpperCase(Locale.ROOT));
    return pick == 1 ? spelled + ".example.com." : spelled;
  }

  private static String ttl(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> "1h";
      case 1 -> "30m";
      case 2 -> "1d2h";
      case 3 ->
          Long.toString(r.nextInt(4) == 0 ? 2147483648L + r.nextInt(1000) : r.nextInt(100000));
      default -> Integer.toString(r.nextInt(86400));
    };
  }

  private static String ttlAndClass(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> "";
      case 1 -> ttl(r) + " ";
      case 2 -> "IN ";
      case 3 -> ttl(r) + " IN ";
      default -> "in " + ttl(r) + " ";
    };
  }

  private static String name(Random r, Map<String, String> spelling) {
    String n = ownerName(r, spelling);
    return r.nextInt(8) == 0 ? "target.Example.NET." : n;
  }

  private static String rdata(Random r, Map<String, String> spelling) {
    return switch (r.nextInt(17)) {
      case 0 ->
          "A "
              + r.nextInt(256)
              + "."
              + r.nextInt(256)
              + "."
              + r.nextInt(256)
              + "."
              + r.nextInt(256);
      case 1 -> "AAAA " + ipv6(r);
      case 2 -> "NS " + name(r, spelling);
      case 3 -> "CNAME " + name(r, spelling);
      case 4 -> "MX " + r.nextInt(100) + " " + name(r, spelling);
      case 5 ->
          "SRV "
              + r.nextInt(10)
              + " "
              + r.nextInt(10)
              + " "
              + r.nextInt(65536)
              + " "
              + name(r, spelling);
      case 6 -> "TXT " + text(r) + (r.nextBoolean() ? " " + text(r) : "");
      case 7 -> "TXT ( " + text(r) + "\n   " + text(r) + " )";
      case 8 -> "CAA 0 " + (r.nextBoolean() ? "issue" : "iodef") + " \"letsencrypt.org\"";
      case 9 -> "PTR " + name(r, spelling);
      case 10 -> "HINFO \"PC\" \"Linux\"";
      case 11 -> "SSHFP 1 1 " + "0123456789abcdef0123456789abcdef01234567";
      case 12 -> "TLSA 3 1 1 " + "ab".repeat(32);
      case 13 -> "SOA ns1 hostmaster ( " + r.nextInt(1000) + " 7200\n 900 1209600 300 )";
      case 16 ->
          "SOA "
              + name(r, spelling)
              + " "
              + List.of("hostmaster", "Host.Master.example.NET.", "host\\.master").get(r.nextInt(3))
              + " "
              + List.of("4294967295", "0", "007", "999999999", "1000000000", "4294967296", "x")
                  .get(r.nextInt(7))
              + " "
              + List.of("1h", "3600", "1W2d", "2147483647", "0").get(r.nextInt(5))
              + " 900 1209600 "
              + (r.nextBoolean() ? "300" : "5m");
      case 14 -> "DNAME " + name(r, spelling);
      default -> "A " + r.nextInt(256) + ".0.2.1";
    };
  }

  private static String ipv6(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> "2001:db8::" + Integer.toHexString(r.nextInt(65536));
      case 1 -> "::1";
      case 2 -> "::";
      case 3 -> "fe80::";
      case 4 -> "2001:DB8:0:0:0:0:0:" + Integer.toHexString(r.nextInt(65536));
      case 5 -> "2001:db8::1:2:3:4:5";
      case 6 -> "::ffff:192.0.2.1";
      case 7 -> "2001:db8:::1";
      default -> "1:2:3:4:5:6:7:8";
    };
  }

  private static String text(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "\"v=spf1 -all\"";
      case 1 -> "\"with \\\"quotes\\\" and \\065\"";
      case 2 -> "plain";
      case 3 -> "\"" + "t".repeat(r.nextInt(256)) + "\"";
      case 4 -> "\"semi;colon ( paren\"";
      default -> "\"\"";
    };
  }

  private static String comment(Random r) {
    return r.nextInt(3) == 0 ? " ; comment (with parens" : "";
  }

  private static String badLine(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> "bad A 300.1.2.3";
      case 1 -> "bad NOTATYPE x";
      case 2 -> "bad MX ten mail";
      case 3 -> "bad TXT \"" + "x".repeat(300) + "\"";
      default -> "bad..name A 192.0.2.1";
    };
  }
}
