package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.Binaries;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerKind;
import io.github.secdns.testsupport.servers.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An independent check of the exporter's ZONEMD (RFC 8976): knotd, told to verify ZONEMD when it
 * loads a zone ({@code zonemd-verify: on}), accepts the zone the exporter wrote, letter case in
 * owner names and RDATA, a delegation with glue and occluded data, SVCB/HTTPS, NAPTR, RP, DNAME and
 * a wildcard included; and refuses the same zone with one digit of the digest changed.
 */
@InteropTest
class ZonemdKnotInteropTest {

  private static final Name ZONE = name("example.com.");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void knotVerifiesTheDigestTheExporterPublishes() throws IOException {
    ZoneSnapshot exported = exported();
    String text = zoneFile(exported);
    try (ServerProcess knot = startKnot(text)) {
      knot.awaitLog(Pattern.compile("ZONEMD, verification successful"), TIMEOUT);
      assertFalse(knot.log().contains("verification failed"), knot.diagnostics());
    }
    String tampered = tamper(text);
    try (ServerProcess knot = startKnot(tampered)) {
      knot.awaitLog(Pattern.compile("ZONEMD, verification failed"), TIMEOUT);
    }
  }

  private static ZoneSnapshot exported() throws IOException {
    SOARecord soa =
        new SOARecord(
            ZONE,
            DClass.IN,
            3600,
            name("ns1.example.com."),
            name("hostmaster.example.com."),
            2026112401L,
            86400,
            7200,
            604800,
            300);
    HostZone.Builder zone = HostZone.builder(soa);
    String[][] records = {
      {"WWW.Example.com.", "A", "192.0.2.10"},
      {"example.com.", "MX", "10 Mail.Example.com."},
      {"example.com.", "TXT", "\"v=spf1 mx -all\""},
      {"alias.example.com.", "CNAME", "WWW.example.COM."},
      {"sub.example.com.", "NS", "ns.sub.example.com."},
      {"ns.sub.example.com.", "A", "192.0.2.11"},
      {"occluded.sub.example.com.", "TXT", "\"below a delegation, still digested\""},
      {"_Svc.example.com.", "SVCB", "1 Svc.Target.EXAMPLE.com. alpn=h2"},
      {"www.example.com.", "HTTPS", "1 CDN.Example.NET. alpn=h2,h3"},
      {"_sip._tcp.example.com.", "SRV", "10 5 5060 SIP.Example.com."},
      {"naptr.example.com.", "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"\" _Sip._udp.Example.com."},
      {"rp.example.com.", "RP", "Admin.Example.com. Txt.Example.com."},
      {"dn.example.com.", "DNAME", "Other.Example.NET."},
      {"*.wild.example.com.", "TXT", "\"a\" \"b c\""},
      {"example.com.", "CAA", "0 issue \"letsencrypt.org\""},
      {"ptr.example.com.", "PTR", "Host.Example.COM."}
    };
    for (String[] r : records) {
      zone.record(Record.fromString(name(r[0]), Type.value(r[1]), DClass.IN, 300, r[2], ZONE));
    }
    zone.virtualRecord(new AliasRecord(ZONE, 300, name("lb.cdn.example.net.")));
    return ZoneExporter.create(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
        .export(
            ExportRequest.builder(
                    zone.build(),
                    SoaSettings.builder(name("axfr.host.example."), name("admin.host.example."))
                        .build())
                .primaryNameServers(List.of(name("ns1.host.example.")))
                .secondaryNameServers(List.of(name("NS2.Secondary.example.")))
                .resolution(
                    name("lb.cdn.example.net."),
                    TargetResolution.resolved(
                        List.of(org.xbill.DNS.Address.getByAddress("203.0.113.5"))))
                .serialPolicy(SerialPolicy.KEEP_HOST)
                .publishZoneDigest(true)
                .build())
        .snapshot();
  }

  private static String zoneFile(ZoneSnapshot zone) {
    StringBuilder sb = new StringBuilder().append(zone.soa()).append('\n');
    zone.records().forEach(r -> sb.append(r).append('\n'));
    return sb.toString();
  }

  /** The same zone with the first digit of the ZONEMD digest changed. */
  private static String tamper(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (line.contains("\tZONEMD\t")) {
        int at = line.lastIndexOf(' ') + 1;
        char c = line.charAt(at);
        line = line.substring(0, at) + (c == '0' ? '1' : '0') + line.substring(at + 1);
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** knotd as the primary of the zone file, verifying its ZONEMD when it loads it. */
  private static ServerProcess startKnot(String zoneText) throws IOException {
    Path dir = Files.createTempDirectory("secdns-knotd-zonemd-");
    Files.createDirectories(dir.resolve("db"));
    Path zoneFile = dir.resolve("example.com.zone");
    Files.writeString(zoneFile, zoneText, StandardCharsets.UTF_8);
    int port = LoopbackPorts.free(Addresses.LOOPBACK_1);
    ServerConfig config =
        ServerConfig.primary(dir, ZONE, Addresses.LOOPBACK_1, port, zoneFile).withVerboseLog();
    // The zone's stanza comes last in the configuration: the option applies to it.
    String conf = ServerKind.KNOT.configuration(config) + "    zonemd-verify: on\n";
    Path confFile = dir.resolve("knotd.conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    return ServerProcess.start(
        "knotd verifying ZONEMD",
        List.of(Binaries.knotd().toString(), "-c", confFile.toString()),
        dir,
        Addresses.LOOPBACK_1,
        port,
        ServerKind.KNOT.logFile(dir),
        ZONE,
        TIMEOUT);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
