package io.github.secdns.axfr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * Checks the replies the responder sends to hostile messages, octet by octet rather than through
 * dnsjava (which accepts trailing garbage and lying counts in places): every reply must be one
 * well-formed DNS message (the section counts match what follows, every name ends within the
 * message, nothing is left over), and, when a zone is protected, no reply may carry a single record
 * of it other than its public SOA, nor the marker octets its records hold.
 *
 * <p>Thread-safe (stateless apart from its settings).
 */
final class HostileReplies {

  /**
   * A TXT string in every non-SOA record set of a protected zone: if these octets appear anywhere
   * in a reply, zone data leaked, however the reply is framed or compressed.
   */
  static final String MARKER = "secdns-protected-zone-data-7f3a9c";

  /** One resource record as the walk found it. */
  record Rr(int section, String owner, int type) {}

  private final String protectedZone;

  private HostileReplies(String protectedZone) {
    this.protectedZone = protectedZone.toLowerCase(Locale.ROOT);
  }

  /** Checks only that every reply is well-formed (a responder that allows every transfer). */
  static HostileReplies wellFormed() {
    return new HostileReplies("");
  }

  /** Well-formed, and nothing of {@code zone} but its SOA (a responder that requires a key). */
  static HostileReplies withoutDataOf(String zone) {
    return new HostileReplies(zone);
  }

  /**
   * Checks one reply.
   *
   * @param wire the reply as received (over TCP without the length prefix)
   * @param after what it answered, for the failure message
   * @throws AssertionError when the reply is malformed or carries protected zone data
   */
  void check(byte[] wire, String after) {
    List<Rr> records;
    try {
      records = walk(wire);
    } catch (IllegalStateException malformed) {
      throw new AssertionError("malformed reply after " + after + ": " + malformed.getMessage());
    }
    if (protectedZone.isEmpty()) {
      return;
    }
    if (new String(wire, StandardCharsets.ISO_8859_1).contains(MARKER)) {
      throw new AssertionError("zone data (the marker) in a reply after " + after);
    }
    for (Rr rr : records) {
      boolean inZone = rr.owner().equals(protectedZone) || rr.owner().endsWith("." + protectedZone);
      if (inZone && rr.type() != Type.SOA) {
        throw new AssertionError(
            "a record of "
                + protectedZone
                + " ("
                + rr.owner()
                + " "
                + Type.string(rr.type())
                + ") in a reply after "
                + after);
      }
    }
  }

  /**
   * Walks a message: header, questions, then every record of the three other sections.
   *
   * @return the records (questions excluded), owner names lower-cased and absolute
   * @throws IllegalStateException when the message is not well-formed
   */
  static List<Rr> walk(byte[] m) {
    if (m.length < 12) {
      throw new IllegalStateException("shorter than a header: " + m.length + " octets");
    }
    int[] p = {12};
    for (int q = count(m, 4); q > 0; q--) {
      name(m, p);
      skip(m, p, 4);
    }
    List<Rr> out = new ArrayList<>();
    for (int section = 1; section <= 3; section++) {
      for (int n = count(m, 4 + 2 * section); n > 0; n--) {
        String owner = name(m, p);
        int type = u16(m, p[0]);
        skip(m, p, 8);
        int rdlength = u16(m, p[0]);
        skip(m, p, 2);
        skip(m, p, rdlength);
        out.add(new Rr(section, owner, type));
      }
    }
    if (p[0] != m.length) {
      throw new IllegalStateException((m.length - p[0]) + " octets after the last record");
    }
    return out;
  }

  /** Reads a (possibly compressed) name at p[0] and moves p[0] past it. */
  private static String name(byte[] m, int[] p) {
    StringBuilder name = new StringBuilder();
    int at = p[0];
    boolean jumped = false;
    int octets = 0;
    for (int hops = 0; ; ) {
      if (at >= m.length) {
        throw new IllegalStateException("a name runs past the end");
      }
      int len = m[at] & 0xFF;
      if (len == 0) {
        if (!jumped) {
          p[0] = at + 1;
        }
        return name.length() == 0 ? "." : name.toString();
      }
      if ((len & 0xC0) == 0xC0) {
        if (at + 1 >= m.length) {
          throw new IllegalStateException("a compression pointer runs past the end");
        }
        int target = ((len & 0x3F) << 8) | (m[at + 1] & 0xFF);
        if (!jumped) {
          p[0] = at + 2;
        }
        if (target >= at || ++hops > 64) {
          throw new IllegalStateException("a compression pointer that does not point back");
        }
        jumped = true;
        at = target;
        continue;
      }
      if ((len & 0xC0) != 0) {
        throw new IllegalStateException("a label of reserved type " + Integer.toHexString(len));
      }
      if (at + 1 + len > m.length) {
        throw new IllegalStateException("a label runs past the end");
      }
      octets += len + 1;
      if (octets > 255) {
        throw new IllegalStateException("a name longer than 255 octets");
      }
      for (int i = at + 1; i <= at + len; i++) {
        char c = (char) (m[i] & 0xFF);
        name.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '.' ? '\u00b7' : c);
      }
      name.append('.');
      at += len + 1;
    }
  }

  private static int count(byte[] m, int offset) {
    return ((m[offset] & 0xFF) << 8) | (m[offset + 1] & 0xFF);
  }

  private static int u16(byte[] m, int at) {
    if (at + 2 > m.length) {
      throw new IllegalStateException("a record runs past the end");
    }
    return ((m[at] & 0xFF) << 8) | (m[at + 1] & 0xFF);
  }

  private static void skip(byte[] m, int[] p, int n) {
    if (p[0] + n > m.length) {
      throw new IllegalStateException("a record runs past the end");
    }
    p[0] += n;
  }
}
