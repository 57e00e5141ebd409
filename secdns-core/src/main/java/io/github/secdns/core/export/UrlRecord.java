package io.github.secdns.core.export;

import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * A URL record: a name whose web traffic the host's HTTP redirector answers with a redirect.
 *
 * <p>Secondaries only serve DNS, so the exporter replaces it by A and AAAA records at {@link
 * #name()} pointing at the redirector's addresses ({@link ExportRequest.Builder#redirector}); the
 * redirect itself keeps happening on the host's servers. The TTL is this record's TTL.
 *
 * @param name the owner, an absolute name inside the zone
 * @param ttl the TTL in seconds, {@code 0 <= ttl <= 2147483647}
 * @param destination where the redirector sends visitors; informational only, it never reaches the
 *     secondaries
 */
public record UrlRecord(Name name, long ttl, String destination) implements VirtualRecord {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the name is not absolute or the TTL is out of range
   */
  public UrlRecord {
    Arguments.checkAbsolute(name, "URL owner");
    Objects.requireNonNull(destination, "destination");
    Arguments.checkTtl(ttl, "URL TTL");
  }

  @Override
  public String toString() {
    return name + " " + ttl + " URL " + destination;
  }
}
