package io.github.secdns.core.export;

import static io.github.secdns.testsupport.Addresses.ip;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/** Small builders shared by the export tests. */
final class Fixtures {

  static final Name ORIGIN = name("example.com.");
  static final Name NS1 = name("ns1.host.net.");
  static final Name NS2 = name("ns2.host.net.");
  static final Name SEC1 = name("ns1.secondary.com.");
  static final Name SEC2 = name("ns2.secondary.com.");
  static final SoaSettings SOA =
      SoaSettings.builder(name("axfr.host.net."), name("admin.host.net.")).build();

  private Fixtures() {}

  static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static SOARecord hostSoa(long serial) {
    return new SOARecord(
        ORIGIN,
        DClass.IN,
        300,
        NS1,
        name("hostmaster.example.com."),
        serial,
        3600,
        600,
        1209600,
        60);
  }

  static Record a(String owner, long ttl, String address) {
    return new ARecord(name(owner), DClass.IN, ttl, ip(address));
  }

  static Clock clockAt(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  static Clock clockAt(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  static ExportRequest.Builder request(HostZone zone) {
    return ExportRequest.builder(zone, SOA)
        .primaryNameServers(List.of(NS1, NS2))
        .secondaryNameServers(List.of(SEC1, SEC2));
  }
}
