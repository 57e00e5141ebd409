package io.github.secdns.axfr.probe;

import io.github.secdns.core.diagnostics.ContentProbe;
import io.github.secdns.core.diagnostics.SoaProbe;
import io.github.secdns.core.zone.ZoneDigest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneMDRecord;

/**
 * The content probes of one {@link Prober#probe} call: for every address that answered the SOA
 * query authoritatively, the ZONEMD record it serves, else (when allowed) the digest of a zone
 * transfer from it. Runs on the prober's pool, within its deadline.
 */
final class ContentProber {

  private static final Logger LOG = LoggerFactory.getLogger(ContentProber.class);

  private final ContentComparison mode;
  private final int port;
  private final Duration queryTimeout;
  private final int maxTransferRecords;

  ContentProber(ContentComparison mode, int port, Duration queryTimeout, int maxTransferRecords) {
    this.mode = mode;
    this.port = port;
    this.queryTimeout = queryTimeout;
    this.maxTransferRecords = maxTransferRecords;
  }

  /**
   * Probes every address with an authoritative SOA answer, in parallel on the pool; what has not
   * finished by the deadline is a failure.
   */
  List<ContentProbe> probeAll(
      Name zone, List<SoaProbe> soaProbes, ExecutorService pool, long deadline) {
    if (mode == ContentComparison.OFF) {
      return List.of();
    }
    Map<String, Future<List<ContentProbe>>> running = new LinkedHashMap<>();
    Map<String, ContentProbe> ifLate = new LinkedHashMap<>();
    for (SoaProbe p : soaProbes) {
      String key = p.nameServer() + " " + p.address().getHostAddress();
      if (!p.isAuthoritativeAnswer() || running.containsKey(key)) {
        continue;
      }
      ifLate.put(key, ContentProbe.failed(p.nameServer(), p.address(), ContentProbe.Method.ZONEMD));
      running.put(key, pool.submit(() -> probe(zone, p.nameServer(), p.address(), deadline)));
    }
    List<ContentProbe> out = new ArrayList<>();
    running.forEach(
        (key, f) -> out.addAll(Prober.await(f, deadline).orElse(List.of(ifLate.get(key)))));
    return out;
  }

  /** The ZONEMD query, then the transfer when it gave no digest and transfers are allowed. */
  List<ContentProbe> probe(Name zone, Name ns, InetAddress address, long deadline) {
    InetSocketAddress server = new InetSocketAddress(address, port);
    ContentProbe zonemd = zonemd(zone, ns, address, server, deadline);
    if (mode != ContentComparison.ZONEMD_OR_TRANSFER
        || zonemd.outcome() == ContentProbe.Outcome.DIGEST
        || zonemd.outcome() == ContentProbe.Outcome.FAILED) {
      return List.of(zonemd);
    }
    return List.of(zonemd, transfer(zone, ns, address, server, deadline));
  }

  private ContentProbe zonemd(
      Name zone, Name ns, InetAddress address, InetSocketAddress server, long deadline) {
    Optional<Message> answer =
        DnsExchange.tryAsk(
            server, DnsExchange.query(zone, Type.ZONEMD, false), deadline, queryTimeout);
    if (answer.isEmpty()) {
      return ContentProbe.failed(ns, address, ContentProbe.Method.ZONEMD);
    }
    Message m = answer.get();
    if (m.getRcode() != Rcode.NOERROR || !m.getHeader().getFlag(Flags.AA)) {
      return ContentProbe.refused(ns, address, ContentProbe.Method.ZONEMD);
    }
    ZoneDigest best = null;
    for (Record r : m.getSection(Section.ANSWER)) {
      if (!(r instanceof ZoneMDRecord md) || !r.getName().equals(zone)) {
        continue;
      }

      boolean computable =
          md.getScheme() == ZoneDigest.SCHEME_SIMPLE
              && (md.getHashAlgorithm() == ZoneDigest.HASH_SHA384
                  || md.getHashAlgorithm() == ZoneDigest.HASH_SHA512);
      if (computable && (best == null || md.getHashAlgorithm() < best.hashAlgorithm())) {
        best = ZoneDigest.of(md);
      }
    }
    return best == null
        ? ContentProbe.noDigest(ns, address)
        : ContentProbe.digest(ns, address, ContentProbe.Method.ZONEMD, best);
  }

  private ContentProbe transfer(
      Name zone, Name ns, InetAddress address, InetSocketAddress server, long deadline) {
    try {
      List<Record> records =
          ZoneTransferReader.transfer(server, zone, deadline, maxTransferRecords);
      SOARecord soa = (SOARecord) records.get(0);
      ZoneDigest digest =
          ZoneDigest.compute(soa, records.subList(1, records.size()), ZoneDigest.HASH_SHA384);
      return ContentProbe.digest(ns, address, ContentProbe.Method.TRANSFER, digest);
    } catch (ZoneTransferReader.Refused e) {
      return ContentProbe.refused(ns, address, ContentProbe.Method.TRANSFER);
    } catch (IOException | RuntimeException e) {
      LOG.debug("zone transfer of {} from {} failed: {}", zone, server, e.toString());
      return ContentProbe.failed(ns, address, ContentProbe.Method.TRANSFER);
    }
  }
}
