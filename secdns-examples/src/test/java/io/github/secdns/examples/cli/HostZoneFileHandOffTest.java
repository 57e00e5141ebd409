package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.export.ExportException;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.VirtualRecord;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.PackedRecords;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A zone file read with its records checked while it is parsed (on the parsing thread, or on a
 * second one: {@link HandOffSink}) gives the zone the records as parsed would give when the
 * exporter checks them itself (the way zone files were read before): the same exported snapshot,
 * record for record, the same findings, or the same first error, naming file and line.
 */
class HostZoneFileHandOffTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private static final String HEADER =
      "@ 3600 IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ NS ns1\n@ 60 NS NS1.example.com.\n";

  /** What a read and export came to: the exported records and findings, or the error. */
  private record Outcome(List<String> records, List<String> findings, String error) {
    static Outcome failed(String error) {
      return new Outcome(List.of(), List.of(), error);
    }
  }

  @Test
  void aZoneFileCheckedWhileParsedExportsAsItsRecordsCheckedByTheExporter() {
    qt().withExamples(150)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              String body = ZoneFileParserPropertiesTest.zoneFile(r);
              // Sometimes enough records for many batches (and many duplicates).
              int copies = r.nextInt(4) == 0 ? 1 + r.nextInt(1500) : 1;
              String url = r.nextBoolean() ? "go URL https://example.org/\n" : "";
              String text = HEADER + url + body.repeat(copies);
              Outcome unchecked = exportUnchecked(text);
              assertEquals(unchecked, exportChecked(text, false), "seed " + seed + "\n" + body);
              assertEquals(unchecked, exportChecked(text, true), "seed " + seed + "\n" + body);
            });
  }

  @Test
  void theFirstErrorInTheFileWinsWhicheverThreadFindsIt() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      many.append("h").append(i).append(" A 192.0.2.").append(i % 256).append('\n');
    }
    String outside = "x.example.org. A 192.0.2.1\n";
    String syntax = "bad A 1.2.3\n";
    // The checker's error (line 4) comes before the parser's (line 20005).
    String first = HEADER + outside + many + syntax;
    String message = error(first, true);
    assertTrue(message.startsWith("z.db:4: record x.example.org."), message);
    assertTrue(message.endsWith("lies outside the zone example.com."), message);
    assertEquals(message, error(first, false));
    // The parser's error (line 4) comes before the checker's (line 20005).
    String second = HEADER + syntax + many + outside;
    assertTrue(error(second, true).startsWith("z.db:4: "), error(second, true));
    assertEquals(error(second, false), error(second, true));
    // A checker's error far down the file, after many batches.
    String last = HEADER + many + outside;
    assertTrue(error(last, true).startsWith("z.db:20004: record x.example.org."));
    // The errors found once the whole file is read.
    assertEquals(
        "z.db: more than one SOA record at example.com.",
        error(HEADER + many + "@ SOA ns2 host 2 1 1 1 1\n", true));
    assertEquals(
        "z.db: no SOA record at the zone's apex example.com.", error("@ NS ns1\n" + many, true));
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("secdns-zone-check")),
        "every checking thread has ended");
  }

  @Test
  void aByteOrderMarkIsSaidToBeOne() throws Exception {
    String bom = "\uFEFF";
    for (boolean handOff : new boolean[] {false, true}) {
      assertEquals(
          "z.db:1: the file begins with a UTF-8 byte order mark (octets EF BB BF), which a master"
              + " file does not have: save it as plain text without one",
          error(bom + HEADER, handOff));
    }
    // Read one octet at a time (a pipe): the mark is still seen, and a file without one is read
    // from its first octet.
    byte[] marked = (bom + HEADER).getBytes(StandardCharsets.UTF_8);
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                HostZoneFile.read(
                    oneOctetAtATime(marked), -1, "z.db", ORIGIN, LoadProgress.NONE, false));
    assertTrue(e.getMessage().startsWith("z.db:1: the file begins with a UTF-8 byte order mark"));
    byte[] plain = HEADER.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        read(HEADER, false).zone().packedRecords().size(),
        HostZoneFile.read(oneOctetAtATime(plain), -1, "z.db", ORIGIN, LoadProgress.NONE, false)
            .zone()
            .packedRecords()
            .size());
  }

  private static InputStream oneOctetAtATime(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(1, len));
      }
    };
  }

  @Test
  void duplicatesAreLeftOutWhileReadingAndTheApexNsTtlIsTheLowestOfAll() throws Exception {
    String text = HEADER + "www A 192.0.2.1\nWWW 5 A 192.0.2.1\n@ 30 NS ns1\n";
    for (boolean handOff : new boolean[] {false, true}) {
      HostZoneFile.Loaded loaded = read(text, handOff);
      PackedRecords records = loaded.zone().packedRecords();
      assertEquals(2, records.size(), "the apex NS once, www once: " + records);
      assertEquals(Name.fromConstantString("www.example.com."), records.owner(1));
      assertEquals(30, loaded.apexNsTtl(), "a duplicate's TTL still counts for the apex NS set");
      assertEquals(3, loaded.primaryNameServers().size());
      assertTrue(loaded.zone().checkedRecords().isPresent());
    }
  }

  private static HostZoneFile.Loaded read(String text, boolean handOff)
      throws UsageException, IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return HostZoneFile.read(
        new ByteArrayInputStream(bytes), bytes.length, "z.db", ORIGIN, LoadProgress.NONE, handOff);
  }

  private static String error(String text, boolean handOff) {
    return assertThrows(UsageException.class, () -> read(text, handOff)).getMessage();
  }

  private static Outcome exportChecked(String text, boolean handOff) {
    HostZoneFile.Loaded loaded;
    try {
      loaded = read(text, handOff);
    } catch (UsageException | IOException e) {
      return Outcome.failed(e.getMessage());
    }
    assertFalse(loaded.zone().checkedRecords().isEmpty());
    return export(loaded.zone(), loaded.primaryNameServers(), loaded.apexNsTtl());
  }

  /** The way zone files were read before: records packed as parsed, checked by the exporter. */
  private static Outcome exportUnchecked(String text) {
    Unchecked sink = new Unchecked();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      new ZoneFileParser(new ByteArrayInputStream(bytes), "z.db", ORIGIN, HostZoneFile.DEFAULT_TTL)
          .parse(sink);
    } catch (UsageException | IOException e) {
      return Outcome.failed(e.getMessage());
    }
    if (sink.soa == null) {
      return Outcome.failed("z.db: no SOA record at the zone's apex " + ORIGIN);
    }
    PackedRecords packed = sink.records.build();
    HostZone zone =
        HostZone.builder(sink.soa).records(packed).virtualRecords(sink.virtuals).build();
    return export(zone, sink.primaries, sink.apexNsTtl);
  }

  private static Outcome export(HostZone zone, List<Name> primaries, long apexNsTtl) {
    SOARecord soa = zone.soa();
    SoaSettings s = SoaSettings.fromHostSoa(soa.getHost(), soa);
    ExportRequest request =
        ExportRequest.builder(
                zone,
                new SoaSettings(
                    s.mname(),
                    s.rname(),
                    s.refresh(),
                    s.retry(),
                    s.expire(),
                    s.minimum(),
                    s.soaTtl(),
                    apexNsTtl))
            .primaryNameServers(primaries)
            .redirector(List.of(java.net.InetAddress.getLoopbackAddress()))
            .serialPolicy(SerialPolicy.INCREMENT)
            .build();
    try {
      ExportResult result =
          ZoneExporter.create(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).export(request);
      PackedRecords records = result.snapshot().packedRecords();
      List<String> wires = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        byte[] wire = new byte[records.wireLength(i)];
        records.copyWire(i, wire, 0);
        wires.add(HexFormat.of().formatHex(wire));
      }
      wires.add(result.snapshot().soa().toString());
      return new Outcome(wires, result.findings().stream().map(Object::toString).toList(), "");
    } catch (ExportException e) {
      return Outcome.failed(e.getMessage());
    }
  }

  /** Packs records as parsed, SOA and apex NS apart, as the reader did before it checked them. */
  private static final class Unchecked implements ZoneFileParser.Sink {
    final PackedRecords.Builder records = PackedRecords.builder();
    final List<VirtualRecord> virtuals = new ArrayList<>();
    final List<Name> primaries = new ArrayList<>();
    long apexNsTtl = Long.MAX_VALUE;
    @Nullable SOARecord soa;

    @Override
    public void record(byte[] wire, int length, int line) throws UsageException {
      Record r;
      try {
        r = Record.fromWire(Arrays.copyOf(wire, length), Section.ANSWER);
      } catch (IOException e) {
        throw new UsageException("z.db: " + e.getMessage());
      }
      if (r.getType() == Type.SOA) {
        if (!r.getName().equals(ORIGIN)) {
          throw new UsageException(
              "z.db: SOA record at " + r.getName() + ", outside the zone's apex " + ORIGIN);
        }
        if (soa != null) {
          throw new UsageException("z.db: more than one SOA record at " + ORIGIN);
        }
        soa = (SOARecord) r;
        return;
      }
      if (r.getType() == Type.NS && r.getName().equals(ORIGIN)) {
        primaries.add(((NSRecord) r).getTarget());
        apexNsTtl = Math.min(apexNsTtl, r.getTTL());
      }
      try {
        records.addWire(wire, 0, length);
      } catch (IllegalArgumentException e) {
        throw new UsageException("z.db:" + line + ": " + e.getMessage());
      }
    }

    @Override
    public void virtual(VirtualRecord record, int line) {
      virtuals.add(record);
    }
  }
}
