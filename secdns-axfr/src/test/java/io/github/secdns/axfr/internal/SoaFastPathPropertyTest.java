package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Addresses.ip;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The SOA hot path answers exactly what the general path answers, octet for octet, for every query
 * it takes; it takes the plain ones (a served zone, any letter case, with or without EDNS 0); and
 * it leaves everything else to the general path.
 */
class SoaFastPathPropertyTest {

  private static final List<String> ORIGINS =
      List.of("example.com.", "Mixed.Case.example.", "a.b.c.d.e.f.g.example.net.");
  private static final ServedZones SERVED = new ServedZones();
  private static final QueryProcessor PROCESSOR;
  private static final InetSocketAddress CLIENT = new InetSocketAddress(ip("127.0.0.9"), 5353);

  static {
    for (String origin : ORIGINS) {
      Name o = Name.fromConstantString(origin);
      SOARecord soa =
          new SOARecord(
              o,
              DClass.IN,
              3600,
              Name.fromConstantString("ns1." + origin),
              Name.fromConstantString("hostmaster." + origin),
              2026120101L,
              7200,
              900,
              1209600,
              300);
      ZoneSnapshot snapshot = ZoneSnapshot.of(soa, List.of(new NSRecord(o, DClass.IN, 3600, o)));
      SERVED.apply(o, Optional.of(snapshot));
    }
    // The shared test clock, standing still: the answers never depend on the time of the run.
    Clock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    PROCESSOR =
        new QueryProcessor(
            SERVED::get,
            SERVED,
            request -> TransferDecision.allow("test"),
            new Semaphore(1),
            new Events(TransferListener.NONE),
            zone -> Optional.empty(),
            new ZoneHistories(Runnable::run, Optional.empty(), clock),
            new RenderCache(new ZoneRenderer(16384), Runnable::run, 1 << 20),
            clock);
  }

  /** A query from its parts; names keep the letter case given. */
  private static byte[] query(
      int id,
      String qname,
      int qtype,
      int qclass,
      boolean rd,
      int edns,
      int payload,
      boolean dnssecOk,
      boolean option) {
    Message m = new Message(id);
    if (!rd) {
      m.getHeader().unsetFlag(org.xbill.DNS.Flags.RD);
    } else {
      m.getHeader().setFlag(org.xbill.DNS.Flags.RD);
    }
    m.addRecord(Record.newRecord(Name.fromConstantString(qname), qtype, qclass), Section.QUESTION);
    if (edns >= 0) {
      List<EDNSOption> options =
          option ? List.of(new GenericEDNSOption(65001, new byte[] {1, 2, 3})) : List.of();
      m.addRecord(
          new OPTRecord(payload, 0, edns, dnssecOk ? org.xbill.DNS.ExtendedFlags.DO : 0, options),
          Section.ADDITIONAL);
    }
    return m.toWire();
  }

  private static String qname(int pick, int caseMask) {
    String base = pick < ORIGINS.size() ? ORIGINS.get(pick) : "not-served.example.";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      b.append((caseMask >>> (i % 31) & 1) != 0 ? Character.toUpperCase(c) : c);
    }
    return b.toString();
  }

  @Test
  void theHotPathAnswersWhatTheGeneralPathAnswers() {
    AtomicInteger hot = new AtomicInteger();
    qt().withExamples(2000)
        .forAll(
            integers().between(0, 0xFFFF),
            integers().between(0, (ORIGINS.size() + 1) * 10 * 3 - 1),
            integers().all(),
            integers().between(0, 5001 * 4 - 1))
        .checkAssert(
            (id, shape, caseMask, sizeAndFlags) -> {
              int pick = shape % (ORIGINS.size() + 1);
              int variant = shape / (ORIGINS.size() + 1) % 10;
              int edns = shape / ((ORIGINS.size() + 1) * 10) - 1; // -1: no EDNS, 0, 1
              int payload = sizeAndFlags / 4;
              boolean dnssecOk = (sizeAndFlags & 1) != 0;
              boolean option = (sizeAndFlags & 2) != 0;
              int qtype = variant == 0 ? Type.A : Type.SOA;
              int qclass = variant == 1 ? DClass.CH : DClass.IN;
              byte[] wire =
                  query(
                      id,
                      qname(pick, caseMask),
                      qtype,
                      qclass,
                      variant % 2 == 0,
                      edns,
                      payload,
                      dnssecOk,
                      option && variant == 2);
              if (variant == 3) {
                wire = java.util.Arrays.copyOf(wire, wire.length + 1); // trailing junk
              }
              ByteBuffer in = ByteBuffer.allocateDirect(wire.length);
              in.put(wire).flip();
              ByteBuffer reply = ByteBuffer.allocateDirect(ReplyWriter.ADVERTISED_UDP_PAYLOAD);
              boolean answered = PROCESSOR.answerSoaOverUdp(in, reply);
              if (!answered) {
                return;
              }
              hot.incrementAndGet();
              byte[] fast = new byte[reply.remaining()];
              reply.get(fast);
              QueryProcessor.Reply general =
                  assertInstanceOf(
                      QueryProcessor.Reply.class,
                      PROCESSOR.process(QueryParser.parse(wire), CLIENT, Transport.UDP));
              assertArrayEquals(general.message(), fast);
            });
    assertTrue(hot.get() > 200, "the hot path answered " + hot.get() + " queries");
  }

  @Test
  void thePlainCasesTakeTheHotPathAndTheOthersDoNot() {
    ByteBuffer reply = ByteBuffer.allocate(ReplyWriter.ADVERTISED_UDP_PAYLOAD);
    for (int edns : new int[] {-1, 0}) {
      byte[] plain = query(1, "EXAMPLE.com.", Type.SOA, DClass.IN, true, edns, 1232, true, false);
      assertTrue(PROCESSOR.answerSoaOverUdp(ByteBuffer.wrap(plain), reply));
    }
    for (byte[] other :
        List.of(
            query(2, "example.com.", Type.A, DClass.IN, true, -1, 0, false, false),
            query(3, "not-served.example.", Type.SOA, DClass.IN, true, -1, 0, false, false),
            query(4, "example.com.", Type.SOA, DClass.CH, true, -1, 0, false, false),
            query(5, "example.com.", Type.SOA, DClass.IN, true, 1, 1232, false, false),
            query(6, "example.com.", Type.SOA, DClass.IN, true, 0, 1232, false, true))) {
      assertTrue(!PROCESSOR.answerSoaOverUdp(ByteBuffer.wrap(other), reply));
    }
  }
}
