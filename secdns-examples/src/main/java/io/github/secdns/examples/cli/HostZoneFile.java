package io.github.secdns.examples.cli;

import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.VirtualRecord;
import io.github.secdns.core.zone.PackedRecords;
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

  /** The zone and its primary name servers (the apex NS records of the file). */
  record Loaded(HostZone zone, List<Name> primaryNameServers) {}

  /** The TTL of records without one before any {@code $TTL} (what dnsjava's Master was given). */
  static final long DEFAULT_TTL = 3600;

  private HostZoneFile() {}

  /**
   * Parses text held in memory (the bundled sample, tests).
   *
   * @param source the file name for messages
   * @throws UsageException naming the file and line of the first problem
   */
  static Loaded parse(String text, String source, Name origin) throws UsageException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      return read(new ByteArrayInputStream(bytes), bytes.length, source, origin, LoadProgress.NONE);
    } catch (IOException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
  }

  /**
   * Reads a zone file as a stream.
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
    Collector collector = new Collector(source, origin, size, progress);
    new ZoneFileParser(in, source, origin, DEFAULT_TTL).parse(collector);
    return collector.loaded();
  }

  /** Takes the parsed records: the SOA, the apex NS names, the rest packed, the virtual ones. */
  private static final class Collector implements ZoneFileParser.Sink {
    private final String source;
    private final Name origin;
    private final byte[] originWire;
    private final LoadProgress progress;
    private final PackedRecords.Builder records;
    private final List<VirtualRecord> virtuals = new ArrayList<>();
    private final List<Name> primaries = new ArrayList<>();
    @Nullable private SOARecord soa;

    Collector(String source, Name origin, long size, LoadProgress progress) {
      this.source = source;
      this.origin = origin;
      this.originWire = origin.toWire();
      this.progress = progress;
      // A master file line is a little longer than the record's wire form: room for all at once.
      this.records = PackedRecords.builder((int) Math.min(Integer.MAX_VALUE - 64, size + 1024));
    }

    @Override
    public void record(byte[] wire, int length, int line) throws UsageException {
      int ownerLength = ownerLength(wire);
      int type = ((wire[ownerLength] & 0xFF) << 8) | (wire[ownerLength + 1] & 0xFF);
      boolean atApex = ownerLength == originWire.length && sameName(wire, ownerLength);
      if (type == Type.SOA) {
        Record r = decode(wire, length);
        if (!atApex) {
          throw new UsageException(
              source + ": SOA record at " + r.getName() + ", outside the zone's apex " + origin);
        }
        if (soa != null) {
          throw new UsageException(source + ": more than one SOA record at " + origin);
        }
        soa = (SOARecord) r;
        return;
      }
      if (type == Type.NS && atApex) {
        primaries.add(((NSRecord) decode(wire, length)).getTarget());
      }
      try {
        records.addWire(wire, 0, length);
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

    private boolean sameName(byte[] wire, int length) {
      for (int i = 0; i < length; i++) {
        int a = wire[i];
        int b = originWire[i];
        if (a != b && Character.toLowerCase((char) a) != Character.toLowerCase((char) b)) {
          return false;
        }
      }
      return true;
    }

    private static int ownerLength(byte[] wire) {
      int k = 0;
      int label;
      while ((label = wire[k] & 0xFF) != 0) {
        k += label + 1;
      }
      return k + 1;
    }

    private Record decode(byte[] wire, int length) throws UsageException {
      try {
        return Record.fromWire(Arrays.copyOf(wire, length), Section.ANSWER);
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
        zone = HostZone.builder(soa).records(records.build()).virtualRecords(virtuals).build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(source + ": " + e.getMessage());
      }
      return new Loaded(zone, List.copyOf(primaries));
    }
  }
}
