package io.github.secdns.benchmarks.zone;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.MasterFiles;
import io.github.secdns.testsupport.servers.ServerConfig.PrimaryZone;
import io.github.secdns.testsupport.zones.GeneratedZone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A DNS host's zones: {@code z<i>.example.} for i from 0, each the shared generator's {@code small}
 * recipe (secdns-testsupport: exactly 20 records, SOA, two apex NS, an apex A, AAAA and SPF TXT,
 * and www, mail, api, cdn, shop, blog with A, AAAA or TXT), deterministic from the index. Written
 * one master file per zone, {@code z<i>.example.zone} in one directory, which every server under
 * test loads (the embedded responder parses them with dnsjava as a host's loader would).
 *
 * <p>Stateless; thread-safe.
 */
public final class SmallZones {

  /** Records per zone, SOA included. */
  public static final int RECORDS = io.github.secdns.testsupport.zones.ZoneGenerator.SMALL_RECORDS;

  private SmallZones() {}

  /**
   * Writes the master files of zones 0 to count-1 ({@code bench/run-zone-memory.sh}).
   *
   * @param args the directory and the count
   */
  public static void main(String[] args) {
    writeAll(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  /**
   * The origin of zone i.
   *
   * @param i the index
   * @return {@code z<i>.example.}
   */
  public static Name origin(int i) {
    return Name.fromConstantString("z" + i + ".example.");
  }

  /**
   * The master file of zone i in a directory.
   *
   * @param dir the directory
   * @param i the index
   * @return {@code dir/z<i>.example.zone}
   */
  public static Path file(Path dir, int i) {
    return dir.resolve("z" + i + ".example.zone");
  }

  /**
   * Zones 0 to count-1 with their master files, as a peer's configuration lists them.
   *
   * @param dir the directory of the master files
   * @param count how many zones
   * @return the zones, in index order
   */
  public static List<PrimaryZone> primaryZones(Path dir, int count) {
    List<PrimaryZone> zones = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      zones.add(new PrimaryZone(origin(i), file(dir, i)));
    }
    return zones;
  }

  /**
   * Builds zone i.
   *
   * @param i the index
   * @param serial the SOA serial
   * @return the zone, {@link #RECORDS} records
   */
  public static ZoneSnapshot zone(int i, long serial) {
    GeneratedZone zone =
        io.github.secdns.testsupport.zones.ZoneGenerator.small(origin(i), i, serial);
    return ZoneSnapshot.of(zone.soa(), zone.records());
  }

  /**
   * The next version of a zone with its apex A record changed (every other record shared).
   *
   * @param zone a version
   * @return the next version, serial + 1
   */
  public static ZoneSnapshot withOneChange(ZoneSnapshot zone) {
    // The apex A is the first A record of a small zone.
    return ZoneGenerator.withOneChange(zone, 0);
  }

  /**
   * Writes zones 0 to count-1 as master files into a directory.
   *
   * @param dir the directory (created when missing)
   * @param count how many zones
   * @throws UncheckedIOException when writing fails
   */
  public static void writeAll(Path dir, int count) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < count; i++) {
      ZoneSnapshot zone = zone(i, 1);
      MasterFiles.write(zone.soa(), zone.records(), file(dir, i));
    }
  }

  /**
   * Reads zone i from its master file, as a host's loader would.
   *
   * @param dir the directory
   * @param i the index
   * @return the zone
   * @throws UncheckedIOException when the file cannot be read or parsed
   */
  public static ZoneSnapshot read(Path dir, int i) {
    Name origin = origin(i);
    List<Record> records = new ArrayList<>(RECORDS);
    SOARecord soa = null;
    try (Master master = new Master(file(dir, i).toString(), origin)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r.getType() == Type.SOA && r.getName().equals(origin)) {
          soa = (SOARecord) r;
        } else {
          records.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (soa == null) {
      throw new IllegalStateException(file(dir, i) + " has no SOA");
    }
    return ZoneSnapshot.of(soa, records);
  }
}
