package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.HistoryLookup;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * What the responder sends for a valid IXFR query: the single current SOA, the incremental sequence
 * of records, or the full zone AXFR-style (RFC 1995 sections 2 and 4, checklist items 24-29).
 */
public sealed interface IxfrResponsePlan
    permits IxfrResponsePlan.SingleSoa, IxfrResponsePlan.Incremental, IxfrResponsePlan.FullZone {

  /**
   * Decides the answer to an IXFR query.
   *
   * @param history the zone's history; its current version is what gets served
   * @param request the validated query
   * @param overUdp whether the query came over UDP
   * @param ixfrEnabled whether the zone offers IXFR (the configuration's {@code ixfrEnabled()})
   * @return a single SOA when the client is up to date or the query came over UDP (the client then
   *     retries over TCP, as BIND and Knot answer); the incremental sequence when the history
   *     reaches the client's serial and IXFR is enabled; the full zone otherwise
   */
  static IxfrResponsePlan plan(
      ZoneHistory history, IxfrRequest request, boolean overUdp, boolean ixfrEnabled) {
    HistoryLookup lookup = history.lookup(request.clientSerial());
    if (lookup instanceof HistoryLookup.UpToDate || overUdp) {
      return new SingleSoa(history.current().soa());
    }
    if (lookup instanceof HistoryLookup.Incremental incremental && ixfrEnabled) {
      return new Incremental(incremental.chain());
    }
    return new FullZone(history.current());
  }

  /**
   * Lays out the incremental answer (RFC 1995 section 4): the current SOA; for each delta, oldest
   * first, its old SOA, the deleted records, its new SOA and the added records; the current SOA
   * again. The list is a view over the deltas: no record is copied.
   *
   * @param chain contiguous deltas, oldest first, the last ending at the current version
   * @return the records in sending order
   * @throws IllegalArgumentException when the chain is empty
   */
  static List<Record> incrementalRecords(List<ZoneDelta> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an incremental answer needs at least one delta");
    }
    SOARecord current = chain.get(chain.size() - 1).newSoa();
    List<List<? extends Record>> segments = new ArrayList<>(chain.size() * 4 + 2);
    segments.add(List.of(current));
    for (ZoneDelta d : chain) {
      segments.add(List.of(d.oldSoa()));
      segments.add(d.deleted());
      segments.add(List.of(d.newSoa()));
      segments.add(d.added());
    }
    segments.add(List.of(current));
    return new Concatenation(segments);
  }

  /**
   * Answer with one message whose answer section is only this SOA.
   *
   * @param soa the zone's current SOA
   */
  record SingleSoa(SOARecord soa) implements IxfrResponsePlan {
    /** Checks for null. */
    public SingleSoa {
      Objects.requireNonNull(soa, "soa");
    }
  }

  /**
   * Answer with the deltas from the client's serial to the current version, packed into messages
   * under the same rules as an AXFR (question in the first message, ID on every message, TSIG on
   * every message); the renderer copies their records from the deltas' packed octets ({@link
   * ZoneRenderer#renderIncremental}).
   *
   * @param chain contiguous deltas, oldest first, the last ending at the current version
   */
  record Incremental(List<ZoneDelta> chain) implements IxfrResponsePlan {
    /** Checks for null and emptiness; keeps an unmodifiable copy of the list. */
    public Incremental {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("an incremental answer needs at least one delta");
      }
    }

    /**
     * Returns the records in sending order ({@link #incrementalRecords}): a view that decodes the
     * packed records on reading, for tests and diagnostics (the responder renders from the octets).
     *
     * @return starts and ends with the current SOA
     */
    public List<Record> records() {
      return incrementalRecords(chain);
    }
  }

  /**
   * Answer with the full zone between SOAs, exactly as for AXFR, but with the query's IXFR question
   * echoed (dnsjava's {@code ZoneTransferIn} fails on a question type that differs).
   *
   * @param snapshot the current version
   */
  record FullZone(ZoneSnapshot snapshot) implements IxfrResponsePlan {
    /** Checks for null. */
    public FullZone {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /** An unmodifiable list that reads through several lists in order. */
  final class Concatenation extends AbstractList<Record> implements RandomAccess {
    private final List<List<? extends Record>> segments;
    private final int[] starts;
    private final int size;

    Concatenation(List<List<? extends Record>> segments) {
      this.segments = List.copyOf(segments);
      this.starts = new int[segments.size()];
      int total = 0;
      for (int i = 0; i < segments.size(); i++) {
        starts[i] = total;
        total = Math.addExact(total, segments.get(i).size());
      }
      this.size = total;
    }

    @Override
    public Record get(int index) {
      Objects.checkIndex(index, size);
      int lo = 0;
      int hi = starts.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= index) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      // Empty segments share their start with the next one; skip to the one holding the index.
      while (segments.get(lo).size() <= index - starts[lo]) {
        lo++;
      }
      return segments.get(lo).get(index - starts[lo]);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
