package io.github.secdns.axfr.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

/**
 * Name compression for one message that matches names byte for byte, so that every name keeps the
 * letter case it was written with (RFC 5936 section 3.4). dnsjava's own {@code Compression} matches
 * case-insensitively and would rewrite {@code www.example.} as {@code WWW.example.} when the latter
 * came first (protocol checklist items 14 and 65).
 *
 * <p>Use a fresh instance per message: pointers never refer to another message. Only names written
 * through this instance become pointer targets, so a question section written by someone else (in
 * the client's letter case) is never pointed into. Not thread-safe.
 */
public final class CaseSensitiveCompressor {

  private final Map<ByteBuffer, Integer> offsets = new HashMap<>();
  private final int base;

  /**
   * Creates a compressor for a message whose body starts {@code base} octets after the start of the
   * DNS message (the header and whatever comes before the body).
   *
   * @param base the offset in the final message of position 0 of the output written to
   */
  public CaseSensitiveCompressor(int base) {
    this.base = base;
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
    int k = 0;
    while (true) {
      int labelLength = wire[k] & 0xFF;
      if (labelLength == 0) {
        out.writeU8(0);
        return;
      }
      ByteBuffer suffix = ByteBuffer.wrap(wire, k, wire.length - k).slice();
      Integer target = offsets.get(suffix);
      if (target != null) {
        out.writeU16(0xC000 | target);
        return;
      }
      int here = base + out.current();
      if (here <= WireSizes.MAX_POINTER) {
        offsets.put(suffix, here);
      }
      out.writeByteArray(wire, k, labelLength + 1);
      k += labelLength + 1;
    }
  }
}
