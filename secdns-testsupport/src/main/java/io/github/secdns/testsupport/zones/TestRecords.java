package io.github.secdns.testsupport.zones;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * The small record builders every module's hand-written test zones start from: a name parsed
 * without a resolver, and the tests' usual SOA. Stateless; thread-safe.
 */
public final class TestRecords {

  private TestRecords() {}

  /**
   * Parses a name; a relative name stays relative.
   *
   * @param text the name, such as {@code www.example.com.}
   * @return the name
   * @throws IllegalArgumentException when the text is not a valid name
   */
  public static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * The tests' usual SOA of a zone: MNAME {@code ns1.<origin>}, RNAME {@code hostmaster.<origin>},
   * TTL 3600, refresh 7200, retry 900, expire 1209600, minimum 300.
   *
   * @param origin the zone's absolute name, such as {@code example.com.}
   * @param serial the serial
   * @return the SOA record
   * @throws IllegalArgumentException when the origin is not a valid name
   */
  public static SOARecord soa(String origin, long serial) {
    return new SOARecord(
        name(origin),
        DClass.IN,
        3600,
        name("ns1." + origin),
        name("hostmaster." + origin),
        serial,
        7200,
        900,
        1209600,
        300);
  }
}
