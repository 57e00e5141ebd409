package io.github.secdns.benchmarks.zone;

import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.GeneratedZone;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The benchmarks' zones: the shared generator's {@code sized} recipe (secdns-testsupport, the same
 * one the interop tests use for their large zone) for the origin {@code bench.example.}, as
 * snapshots. An exact size with a realistic mix of record types (A 42.6 %, AAAA 16.6 %, MX 13.4 %,
 * TXT 9.2 %, NS of delegations 5.7 %, CNAME 5.2 %, SRV 4.8 %, CAA 2.6 % at 1M records); the same
 * {@code (size, seed)} always gives the same records in the same order.
 *
 * <p>Stateless; thread-safe.
 */
public final class ZoneGenerator {

  /** The origin of every generated zone. */
  public static final Name ORIGIN = Name.fromConstantString("bench.example.");

  private ZoneGenerator() {}

  /**
   * The octets per record a generated zone averages in wire form (59.3 at 1M records, 59,307,548
   * octets): what {@link #generate} sizes its builder with, as a host sizes one from what it knows
   * of its zone (the previous version's {@code wireSize()}, its store's size).
   */
  static final int OCTETS_PER_RECORD = 60;

  /**
   * Generates a zone of exactly {@code size} records (SOA included), built as a host builds a large
   * version: each record goes into {@link ZoneSnapshot#builder} as it is made ({@link
   * ZoneSnapshot.Builder#expect} sized beforehand), so that a million dnsjava records are never
   * held at once. The records and their order are those of {@link #records}.
   *
   * @param size the number of records, at least 10
   * @param serial the SOA serial
   * @param seed the random seed; the same seed gives the same zone
   * @return the zone
   */
  public static ZoneSnapshot generate(int size, long serial, long seed) {
    return generate(size, serial, seed, true);
  }

  /**
   * Generates a zone as {@link #generate(int, long, long)} does, with or without the size hint:
   * without it the builder's buffer doubles as it fills and is copied to its size at the end (what
   * the hint saves is measured in docs/BENCHMARKS.md).
   *
   * @param size the number of records, at least 10
   * @param serial the SOA serial
   * @param seed the random seed; the same seed gives the same zone
   * @param sizeHint whether the builder is sized beforehand
   * @return the zone
   */
  public static ZoneSnapshot generate(int size, long serial, long seed, boolean sizeHint) {
    ZoneSnapshot.Builder zone = ZoneSnapshot.builder(soa(serial));
    if (sizeHint) {
      zone.expect(size, size * OCTETS_PER_RECORD);
    }
    io.github.secdns.testsupport.zones.ZoneGenerator.sizedRecords(ORIGIN, size, seed, zone::add);
    return zone.build();
  }

  /**
   * The SOA of a generated zone with this serial.
   *
   * @param serial the serial
   * @return the SOA record
   */
  public static SOARecord soa(long serial) {
    return io.github.secdns.testsupport.zones.ZoneGenerator.sizedSoa(ORIGIN, serial);
  }

  /**
   * The records of a generated zone apart from its SOA: exactly {@code size - 1} of them.
   *
   * @param size the zone size including the SOA, at least 10
   * @param seed the random seed
   * @return a new mutable list (fresh record instances on every call)
   */
  public static List<Record> records(int size, long seed) {
    return io.github.secdns.testsupport.zones.ZoneGenerator.sizedRecords(ORIGIN, size, seed);
  }

  /**
   * Returns the zone with one A record's address changed and the serial incremented by one; every
   * other record is copied as octets from {@code zone}'s packed records (as a host building a
   * version from the previous one would do, without decoding the zone). The change is the shared
   * generator's ({@code withOneChange} of secdns-testsupport), applied to that one record.
   *
   * @param zone a generated zone
   * @param index which record to change (taken modulo the size; the next A record from there)
   * @return the new version
   */
  public static ZoneSnapshot withOneChange(ZoneSnapshot zone, int index) {
    PackedRecords records = zone.packedRecords();
    int i = Math.floorMod(index, records.size());
    while (records.type(i) != Type.A) {
      i = (i + 1) % records.size();
    }
    // The shared generator changes the one A record of a one-record zone the same way.
    GeneratedZone one =
        io.github.secdns.testsupport.zones.ZoneGenerator.withOneChange(
            new GeneratedZone(zone.soa(), List.of(records.get(i))), 0);
    return ZoneSnapshot.builder(one.soa())
        .expect(records.size(), records.wireSize())
        .addAll(records, 0, i)
        .add(one.records().get(0))
        .addAll(records, i + 1, records.size())
        .build();
  }
}
