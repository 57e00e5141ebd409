package io.github.secdns.examples.cli;

import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.VirtualRecord;
import io.github.secdns.core.zone.ZoneRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads a zone as a host stores it from master-file text, streaming: standard records go straight
 * into packed wire form ({@link ZoneFileParser}), so a zone of a million records costs about its
 * wire size, never a dnsjava {@code Record} per record. The platform's virtual records are written
 * like records:
 *
 * <pre>
 * &#64;     3600 IN ALIAS app.cdn.example.net.
 * go    3600 IN URL   https://www.example.org/
 * </pre>
 *
 * <p>A virtual record line must name its owner (no blank owner field) and stand on one line. {@code
 * $INCLUDE} is refused. The zone's apex NS records are the host's own (primary) name servers.
 */
final class HostZoneFile {

  /**
   * The zone, its primary name servers (the apex NS records of the file) and the lowest TTL of
   * those records (what the exporter gives the apex NS set, so that a zone is served as written).
   */
  record Loaded(HostZone zone, List<Name> primaryNameServers, long apexNsTtl) {}

  /** The TTL of records without one before any {@code $TTL} (what dnsjava's Master was given). */
  static final long DEFAULT_TTL = 3600;

  /**
   * From this size on, records are checked on a second thread while the file is parsed: below it
   * the thread costs more than it saves.
   */
  static final long HAND_OFF_FROM = 1 << 20;

  private HostZoneFile() {}

  /**
   * Parses text held in memory (the bundled sample, tests).
   *
   * @param source the file name for messages
   * @throws UsageException naming the file and line of the first problem
   */
  static Loaded parse(String text, String source, Name origin) throws UsageException {
    return parse(text, source, origin, NameServerNames.SHARED);
  }

  /**
   * Parses text held in memory, sharing apex NS names through {@code names}.
   *
   * @param source the file name for messages
   * @throws UsageException naming the file and line of the first problem
   */
  static Loaded parse(String text, String source, Name origin, NameServerNames names)
      throws UsageException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      return read(
          new ByteArrayInputStream(bytes),
          bytes.length,
          source,
          origin,
          LoadProgress.NONE,
          bytes.length >= HAND_OFF_FROM,
          names);
    } catch (IOException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
  }

  /**
   * Reads a zone file as a stream; from {@link #HAND_OFF_FROM} octets on, the records are checked
   * and packed on a second thread while the file is parsed.
   *
   * @param in the file's octets; read to the end, not closed
   * @param size the file's size, for sizing buffers and showing progress
   * @param source the file name for messages
   * @param origin the zone's origin
   * @param progress told how far the reading is
   * @throws UsageException naming the file and line of the first problem
   * @throws IOException when reading fails
   */
  static Loaded read(InputStream in, long size, String source, Name origin, LoadProgress progress)
      throws UsageException, IOException {
    return read(in, size, source, origin, progress, size >= HAND_OFF_FROM);
  }

  /**
   * Reads a zone file as a stream, checking the records on a second thread or not.
   *
   * @param handOff whether the records are checked on a second thread while the file is parsed
   */
  static Loaded read(
      InputStream in, long size, String source, Name origin, LoadProgress progress, boolean handOff)
      throws UsageException, IOException {
    return read(in, size, source, origin, progress, handOff, NameServerNames.SHARED);
  }

  /**
   * Reads a zone file as a stream, sharing its apex NS names through {@code names}.
   *
   * @param handOff whether the records are checked on a second thread while the file is parsed
   */
  static Loaded read(
      InputStream in,
      long size,
      String source,
      Name origin,
      LoadProgress progress,
      boolean handOff,
      NameServerNames names)
      throws UsageException, IOException {
    Collector collector = new Collector(source, origin, size, progress, names);
    ZoneFileParser parser = new ZoneFileParser(in, size, source, origin, DEFAULT_TTL);
    if (!handOff) {
      parser.parse(collector);
      return collector.loaded();
    }
    HandOffSink sink = HandOffSink.start(collector, collector, source);
    try {
      parser.parse(sink);
    } catch (UsageException | IOException | RuntimeException e) {
      sink.fail(e);
    }
    sink.finish();
    return collector.loaded();
  }

  /**
   * Takes the parsed records: the SOA, the apex NS names, the rest checked for the zone and packed
   * ({@link ZoneRecords}: in the zone, of its class, no duplicates), the virtual ones. Standard
   * records may come on another thread than virtual records and progress ({@link HandOffSink});
   * each kind always on the same one.
   */
  private static final class Collector implements ZoneFileParser.Sink, HandOffSink.Checker {
    private final String source;
    private final Name origin;
    private final byte[] originWire;
    private final LoadProgress progress;
    private final int expectedOctets;
    @Nullable private ZoneRecords.Builder records;
    private final List<VirtualRecord> virtuals = new ArrayList<>();
    private final List<Name> primaries = new ArrayList<>();
    private long apexNsTtl = Long.MAX_VALUE;
    @Nullable private SOARecord soa;
    private final NameServerNames names;

    Collector(String source, Name origin, long size, LoadProgress progress, NameServerNames names) {
      this.names = names;
      this.source = source;
      this.origin = origin;
      this.originWire = origin.toWire();
      this.progress = progress;
      // A master file line is a little longer than the record's wire form: room for all at once
      // (relative names can make the wire form longer: the buffer then grows).
      this.expectedOctets = (int) Math.min(Integer.MAX_VALUE - 64, size + 256);
    }

    @Override
    public void record(byte[] wire, int length, int line) throws UsageException {
      record(wire, 0, length, line);
    }

    @Override
    public void record(byte[] wire, int offset, int length, int line) throws UsageException {
      int ownerLength = ownerLength(wire, offset);
      int typeAt = offset + ownerLength;
      int type = u16(wire, typeAt);
      boolean atApex = ownerLength == originWire.length && sameName(wire, offset, ownerLength);
      if (type == Type.SOA) {
        Record r = decode(wire, offset, length);
        if (!atApex) {
          throw new UsageException(
              source + ": SOA record at " + r.getName() + ", outside the zone's apex " + origin);
        }
        if (soa != null) {
          throw new UsageException(source + ": more than one SOA record at " + origin);
        }
        // Written exactly as the origin (case too): the zone keeps one origin name, not a second
        // equal one decoded from its SOA (100,000 zones held 100,000 such copies).
        soa =
            Arrays.equals(wire, offset, typeAt, originWire, 0, originWire.length)
                ? (SOARecord) r.withName(origin)
                : (SOARecord) r;
        return;
      }
      if (type == Type.NS && atApex) {
        int rdataAt = typeAt + 10;
        int rdataLength = u16(wire, typeAt + 8);
        Name target = names.find(wire, rdataAt, rdataLength);
        if (target == null) {
          Name decoded = ((NSRecord) decode(wire, offset, length)).getTarget();
          target = names.keep(wire, rdataAt, rdataLength, decoded);
        }
        primaries.add(target);
        // The TTL as written (the parser keeps it within TTL.MAX_VALUE, as dnsjava reads it).
        long ttl = ((long) u16(wire, typeAt + 4) << 16) | u16(wire, typeAt + 6);
        apexNsTtl = Math.min(apexNsTtl, ttl);
      }
      if (records == null) {
        // The zone's class is its first record's (the SOA's, in any usual file).
        int dclass = u16(wire, typeAt + 2);
        records = ZoneRecords.builder(origin, dclass, expectedOctets);
        // About one record per 64 octets of master file: the duplicate index sized once.
        records.expect(expectedOctets / 64, expectedOctets);
      }
      try {
        records.addWire(wire, offset, length);
      } catch (IllegalArgumentException e) {
        throw new UsageException(source + ":" + line + ": " + e.getMessage());
      }
    }

    @Override
    public void virtual(VirtualRecord record, int line) {
      virtuals.add(record);
    }

    @Override
    public void progress(long octets, long count) {
      progress.update(octets, count);
    }

    private boolean sameName(byte[] wire, int offset, int length) {
      for (int i = 0; i < length; i++) {
        int a = wire[offset + i];
        int b = originWire[i];
        if (a != b && Character.toLowerCase((char) a) != Character.toLowerCase((char) b)) {
          return false;
        }
      }
      return true;
    }

    /** The unsigned 16-bit value at {@code at}, network order. */
    private static int u16(byte[] wire, int at) {
      return ((wire[at] & 0xFF) << 8) | (wire[at + 1] & 0xFF);
    }

    private static int ownerLength(byte[] wire, int offset) {
      int k = offset;
      int label;
      while ((label = wire[k] & 0xFF) != 0) {
        k += label + 1;
      }
      return k + 1 - offset;
    }

    private Record decode(byte[] wire, int offset, int length) throws UsageException {
      try {
        return Record.fromWire(Arrays.copyOfRange(wire, offset, offset + length), Section.ANSWER);
      } catch (IOException e) {
        throw new UsageException(source + ": " + e.getMessage());
      }
    }

    Loaded loaded() throws UsageException {
      progress.finish();
      if (soa == null) {
        throw new UsageException(source + ": no SOA record at the zone's apex " + origin);
      }
      if (primaries.isEmpty()) {
        throw new UsageException(
            source + ": no NS record at the zone's apex " + origin + " (the primary name servers)");
      }
      HostZone zone;
      try {
        // Never null here: the apex NS records went into it.
        zone =
            HostZone.builder(soa)
                .records(java.util.Objects.requireNonNull(records).build())
                .virtualRecords(virtuals)
                .build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(source + ": " + e.getMessage());
      }
      return new Loaded(zone, names.keepList(primaries), apexNsTtl);
    }
  }
}
