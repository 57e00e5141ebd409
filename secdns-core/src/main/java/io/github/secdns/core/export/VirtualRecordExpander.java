package io.github.secdns.core.export;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * Turns a host-defined kind of {@link VirtualRecord} into the standard records secondaries receive.
 * A host teaches the exporter one expander per kind with {@link
 * ZoneExporter.Builder#expander(Class, VirtualRecordExpander)}.
 *
 * <p>Expanders must be pure and thread-safe: no I/O (values that need resolving come from {@link
 * ExpansionContext#resolution}), same output for the same input. The records returned go through
 * the same checks as the host's standard records: they must lie inside the zone, must not be an
 * SOA, and an apex NS record among them is replaced like the host's own. An expander that cannot
 * expand a record throws an unchecked exception; the export then fails with {@link
 * ExportFindingCode#EXPANSION_FAILED} naming the record.
 *
 * @param <T> the kind of virtual record this expander handles
 */
@FunctionalInterface
public interface VirtualRecordExpander<T extends VirtualRecord> {

  /**
   * Expands one virtual record.
   *
   * @param record the record to expand
   * @param context the zone and the resolved values
   * @return the standard records that replace it; empty to serve nothing for it
   */
  List<Record> expand(T record, ExpansionContext context);
}
