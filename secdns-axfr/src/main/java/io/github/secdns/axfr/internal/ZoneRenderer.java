package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.WireCursor;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Renders a zone version into the answer sections of the messages of a full transfer: the SOA
 * first, every other record once, the SOA again last (RFC 5936 section 2.2).
 *
 * <p>Pure but for one compressor per rendering thread, kept for its next rendering (a rendering's
 * output never depends on it): no I/O and no state shared between threads. Each message leaves room
 * for the header, the question (message 0 only), an OPT record and a worst-case TSIG record, and is
 * closed once the next record would take it past the target size (judged by the record's
 * uncompressed size); a message larger than the target holds a single record. A record that does
 * not fit in an empty 65535-octet message fails the rendering with {@link RecordTooLargeException}.
 * Owner names are compressed case-sensitively with a fresh table per message; RDATA is written
 * uncompressed (always allowed, and case-preserving).
 *
 * <p>Records are copied from the snapshot's packed wire form straight into the message bodies and
 * their owner names compressed in place: no dnsjava {@code Record} is built.
 */
public final class ZoneRenderer {

  /**
   * The size of the arrays the bodies are written into (a small zone gets a smaller one): just
   * under half of G1's smallest region (1 MiB), array header included, so that no chunk is a
   * humongous object under any heap size. A chunk of 1 MiB was one: G1 gave each a region of its
   * own (2 MiB under the default heap of a 24 GiB machine, two regions of 1 MiB under a smaller
   * one), so a rendering held about twice its size, outside the young generation.
   */
  static final int CHUNK = (1 << 19) - 64;

  /**
   * Records a full transfer's loop hands to the writer per call: small enough that the call is
   * frequent (the writer's loop is compiled as an ordinary method within the first few thousand
   * records), a divisor of 1,024 (the interruption is checked every 1,024 records, as before).
   */
  private static final int BLOCK = 64;

  private final int targetMessageSize;

  /**
   * Creates a renderer.
   *
   * @param targetMessageSize the size a message is closed at, at most 65535
   */
  public ZoneRenderer(int targetMessageSize) {
    if (targetMessageSize < WireSizes.MIN_TARGET_MESSAGE_SIZE
        || targetMessageSize > WireSizes.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "target message size must be between "
              + WireSizes.MIN_TARGET_MESSAGE_SIZE
              + " and "
              + WireSizes.MAX_MESSAGE
              + ": "
              + targetMessageSize);
    }
    this.targetMessageSize = targetMessageSize;
  }

  /**
   * Renders one version.
   *
   * @param snapshot the version
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone render(ZoneSnapshot snapshot) {
    return render(snapshot, null);
  }

  /**
   * Renders one version into a growing rendering: each message is published as soon as it is closed
   * (transfers of the version stream it while the rest renders), and the rendering is completed, or
   * failed with the exception this method throws.
   *
   * @param snapshot the version
   * @param into where each message is published; null for none
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message; the messages before it
   *     were published
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone render(ZoneSnapshot snapshot, @Nullable Rendering into) {
    return ending(into, () -> renderFull(snapshot, into, true));
  }

  /**
   * Renders one version for one transfer, as {@link #render(ZoneSnapshot, Rendering)} does, but
   * leaves the array its last messages were written into at the size it was given: a rendering that
   * is not kept is garbage once sent, and trimming the array would copy every octet of a small
   * zone's transfer once more.
   *
   * @param snapshot the version
   * @param into where each message is published; null for none
   * @return the rendered messages, its arrays not trimmed
   * @throws RecordTooLargeException when a record cannot fit in any message; the messages before it
   *     were published
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone renderOnce(ZoneSnapshot snapshot, @Nullable Rendering into) {
    return ending(into, () -> renderFull(snapshot, into, false));
  }

  /** Runs a rendering, then completes {@code into} with its result or fails it with its error. */
  private static RenderedZone ending(@Nullable Rendering into, Supplier<RenderedZone> rendering) {
    RenderedZone rendered;
    try {
      rendered = rendering.get();
    } catch (RuntimeException | Error e) {
      if (into != null) {
        into.fail(e);
      }
      throw e;
    }
    if (into != null) {
      into.complete(rendered);
    }
    return rendered;
  }

  private RenderedZone renderFull(ZoneSnapshot snapshot, @Nullable Rendering into, boolean trim) {
    return renderSegment(snapshot, 0, (snapshot.size() - 1), true, into, 0, () -> false, trim);
  }

  /**
   * Renders one segment of a version's full transfer: the records {@code [from, to)} of the
   * snapshot, preceded by the SOA when {@code segment} is 0 and followed by it when {@code last}.
   * The segment starts a new message (message 0 of the transfer, with room for the question, when
   * {@code segment} is 0), so the segments of a transfer can be rendered on separate threads and
   * their messages sent one after the other (name compression never reaches across messages). Each
   * message is published into {@code into} as segment {@code segment} once it is closed; the
   * rendering {@code into} is neither completed nor failed here.
   *
   * @param snapshot the version
   * @param from the first record of the segment
   * @param to one past its last record
   * @param last whether the closing SOA ends this segment
   * @param into where each message is published; null for none
   * @param segment the segment's index in {@code into}
   * @param stop polled with the interruption check: true cancels the segment (its result is no
   *     longer wanted)
   * @param trim whether the last array written into is trimmed to what it holds (a rendering that
   *     is kept; see {@link #renderOnce})
   * @return the segment's messages
   * @throws RecordTooLargeException when a record cannot fit in any message; the messages before it
   *     were published
   * @throws CancellationException when the thread is interrupted or {@code stop} says so
   */
  RenderedZone renderSegment(
      ZoneSnapshot snapshot,
      int from,
      int to,
      boolean last,
      @Nullable Rendering into,
      int segment,
      BooleanSupplier stop,
      boolean trim) {
    // The snapshot's own octets of its SOA (the same uncompressed wire form), copied straight into
    // the message: decoding the record and encoding it again cost more than the rest of a small
    // zone's first rendering, and a copy or buffer of it per rendering is garbage per transfer.
    int soaLength = snapshot.soaWireLength();
    // Read one record after the other: a small version would unpack all of its records into new
    // arrays for packedRecords(), for every transfer (it holds them relative to the origin).
    WireCursor records = snapshot.wireCursor(from);
    // Segment 0 opens the transfer; a later segment may start at record 0 too (a zone of fewer
    // records than segments: segment 0 is then the SOA alone).
    boolean first = segment == 0;
    long estimate =
        (first ? (long) soaLength : 0L) + (last ? soaLength : 0) + snapshot.wireLength(from, to);
    Writer w = new Writer(snapshot, estimate, into, segment, first);
    if (first) {
      w.addSoa();
    }
    // In blocks, each a call: the loop over a big segment runs once per segment, so the JIT
    // compiler would compile it on the stack with its exit never seen taken, and the end of the
    // first segment would throw that code away while the next segment starts from the
    // interpreter. A block's loop ends often and is compiled as an ordinary method.
    for (int block = from; block < to; block += BLOCK) {
      if (((block - from) & 0x3FF) == 0) {
        checkInterrupt(snapshot);
        if (stop.getAsBoolean()) {
          throw new CancellationException("rendering of " + snapshot + " was stopped");
        }
      }
      w.addAll(records, Math.min(to, block + BLOCK) - block);
    }
    if (last) {
      w.addSoa();
    }
    return w.finish(trim);
  }

  /**
   * Packs any answer sequence of a zone into messages under the same rules (for an incremental IXFR
   * answer, whose sequence holds SOAs in the middle): no check of SOA placement is made.
   *
   * @param snapshot the version the sequence belongs to (its origin sizes the question)
   * @param sequence the records in sending order
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone renderSequence(ZoneSnapshot snapshot, List<Record> sequence) {
    return renderSequence(snapshot, sequence, null);
  }

  /**
   * Packs an answer sequence into a growing rendering, as {@link #render(ZoneSnapshot, Rendering)}
   * does for a full transfer.
   *
   * @param snapshot the version the sequence belongs to (its origin sizes the question)
   * @param sequence the records in sending order
   * @param into where each message is published; null for none
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone renderSequence(
      ZoneSnapshot snapshot, List<Record> sequence, @Nullable Rendering into) {
    return ending(into, () -> packSequence(snapshot, sequence, into));
  }

  private RenderedZone packSequence(
      ZoneSnapshot snapshot, List<Record> sequence, @Nullable Rendering into) {
    Writer w = new Writer(snapshot, 256, into, 0, true);
    int n = sequence.size();
    for (int i = 0; i < n; i++) {
      if ((i & 0x3FF) == 0) {
        checkInterrupt(snapshot);
      }
      w.add(sequence.get(i));
    }
    return w.finish(true);
  }

  /**
   * Renders an incremental IXFR answer (RFC 1995 section 4) straight from the deltas' packed
   * octets, as {@link #render(ZoneSnapshot, Rendering)} does for a full transfer: the current SOA;
   * for each delta, oldest first, its old SOA, its deleted records, its new SOA and its added
   * records; the current SOA again. The output is octet for octet {@link #renderSequence} of that
   * layout ({@link IxfrResponsePlan#incrementalRecords}).
   *
   * @param current the version the answer leads to (its SOA opens and closes the answer)
   * @param chain contiguous deltas, oldest first, the last ending at the current version
   * @param into where each message is published; null for none
   * @return the rendered messages
   * @throws IllegalArgumentException when the chain is empty
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone renderIncremental(
      ZoneSnapshot current, List<ZoneDelta> chain, @Nullable Rendering into) {
    return ending(into, () -> packIncremental(current, chain, into));
  }

  private RenderedZone packIncremental(
      ZoneSnapshot current, List<ZoneDelta> chain, @Nullable Rendering into) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an incremental answer needs at least one delta");
    }
    long estimate = 0;
    for (ZoneDelta d : chain) {
      estimate += d.wireSize();
    }
    SOARecord last = chain.get(chain.size() - 1).newSoa();
    byte[] soa = last.toWire(Section.ANSWER);
    Writer w = new Writer(current, estimate + 2L * soa.length, into, 0, true);
    w.add(soa, last);
    for (ZoneDelta d : chain) {
      w.add(d.oldSoa());
      add(w, current, d.packedDeleted());
      w.add(d.newSoa());
      add(w, current, d.packedAdded());
    }
    w.add(soa, last);
    return w.finish(true);
  }

  private static void add(Writer w, ZoneSnapshot current, PackedRecords records) {
    for (int i = 0; i < records.size(); i++) {
      if ((i & 0x3FF) == 0) {
        checkInterrupt(current);
      }
      w.add(records, i);
    }
  }

  private static void checkInterrupt(ZoneSnapshot snapshot) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("rendering of " + snapshot + " was interrupted");
    }
  }

  /**
   * A compressor per rendering thread, lent to one {@link Writer} at a time and given back when the
   * writer finishes (a writer that fails does not give it back: the next one makes a new one). A
   * compressor's tables are a few kilobytes for a small zone; made for every transfer of a zone too
   * small to keep rendered, they were most of what a transfer allocated (issue 13: 100,000 zones;
   * docs/BENCHMARKS.md, round of 2026-12-05).
   */
  private static final ThreadLocal<CaseSensitiveCompressor[]> IDLE_COMPRESSOR =
      ThreadLocal.withInitial(() -> new CaseSensitiveCompressor[1]);

  /**
   * Lends this thread's idle compressor when its tables are large enough for such message bodies
   * (reset for a message whose body starts at {@code base}); makes a new one otherwise.
   */
  static CaseSensitiveCompressor borrowCompressor(int base, int bodyOctets) {
    CaseSensitiveCompressor[] idle = IDLE_COMPRESSOR.get();
    CaseSensitiveCompressor c = idle[0];
    idle[0] = null;
    if (c != null && c.hasRoomFor(bodyOctets)) {
      c.reset(base);
      return c;
    }
    return new CaseSensitiveCompressor(base, bodyOctets);
  }

  /** Keeps a compressor no longer used as this thread's idle one. */
  static void giveBack(CaseSensitiveCompressor compressor) {
    IDLE_COMPRESSOR.get()[0] = compressor;
  }

  /** Writes message bodies back to back into chunks. */
  private final class Writer {
    private final ZoneSnapshot snapshot;
    private final int questionLength;
    private final CaseSensitiveCompressor compressor;
    private long estimate; // upper bound of the octets still to write
    private byte[][] chunks = new byte[4][];
    private int chunkCount;
    private byte[] chunk;
    private int position; // next free octet in chunk
    // The message being filled.
    private int messageStart;
    private int messageCount; // records in it
    private int overhead;
    // The messages finished.
    private int[] chunkOf;
    private int[] starts;
    private int[] lengths;
    private int[] counts;
    private int messages;
    private long total;
    @Nullable private final Rendering into;
    private final int segment; // where it publishes in `into`
    private long allocated; // octets of the chunks allocated
    private long reported; // octets told to `into`'s progress so far

    /**
     * A writer of one segment of messages; {@code first}: its first message is the transfer's
     * message 0, which carries the question.
     */
    Writer(
        ZoneSnapshot snapshot,
        long estimate,
        @Nullable Rendering into,
        int segment,
        boolean first) {
      this.snapshot = snapshot;
      this.into = into;
      this.segment = segment;
      this.questionLength = snapshot.origin().length() + 4;
      this.estimate = estimate;
      int base = WireSizes.HEADER + (first ? questionLength : 0);
      // Tables sized for the messages this writer fills, and room for the messages a full zone's
      // estimate needs: growing them is a branch the JIT compiler has rarely seen taken when it
      // compiles the writer, and a first growth after that throws the compiled code away (see
      // CaseSensitiveCompressor(int, int)).
      this.compressor = borrowCompressor(base, (int) Math.min(estimate, targetMessageSize));
      int expectedMessages = (int) Math.min(estimate / targetMessageSize + 16, 1 << 20);
      this.chunkOf = new int[expectedMessages];
      this.starts = new int[expectedMessages];
      this.lengths = new int[expectedMessages];
      this.counts = new int[expectedMessages];
      this.overhead = base + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE;
      newChunk(0);
    }

    int room(int limit) {
      return limit - overhead - (position - messageStart);
    }

    /** Adds the next {@code n} records of {@code records}. */
    void addAll(WireCursor records, int n) {
      for (int i = 0; i < n && records.next(); i++) {
        int length = records.wireLength();
        if (!makeRoom(length)) {
          throw tooLarge(records.record(), length);
        }
        records.copyWire(chunk, position);
        place(length);
      }
    }

    void add(PackedRecords records, int index) {
      int length = records.wireLength(index);
      if (!makeRoom(length)) {
        throw tooLarge(records.get(index), length);
      }
      records.copyWire(index, chunk, position);
      place(length);
    }

    void add(Record record) {
      add(record.toWire(Section.ANSWER), record);
    }

    /** Adds a record given as its uncompressed wire form. */
    void add(byte[] wire, Record record) {
      if (!makeRoom(wire.length)) {
        throw tooLarge(record, wire.length);
      }
      put(wire);
    }

    /**
     * Adds the snapshot's SOA, copied from its uncompressed wire form; the record is decoded only
     * to say that it does not fit (decoding it for every transfer cost about a kilobyte of
     * garbage).
     */
    void addSoa() {
      int length = snapshot.soaWireLength();
      if (!makeRoom(length)) {
        throw tooLarge(snapshot.soa(), length);
      }
      snapshot.copySoaWire(chunk, position);
      place(length);
    }

    private void put(byte[] wire) {
      System.arraycopy(wire, 0, chunk, position, wire.length);
      place(wire.length);
    }

    /**
     * Closes the message when the record would not fit; makes room for it in the chunk.
     *
     * @return false when the record fits in no message at all
     */
    private boolean makeRoom(int length) {
      if (length > room(targetMessageSize)) {
        if (messageCount > 0) {
          closeMessage();
        }
        if (length > room(WireSizes.MAX_MESSAGE)) {
          return false;
        }
      }
      if (position + length > chunk.length) {
        // Move the message begun so far to a new chunk: its pointers are relative to its start.
        int begun = position - messageStart;
        byte[] old = chunk;
        int oldStart = messageStart;
        newChunk(begun + length);
        System.arraycopy(old, oldStart, chunk, 0, begun);
        position = begun;
      }
      return true;
    }

    private RecordTooLargeException tooLarge(Record r, int length) {
      return new RecordTooLargeException(
          "record "
              + r.getName()
              + " "
              + Type.string(r.getType())
              + " of zone "
              + snapshot.origin()
              + " takes "
              + length
              + " octets and does not fit in a transfer message (room: "
              + room(WireSizes.MAX_MESSAGE)
              + " octets)");
    }

    /** Compresses the owner of the record just copied to {@code position}, in place. */
    private void place(int length) {
      int owner = compressor.writeName(chunk, position, chunk, position, position - messageStart);
      int ownerLength = compressor.lastNameLength();
      if (owner < ownerLength) {
        System.arraycopy(
            chunk, position + ownerLength, chunk, position + owner, length - ownerLength);
      }
      position += owner + length - ownerLength;
      estimate -= length;
      messageCount++;
      total++;
    }

    private void newChunk(int needed) {
      // The estimate bounds what is left for a full zone; a sequence grows its chunks instead.
      long wanted = Math.max(estimate, chunk == null ? 512 : 2L * chunk.length);
      int size = (int) Math.max(needed, Math.min(CHUNK, wanted));
      if (chunkCount == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunkCount * 2);
      }
      chunk = new byte[size];
      chunks[chunkCount++] = chunk;
      allocated += size;
      position = 0;
      messageStart = 0;
    }

    private void closeMessage() {
      if (messages == counts.length) {
        int grown = messages * 2;
        chunkOf = Arrays.copyOf(chunkOf, grown);
        starts = Arrays.copyOf(starts, grown);
        lengths = Arrays.copyOf(lengths, grown);
        counts = Arrays.copyOf(counts, grown);
      }
      chunkOf[messages] = chunkCount - 1;
      starts[messages] = messageStart;
      lengths[messages] = position - messageStart;
      counts[messages] = messageCount;
      messages++;
      messageStart = position;
      messageCount = 0;
      // Later messages carry no question (QDCOUNT=0, as BIND and NSD send them).
      compressor.reset(WireSizes.HEADER);
      overhead = WireSizes.HEADER + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE;
      if (into != null) {
        // Entries below messages never change again; the arrays may be replaced by grown copies
        // later, which readers of this publication never see.
        into.publish(segment, chunks, chunkOf, starts, lengths, counts, messages);
        // Counted as it will be kept: the current chunk as far as it is written (it is trimmed
        // when the segment finishes; until then its free tail, at most a chunk, is not counted).
        // Told as growth: segments on other threads report theirs independently.
        long retained = allocated - chunk.length + position + 16L * messages;
        into.progressed(retained - reported);
        reported = retained;
      }
    }

    /**
     * Closes the last message and returns the messages; {@code trim}: the last chunk is trimmed to
     * what it holds (for a rendering that is kept).
     */
    RenderedZone finish(boolean trim) {
      closeMessage();
      giveBack(compressor);
      // The last chunk is trimmed in a copy of the chunk table (a reader of a publication may be
      // reading the table published).
      byte[][] kept = Arrays.copyOf(chunks, chunkCount);
      if (trim) {
        kept[chunkCount - 1] = Arrays.copyOf(chunk, position);
      }
      return new RenderedZone(
          snapshot,
          kept,
          Arrays.copyOf(chunkOf, messages),
          Arrays.copyOf(starts, messages),
          Arrays.copyOf(lengths, messages),
          Arrays.copyOf(counts, messages),
          questionLength,
          total);
    }
  }
}
