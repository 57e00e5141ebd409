package io.github.secdns.testsupport.zones;

import java.util.Collections;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A generated version of a zone: its SOA and its other records, in a stable order. Callers in the
 * secdns modules make a {@code ZoneSnapshot.of(soa(), records())} of it (this module does not
 * depend on secdns-core, so that core's own tests can use it).
 *
 * @param soa the SOA
 * @param records the other records, each once; wrapped, not copied (a million-record zone is built
 *     once per version in the benchmarks' timed path), so never changed afterwards
 */
public record GeneratedZone(SOARecord soa, List<Record> records) {

  /** Makes the list read-only. */
  public GeneratedZone {
    records = Collections.unmodifiableList(records);
  }

  /**
   * The zone's origin.
   *
   * @return the owner of the SOA
   */
  public Name origin() {
    return soa.getName();
  }

  /**
   * The serial.
   *
   * @return the SOA serial
   */
  public long serial() {
    return soa.getSerial();
  }

  /**
   * How many records, the SOA included.
   *
   * @return the size
   */
  public int size() {
    return records.size() + 1;
  }
}
