package io.github.secdns.axfr.internal;

import java.util.Arrays;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

/**
 * Name compression for one message that matches names byte for byte, so that every name keeps the
 * letter case it was written with (RFC 5936 section 3.4). dnsjava's own {@code Compression} matches
 * case-insensitively and would rewrite {@code www.example.} as {@code WWW.example.} when the latter
 * came first (protocol checklist items 14 and 65).
 *
 * <p>A name ends in a pointer to the longest suffix already written through this compressor in the
 * current message with identical octets; every suffix written out in full becomes a pointer target
 * while its offset is within reach of a pointer (16383). Only names written through this instance
 * become targets, so a question section written by someone else (in the client's letter case) is
 * never pointed into. Pointers never refer to another message: {@link #reset} starts the next one.
 *
 * <p>Fast enough to render a million records in a fraction of a second: targets live in an
 * open-addressing table of offsets, and the names written are kept uncompressed in one array to
 * compare suffixes against; nothing is allocated per name. Not thread-safe.
 */
public final class CaseSensitiveCompressor {

  private static final int MAX_LABELS = 128;

  private int base;
  private int generation = 1;
  // Open-addressing table of targets: slot valid when stamps[slot] == generation.
  // Sized by the constructor (a reply holds a few names, a big zone's message hundreds); grows
  // when a message needs more, and is reused for the next message.
  private int[] stamps;
  private int[] hashes;
  private int[] offsets; // offset of the suffix in the message
  private int[] names; // where the suffix starts in `written`
  private int[] lengths;
  private int count;
  // Every name written in full in this message, uncompressed, back to back.
  private byte[] written;
  private int writtenLength;
  private final int[] labelStarts = new int[MAX_LABELS];
  // The hash of each suffix searched for, reused when the suffix becomes a target.
  private final int[] suffixHashes = new int[MAX_LABELS];
  // The name written last (in `written`) and the message offset of the target that is the whole
  // of it, or -1 when none is: a zone lists an owner's records together, so the next owner is
  // often the same name, and then it is that pointer (see writeName).
  private int lastStart;
  private int lastLength;
  private int lastTarget = -1;

  /**
   * Creates a compressor for a message whose body starts {@code base} octets after the start of the
   * DNS message (the header and whatever comes before the body).
   *
   * @param base the offset in the final message of position 0 of the output written to
   */
  public CaseSensitiveCompressor(int base) {
    this(base, 0);
  }

  /**
   * Creates a compressor sized for messages of about {@code bodyOctets} octets of body: its tables
   * start at the size such messages usually need, so that they do not grow while a big zone is
   * rendered. Why that matters: growing is a branch the JIT compiler has rarely seen taken when it
   * compiles {@link #writeName}, so it compiles the branch as a trap, and the first growth after
   * that throws the compiled code away (a cold start's rendering of a million records lost the
   * compiled compressor twice this way, each recompilation taking a tenth of a second on a busy
   * core). They still grow when a message needs more.
   *
   * @param base the offset in the final message of position 0 of the output written to
   * @param bodyOctets the expected size of a message body; 0 or less for the smallest tables
   */
  public CaseSensitiveCompressor(int base, int bodyOctets) {
    this.base = base;
    int slots = slotsFor(bodyOctets);
    stamps = new int[slots];
    hashes = new int[slots];
    offsets = new int[slots];
    names = new int[slots];
    lengths = new int[slots];
    written = new byte[writtenFor(bodyOctets)];
  }

  /** The slots of the table of targets a compressor for such message bodies starts with. */
  private static int slotsFor(int bodyOctets) {
    // Only suffixes within a pointer's reach become targets, and a zone's names usually add one
    // target (their first label) of more than 16 octets of record; the table stays at most half
    // full: the power of two at or above twice the targets.
    int targets = Math.min(bounded(bodyOctets), WireSizes.MAX_POINTER + 1) / 16;
    return Integer.highestOneBit(Math.max(8, targets) * 4 - 1);
  }

  /** The octets of names written in full a compressor for such message bodies starts with. */
  private static int writtenFor(int bodyOctets) {
    return Math.max(256, bounded(bodyOctets));
  }

  private static int bounded(int bodyOctets) {
    return Math.min(Math.max(bodyOctets, 0), WireSizes.MAX_MESSAGE);
  }

  /**
   * Tells whether this compressor's tables are at least those a new one for messages of about
   * {@code bodyOctets} octets of body starts with ({@link #CaseSensitiveCompressor(int, int)}), so
   * that it can serve such messages after {@link #reset} without growing.
   *
   * @param bodyOctets the expected size of a message body
   * @return whether its tables are at least that large
   */
  public boolean hasRoomFor(int bodyOctets) {
    return stamps.length >= slotsFor(bodyOctets) && written.length >= writtenFor(bodyOctets);
  }

  /**
   * Forgets every target and starts a new message whose body starts {@code base} octets after the
   * start of the DNS message.
   *
   * @param base the offset in the final message of position 0 of the body
   */
  public void reset(int base) {
    this.base = base;
    this.count = 0;
    this.writtenLength = 0;
    this.lastTarget = -1;
    if (++generation == 0) {
      Arrays.fill(stamps, 0);
      generation = 1;
    }
  }

  /**
   * Writes a name, ending in a pointer to the longest suffix already written with identical octets,
   * and remembers the new suffixes as pointer targets.
   *
   * @param name an absolute name
   * @param out the message body being written
   */
  public void writeName(Name name, DNSOutput out) {
    byte[] wire = name.toWire();
    byte[] compressed = new byte[wire.length];
    int n = writeName(wire, 0, compressed, 0, out.current());
    out.writeByteArray(compressed, 0, n);
  }

  /**
   * Returns the length of the uncompressed name given to the last {@link #writeName} call (the
   * octets its compressed form replaces).
   *
   * @return the octets, at least 1 (the root); 0 before any name
   */
  public int lastNameLength() {
    return lastLength;
  }

  /**
   * Writes an uncompressed absolute name compressed into {@code out}. {@code name} and {@code out}
   * may be the same array at the same position (compression in place): the output is never longer
   * than the input and the input is read before the output overwrites it.
   *
   * @param name holds the name in uncompressed wire form
   * @param nameOffset where the name starts
   * @param out where to write
   * @param outOffset where to write in {@code out}
   * @param bodyPosition the position in the message body of {@code outOffset}
   * @return the number of octets written
   */
  public int writeName(byte[] name, int nameOffset, byte[] out, int outOffset, int bodyPosition) {
    if (lastTarget >= 0
        && nameOffset + lastLength <= name.length
        && Arrays.equals(
            written,
            lastStart,
            lastStart + lastLength,
            name,
            nameOffset,
            nameOffset + lastLength)) {
      // The name written last again (its octets equal up to and including its root label): the
      // longest suffix written before is the whole name, a target whose octets occur only once in
      // the table (a suffix is added only when it was not found). Exactly what the search below
      // would give, without it.
      out[outOffset] = (byte) (0xC0 | (lastTarget >> 8));
      out[outOffset + 1] = (byte) lastTarget;
      return 2;
    }
    int labels = 0;
    int k = nameOffset;
    int label;
    while ((label = name[k] & 0xFF) != 0) {
      labelStarts[labels++] = k;
      k += label + 1;
    }
    int nameLength = k + 1 - nameOffset;
    // Keep the whole name: the suffixes written in full below point into this copy.
    int copy = remember(name, nameOffset, nameLength);
    int pointer = -1;
    int matched = labels;
    for (int i = 0; i < labels; i++) {
      int start = labelStarts[i];
      int length = nameLength - (start - nameOffset);
      int h = hash(name, start, length);
      suffixHashes[i] = h;
      int target = find(h, name, start, length);
      if (target >= 0) {
        pointer = target;
        matched = i;
        break;
      }
    }
    // Literal labels before the match: they stay where they are when compressing in place.
    int literal = matched < labels ? labelStarts[matched] - nameOffset : nameLength - 1;
    if (out != name || outOffset != nameOffset) {
      System.arraycopy(name, nameOffset, out, outOffset, literal);
    }
    for (int i = 0; i < matched; i++) {
      int here = base + bodyPosition + (labelStarts[i] - nameOffset);
      if (here <= WireSizes.MAX_POINTER) {
        int start = copy + (labelStarts[i] - nameOffset);
        add(suffixHashes[i], start, nameLength - (labelStarts[i] - nameOffset), here);
      }
    }
    lastStart = copy;
    lastLength = nameLength;
    // The target that is the whole name: the one found when the whole name matched (matched == 0),
    // else the name just written, when a pointer can reach it. Branch-free on purpose: a whole
    // name found other than as the name written last is rare, and a branch the JIT compiler has
    // not seen taken is compiled as a trap that throws the compiled method away when it is.
    int whole = base + bodyPosition;
    int wholeTarget = whole | ((WireSizes.MAX_POINTER - whole) >> 31); // -1 beyond reach
    int matchedWhole = (matched - 1) >> 31; // all ones when matched == 0
    lastTarget = (pointer & matchedWhole) | (wholeTarget & ~matchedWhole);
    if (pointer >= 0) {
      out[outOffset + literal] = (byte) (0xC0 | (pointer >> 8));
      out[outOffset + literal + 1] = (byte) pointer;
      return literal + 2;
    }
    out[outOffset + literal] = 0;
    return literal + 1;
  }

  private int remember(byte[] name, int offset, int length) {
    if (writtenLength + length > written.length) {
      written = Arrays.copyOf(written, Math.max(written.length * 2, writtenLength + length));
    }
    int at = writtenLength;
    System.arraycopy(name, offset, written, at, length);
    writtenLength += length;
    return at;
  }

  private static int hash(byte[] data, int offset, int length) {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + data[i];
    }
    return h ^ (h >>> 15);
  }

  /** The message offset of a target with exactly these octets, or -1. */
  private int find(int h, byte[] data, int offset, int length) {
    int mask = stamps.length - 1;
    for (int slot = h & mask; stamps[slot] == generation; slot = (slot + 1) & mask) {
      if (hashes[slot] == h
          && lengths[slot] == length
          && Arrays.equals(
              written, names[slot], names[slot] + length, data, offset, offset + length)) {
        return offsets[slot];
      }
    }
    return -1;
  }

  /** Adds a target: the suffix at {@code offset} in {@code written}, of hash {@code h}. */
  private void add(int h, int offset, int length, int messageOffset) {
    if ((count + 1) * 2 > stamps.length) {
      grow();
    }
    insert(h, offset, length, messageOffset);
    count++;
  }

  private void insert(int h, int nameStart, int length, int messageOffset) {
    int mask = stamps.length - 1;
    int slot = h & mask;
    while (stamps[slot] == generation) {
      slot = (slot + 1) & mask;
    }
    stamps[slot] = generation;
    hashes[slot] = h;
    names[slot] = nameStart;
    lengths[slot] = length;
    offsets[slot] = messageOffset;
  }

  private void grow() {
    int[] oldStamps = stamps;
    int[] oldHashes = hashes;
    int[] oldNames = names;
    int[] oldLengths = lengths;
    int[] oldOffsets = offsets;
    int oldGeneration = generation;
    int capacity = oldStamps.length * 2;
    stamps = new int[capacity];
    hashes = new int[capacity];
    names = new int[capacity];
    lengths = new int[capacity];
    offsets = new int[capacity];
    generation = 1;
    for (int i = 0; i < oldStamps.length; i++) {
      if (oldStamps[i] == oldGeneration) {
        insert(oldHashes[i], oldNames[i], oldLengths[i], oldOffsets[i]);
      }
    }
  }
}
