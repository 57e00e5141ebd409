package io.github.secdns.axfr.internal;

import static io.github.secdns.axfr.internal.TsigTestSupport.ZONE;
import static io.github.secdns.axfr.internal.TsigTestSupport.clientTsig;
import static io.github.secdns.axfr.internal.TsigTestSupport.key;
import static io.github.secdns.axfr.internal.TsigTestSupport.signedQuery;
import static io.github.secdns.axfr.internal.TsigTestSupport.transferMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

class TsigStreamSignerTest {

  private final Clock clock = Clock.systemUTC();

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void everyMessageOfOneTwoAndThreeHundredMessageStreamsVerifiesWithDnsjava(TsigAlgorithm alg)
      throws IOException {
    for (int count : new int[] {1, 2, 301}) {
      TsigKey key = key(alg);
      TSIG client = clientTsig(key, clock);
      Message query = signedQuery(ZONE, Type.AXFR, client);
      byte[] queryBytes = query.toWire();
      Message parsed = new Message(queryBytes);
      TsigVerification.Verified verified =
          assertInstanceOf(
              TsigVerification.Verified.class,
              new TsigVerifier(n -> Optional.of(key), clock).verify(parsed, queryBytes));
      TsigStreamSigner signer = verified.newStreamSigner(clock);
      TSIG.StreamVerifier streamVerifier = new TSIG.StreamVerifier(client, query.getTSIG());

      List<byte[]> messages =
          transferMessages(query.getHeader().getID(), parsed.getQuestion(), count, 3);
      for (byte[] unsigned : messages) {
        byte[] signed = signer.sign(unsigned);
        Message received = new Message(signed);
        assertEquals(Rcode.NOERROR, streamVerifier.verify(received, signed), alg + " " + count);
        assertTrue(received.isVerified());
        assertEquals(1, received.getHeader().getCount(Section.ADDITIONAL));
        for (Record r : received.getSection(Section.ANSWER)) {
          if (r.getType() == Type.A) {
            assertTrue(r.getName().toString().contains(".WwW.example.com."), r.toString());
          }
        }
      }
      assertEquals(
          "Example.COM.",
          new Message(signer.sign(messages.get(0))).getQuestion().getName().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void zoneTransferInAcceptsASignedThreeHundredMessageTransfer(TsigAlgorithm alg) throws Exception {
    TsigKey key = key(alg);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(() -> serveOneTransfer(server, key));
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(
              ZONE,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
              clientTsig(key, clock));
      xfr.setTimeout(java.time.Duration.ofSeconds(20));
      xfr.run();
      served.get(20, TimeUnit.SECONDS);
      List<Record> records = xfr.getAXFR();
      assertEquals(300 * 3 + 2, records.size());
      assertTrue(records.stream().anyMatch(r -> r.getName().toString().startsWith("Host299.WwW.")));
    }
  }

  private void serveOneTransfer(ServerSocket server, TsigKey key) {
    try (Socket s = server.accept()) {
      s.setSoTimeout(20_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] query = new byte[in.readUnsignedShort()];
      in.readFully(query);
      Message parsed = new Message(query);
      TsigVerification.Verified v =
          (TsigVerification.Verified)
              new TsigVerifier(n -> Optional.of(key), clock).verify(parsed, query);
      TsigStreamSigner signer = v.newStreamSigner(clock);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (byte[] m : transferMessages(parsed.getHeader().getID(), parsed.getQuestion(), 300, 3)) {
        byte[] signed = signer.sign(m);
        out.writeShort(signed.length);
        out.write(signed);
      }
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFirstMessageWithAnOptRecordGetsItsTsigAfterTheOpt() throws IOException {
    TsigKey key = key(TsigAlgorithm.HMAC_SHA384);
    TSIG client = clientTsig(key, clock);
    Message query = signedQuery(ZONE, Type.AXFR, client);
    byte[] plain = transferMessages(query.getHeader().getID(), query.getQuestion(), 1, 2).get(0);
    byte[] opt = new org.xbill.DNS.OPTRecord(1232, 0, 0).toWire(Section.ADDITIONAL);
    byte[] withOpt = java.util.Arrays.copyOf(plain, plain.length + opt.length);
    System.arraycopy(opt, 0, withOpt, plain.length, opt.length);
    withOpt[11] = 1;

    byte[] signed = new TsigStreamSigner(key, query.getTSIG(), clock).sign(withOpt);

    Message received = new Message(signed);
    assertEquals(2, received.getHeader().getCount(Section.ADDITIONAL));
    assertTrue(received.getOPT() != null);
    assertEquals(
        Rcode.NOERROR, new TSIG.StreamVerifier(client, query.getTSIG()).verify(received, signed));
  }

  @Test
  void laterMessagesChainToThePreviousMacNotTheQuery() throws IOException {
    TsigKey key = key(TsigAlgorithm.HMAC_SHA256);
    TSIG client = clientTsig(key, clock);
    Message query = signedQuery(ZONE, Type.AXFR, client);
    TsigStreamSigner signer = new TsigStreamSigner(key, query.getTSIG(), clock);
    List<byte[]> messages = transferMessages(query.getHeader().getID(), query.getQuestion(), 2, 1);
    signer.sign(messages.get(0));
    byte[] second = signer.sign(messages.get(1));
    // Verified on its own, chained to the query, the second message fails: it is chained to the
    // first message's MAC (RFC 8945 section 5.3.1).
    assertNotEquals(
        Rcode.NOERROR, client.verify(new Message(second), second, query.getTSIG(), false));
  }

  @Test
  void aMessageWithoutRoomForTheTsigIsRefused() {
    TsigKey key = key(TsigAlgorithm.HMAC_SHA512);
    TsigStreamSigner signer =
        new TsigStreamSigner(
            key, signedQuery(ZONE, Type.AXFR, clientTsig(key, clock)).getTSIG(), clock);
    byte[] full = new byte[65535 - TsigKeys.maxRecordLength(key) + 7];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signer.sign(full));
    assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(key.secret())));
    assertThrows(IllegalArgumentException.class, () -> signer.sign(new byte[5]));
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void maxRecordLengthIsExactForASignedMessage(TsigAlgorithm alg) {
    TsigKey key = key(alg);
    TsigStreamSigner signer =
        new TsigStreamSigner(
            key, signedQuery(ZONE, Type.AXFR, clientTsig(key, clock)).getTSIG(), clock);
    byte[] unsigned = transferMessages(1, null, 1, 1).get(0);
    int tsigLength = signer.sign(unsigned).length - unsigned.length;
    // Other Data is empty in a NOERROR TSIG; the bound keeps 6 octets for BADTIME's server time.
    assertEquals(TsigKeys.maxRecordLength(key) - 6, tsigLength);
  }

  @Test
  void noSecretInToString() {
    TsigKey key = key(TsigAlgorithm.HMAC_SHA256);
    TsigStreamSigner signer =
        new TsigStreamSigner(
            key, signedQuery(ZONE, Type.AXFR, clientTsig(key, clock)).getTSIG(), clock);
    String hex = HexFormat.of().formatHex(key.secret());
    String b64 = Base64.getEncoder().encodeToString(key.secret());
    String text =
        signer
            + " "
            + new TsigVerification.Verified(
                key, signedQuery(ZONE, Type.AXFR, clientTsig(key, clock)).getTSIG());
    assertFalse(text.contains(hex) || text.contains(b64), text);
  }
}
