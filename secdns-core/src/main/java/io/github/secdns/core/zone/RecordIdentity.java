package io.github.secdns.core.zone;

import java.util.Arrays;
import javax.annotation.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The exact identity of a record for zone differences: owner name, type, class, TTL and RDATA,
 * compared octet for octet in their uncompressed wire form, so letter case counts everywhere.
 *
 * <p>Why not {@link Record#equals}: it ignores the TTL and the letter case of names, and a
 * secondary must learn about a changed TTL or a re-cased owner name too (a serial names exactly one
 * content, checklist item 30).
 */
final class RecordIdentity {

  private final byte[] wire;
  private final int hash;

  private RecordIdentity(byte[] wire) {
    this.wire = wire;
    this.hash = Arrays.hashCode(wire);
  }

  static RecordIdentity of(Record record) {
    // Section.ANSWER renders the full record; without a compression table names keep their case.
    return new RecordIdentity(record.toWire(Section.ANSWER));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RecordIdentity && Arrays.equals(wire, ((RecordIdentity) o).wire);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
