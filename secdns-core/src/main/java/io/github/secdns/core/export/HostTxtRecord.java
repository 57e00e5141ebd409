package io.github.secdns.core.export;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * A TXT record as hosts often store it: text strings of any length.
 *
 * <p>On the wire a TXT character-string holds at most 255 octets (RFC 1035 section 3.3), so a
 * dnsjava {@code TXTRecord} cannot carry a longer one; hosts that let customers paste a long DKIM
 * key or SPF policy as one string use this type instead. The exporter encodes each string as UTF-8
 * and splits any string longer than 255 octets into consecutive strings of at most 255 octets
 * (never inside a UTF-8 sequence), which is how SPF (RFC 7208 section 3.3) and DKIM (RFC 6376
 * section 3.6.2.2) read them, and reports {@link ExportFindingCode#TXT_STRING_TOO_LONG} so the
 * customer knows the record was changed.
 *
 * @param name the owner, an absolute name inside the zone
 * @param ttl the TTL in seconds, {@code 0 <= ttl <= 2147483647}
 * @param strings the text strings, at least one; taken literally (no zone-file escapes)
 */
public record HostTxtRecord(Name name, long ttl, List<String> strings) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException when the name is not absolute, the TTL is out of range or
   *     there is no string
   */
  public HostTxtRecord {
    Arguments.checkAbsolute(name, "TXT owner");
    Arguments.checkTtl(ttl, "TXT TTL");
    strings = List.copyOf(Objects.requireNonNull(strings, "strings"));
    if (strings.isEmpty()) {
      throw new IllegalArgumentException("a TXT record needs at least one string: " + name);
    }
  }

  /**
   * Tells whether a string is longer than a TXT character-string can be.
   *
   * @return true when at least one string encodes to more than 255 octets of UTF-8
   */
  public boolean hasOverlongString() {
    return strings.stream().anyMatch(s -> s.getBytes(StandardCharsets.UTF_8).length > 255);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(name).append(' ').append(ttl).append(" TXT");
    for (String s : strings) {
      sb.append(" \"")
          .append(s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + " chars)" : s)
          .append('"');
    }
    return sb.toString();
  }
}
