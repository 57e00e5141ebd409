package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

class IxfrResponsePlanTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private final Clock clock = Clock.systemUTC();

  private static SOARecord soa(long serial) {
    return new SOARecord(
        ORIGIN,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1.example.com."),
        Name.fromConstantString("hostmaster.example.com."),
        serial,
        14400,
        3600,
        1209600,
        300);
  }

  private static Record a(String owner, int last) {
    return new ARecord(
        Name.fromConstantString(owner + ".example.com."),
        DClass.IN,
        300,
        TsigTestSupport.address(last));
  }

  private static final Record TXT_HELLO =
      new TXTRecord(Name.fromConstantString("Txt.example.com."), DClass.IN, 300, "Hello");
  private static final Record TXT_LOWER =
      new TXTRecord(Name.fromConstantString("Txt.example.com."), DClass.IN, 300, "hello");

  /** Version 1, then 2 (TXT case change, a record added), then 3 (a record removed). */
  private ZoneHistory oneTwoThree(int filler) {
    List<Record> base = new ArrayList<>();
    for (int i = 0; i < filler; i++) {
      base.add(a("Host" + i, i));
    }
    List<Record> v1 = new ArrayList<>(base);
    v1.add(TXT_HELLO);
    v1.add(a("old", 1));
    List<Record> v2 = new ArrayList<>(base);
    v2.add(TXT_LOWER);
    v2.add(a("old", 1));
    v2.add(a("New", 2));
    List<Record> v3 = new ArrayList<>(base);
    v3.add(TXT_LOWER);
    v3.add(a("New", 2));
    return ZoneHistory.start(ZoneSnapshot.of(soa(1), v1), clock)
        .withVersion(ZoneSnapshot.of(soa(2), v2))
        .withVersion(ZoneSnapshot.of(soa(3), v3));
  }

  private static IxfrRequest request(long serial) {
    return new IxfrRequest(Record.newRecord(ORIGIN, Type.IXFR, DClass.IN), soa(serial));
  }

  @Test
  void theIncrementalSequenceHasSixSoasInRfc1995Order() {
    IxfrResponsePlan.Incremental plan =
        assertInstanceOf(
            IxfrResponsePlan.Incremental.class,
            IxfrResponsePlan.plan(oneTwoThree(5), request(1), false, true));
    List<String> shape =
        plan.records().stream()
            .map(
                r ->
                    r instanceof SOARecord soaRecord
                        ? "SOA" + soaRecord.getSerial()
                        : r.getName().toString())
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "SOA3",
            "SOA1",
            "Txt.example.com.",
            "SOA2",
            "Txt.example.com.",
            "New.example.com.",
            "SOA2",
            "old.example.com.",
            "SOA3",
            "SOA3"),
        shape);
    assertEquals(6, plan.records().stream().filter(r -> r.getType() == Type.SOA).count());
  }

  @Test
  void upToDateOrUdpGetsTheSingleCurrentSoa() {
    ZoneHistory h = oneTwoThree(5);
    assertEquals(
        3,
        ((IxfrResponsePlan.SingleSoa) IxfrResponsePlan.plan(h, request(3), false, true))
            .soa()
            .getSerial());
    assertInstanceOf(
        IxfrResponsePlan.SingleSoa.class, IxfrResponsePlan.plan(h, request(9), false, true));
    assertInstanceOf(
        IxfrResponsePlan.SingleSoa.class, IxfrResponsePlan.plan(h, request(1), true, true));
    assertInstanceOf(
        IxfrResponsePlan.SingleSoa.class, IxfrResponsePlan.plan(h, request(3), false, false));
  }

  @Test
  void outOfHistoryOrDisabledGetsTheFullZone() {
    ZoneHistory h = oneTwoThree(5);
    assertSame(
        h.current(),
        ((IxfrResponsePlan.FullZone) IxfrResponsePlan.plan(h, request(0), false, true)).snapshot());
    assertInstanceOf(
        IxfrResponsePlan.FullZone.class, IxfrResponsePlan.plan(h, request(1), false, false));
  }

  @Test
  void dnsjavaReceivesTheDeltasOverSignedMultiMessageIxfr() throws Exception {
    TsigKey key = TsigTestSupport.key(TsigAlgorithm.HMAC_SHA256);
    ZoneHistory h = oneTwoThree(400);
    ZoneTransferIn xfr = serveOnce(h, key, 1, 2);

    assertTrue(xfr.isIXFR());
    List<ZoneTransferIn.Delta> deltas = xfr.getIXFR();
    assertEquals(2, deltas.size());
    assertEquals(1, deltas.get(0).start);
    assertEquals(2, deltas.get(0).end);
    assertEquals(List.of(soa(1), TXT_HELLO), deltas.get(0).deletes);
    assertEquals(List.of(soa(2), TXT_LOWER, a("New", 2)), deltas.get(0).adds);
    assertEquals(List.of("Hello"), ((TXTRecord) deltas.get(0).deletes.get(1)).getStrings());
    assertEquals(List.of("hello"), ((TXTRecord) deltas.get(0).adds.get(1)).getStrings());
    assertEquals(List.of(soa(2), a("old", 1)), deltas.get(1).deletes);
    assertEquals(List.of(soa(3)), deltas.get(1).adds);
  }

  @Test
  void dnsjavaFallsBackToTheFullZoneKeepingTheIxfrQuestion() throws Exception {
    ZoneHistory h = oneTwoThree(400);
    ZoneTransferIn xfr = serveOnce(h, null, 0, 50);
    assertTrue(xfr.isAXFR());
    assertEquals(h.current().size() + 1, xfr.getAXFR().size());
  }

  @Test
  void dnsjavaSeesAnUpToDateClientAsCurrent() throws Exception {
    ZoneTransferIn xfr = serveOnce(oneTwoThree(3), null, 3, 50);
    assertTrue(xfr.isCurrent());
    assertFalse(xfr.isAXFR());
  }

  /**
   * Serves one IXFR over TCP on loopback the way the responder will: parse, plan, pack records into
   * uncompressed messages of {@code perMessage} records, sign each when a key is given.
   */
  private ZoneTransferIn serveOnce(
      ZoneHistory history, @Nullable TsigKey key, long clientSerial, int perMessage)
      throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.setSoTimeout(20_000);
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  byte[] q = new byte[in.readUnsignedShort()];
                  in.readFully(q);
                  Message query = new Message(q);
                  TsigStreamSigner signer = null;
                  if (key != null) {
                    signer =
                        ((TsigVerification.Verified)
                                new TsigVerifier(n -> Optional.of(key), clock).verify(query, q))
                            .newStreamSigner(clock);
                  }
                  IxfrRequest request =
                      ((IxfrRequest.Parsed.Valid) IxfrRequest.parse(query)).request();
                  IxfrResponsePlan plan = IxfrResponsePlan.plan(history, request, false, true);
                  List<Record> records;
                  if (plan instanceof IxfrResponsePlan.SingleSoa singleSoa) {
                    records = List.of(singleSoa.soa());
                  } else if (plan instanceof IxfrResponsePlan.Incremental incremental) {
                    records = incremental.records();
                  } else {
                    ZoneSnapshot z = ((IxfrResponsePlan.FullZone) plan).snapshot();
                    records = new ArrayList<>();
                    records.add(z.soa());
                    records.addAll(z.records());
                    records.add(z.soa());
                  }
                  DataOutputStream out = new DataOutputStream(s.getOutputStream());
                  for (int i = 0; i < records.size(); i += perMessage) {
                    byte[] m =
                        TsigTestSupport.render(
                            query.getHeader().getID(),
                            i == 0 ? request.question() : null,
                            records.subList(i, Math.min(records.size(), i + perMessage)));
                    byte[] wire = signer == null ? m : signer.sign(m);
                    out.writeShort(wire.length);
                    out.write(wire);
                  }
                  out.flush();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      ZoneTransferIn xfr =
          ZoneTransferIn.newIXFR(
              ORIGIN,
              clientSerial,
              true,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
              key == null ? null : TsigTestSupport.clientTsig(key, clock));
      xfr.setTimeout(java.time.Duration.ofSeconds(20));
      xfr.run();
      served.get(20, TimeUnit.SECONDS);
      return xfr;
    }
  }

  @Test
  void theIncrementalListIsAViewWithEmptySegments() {
    ZoneHistory h =
        ZoneHistory.start(ZoneSnapshot.of(soa(1), List.of(a("x", 1))), clock)
            .withVersion(ZoneSnapshot.of(soa(2), List.of(a("x", 1))));
    IxfrResponsePlan.Incremental plan =
        (IxfrResponsePlan.Incremental) IxfrResponsePlan.plan(h, request(1), false, true);
    assertEquals(List.of(soa(2), soa(1), soa(2), soa(2)), plan.records());
  }
}
