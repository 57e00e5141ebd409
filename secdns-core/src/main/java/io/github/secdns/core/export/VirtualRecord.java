package io.github.secdns.core.export;

import org.xbill.DNS.Name;

/**
 * A record that exists only in the host's platform and that secondaries cannot understand; the
 * exporter replaces it with standard records before the zone is transferred.
 *
 * <p>secdns knows {@link AliasRecord} and {@link UrlRecord}. A host adds its own kinds by
 * implementing this interface (a record class is the natural choice) and teaching the exporter an
 * {@link VirtualRecordExpander} for that class with {@link ZoneExporter.Builder#expander(Class,
 * VirtualRecordExpander)}. Exporting a virtual record of a kind the exporter was not taught is an
 * error ({@link ExportFindingCode#UNKNOWN_VIRTUAL_KIND}) naming the record: nothing is silently
 * dropped.
 *
 * <p>Implementations must be immutable; {@code toString()} should name the record, because findings
 * quote it.
 */
public interface VirtualRecord {

  /**
   * Returns the owner name of the record.
   *
   * @return an absolute name inside the zone
   */
  Name name();

  /**
   * Returns the TTL the host gives this record, in seconds.
   *
   * @return the TTL, {@code 0 <= ttl <= 2147483647}
   */
  long ttl();
}
