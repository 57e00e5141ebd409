package io.github.secdns.axfr;

import static io.github.secdns.axfr.ReplicationFixture.KEY_NAME;
import static io.github.secdns.axfr.ReplicationFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** TSIG in the responder: signed transfers, signed replies, every TSIG error, the key policy. */
class TsigTransferTest {

  private static final String ZONE = "example.com.";

  private static TSIG clientKey(TsigAlgorithm algorithm, String secret, Clock clock) {
    Name alg = algorithm.dnsName();
    return new TSIG(
        alg,
        TestRecords.name(KEY_NAME),
        new SecretKeySpec(
            Base64.getDecoder().decode(secret),
            "Hmac" + algorithm.name().substring("HMAC_".length())),
        clock);
  }

  private static TSIG clientKey(TsigAlgorithm algorithm, String secret) {
    return clientKey(algorithm, secret, Clock.systemUTC());
  }

  /** A responder serving {@link #ZONE} with the given policy and key, default limits. */
  private static ReplicationFixture serving(
      TransferAuthentication authentication, String algorithm, String secret) throws Exception {
    return new ReplicationFixture(configuration(ZONE, authentication, algorithm, secret, b -> b));
  }

  private static Set<Record> received(List<Record> records) {
    return new HashSet<>(records);
  }

  private static ZoneTransferIn axfr(ReplicationFixture f, TSIG key, String from) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(TestRecords.name(ZONE), f.address(), key);
    if (from != null) {
      xfr.setLocalAddress(new java.net.InetSocketAddress(java.net.InetAddress.getByName(from), 0));
    }
    xfr.setTimeout(Duration.ofSeconds(20));
    return xfr;
  }

  /** A zone of about {@code messages} messages at the target size, counted by the renderer. */
  private static ZoneSnapshot zoneOf(int messages, int targetSize) {
    if (messages == 1) {
      return TestZones.small(ZONE, 1);
    }
    ZoneRenderer renderer = new ZoneRenderer(targetSize);
    int n = messages == 2 ? 1 : messages * 15;
    while (true) {
      ZoneSnapshot zone = TestZones.large(ZONE, messages, n);
      int count = renderer.render(zone).messageCount();
      if (count >= messages) {
        return zone;
      }
      n += messages == 2 ? 1 : messages;
    }
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void signedTransfersOfOneTwoAndManyMessagesVerifyWithTheKey(TsigAlgorithm algorithm)
      throws Exception {
    String secret = ReplicationFixture.newSecret();
    int target = 1024;
    // KEY only: the transfer is allowed only because the signature verified.
    try (ReplicationFixture f =
        new ReplicationFixture(
            ResponderLimits.defaults().withTargetMessageSize(target),
            NotifySender.builder(),
            configuration(
                ZONE, TransferAuthentication.KEY, algorithm.mnemonic(), secret, b -> b))) {
      for (int messages : new int[] {1, 2, 300}) {
        ZoneSnapshot zone = zoneOf(messages, target);
        f.zones.publish(zone);
        ZoneTransferIn xfr = axfr(f, clientKey(algorithm, secret), null);
        xfr.run(); // StreamVerifier: every message verified (first and last must be signed)
        assertEquals(received(TestZones.allRecords(zone)), received(xfr.getAXFR()));
        TransferStats stats = RecordingListener.next(f.listener.completed);
        assertEquals(TestRecords.name(KEY_NAME), stats.request().keyName().orElseThrow());
        if (messages < 300) {
          assertEquals(messages, stats.messages(), "messages for " + zone);
        } else {
          assertTrue(stats.messages() >= 300, "messages: " + stats.messages());
        }
      }
    }
  }

  @Test
  void everyMessageOfASignedTransferCarriesAVerifiedTsig() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f =
        new ReplicationFixture(
            ResponderLimits.defaults().withTargetMessageSize(512),
            NotifySender.builder(),
            configuration(ZONE, TransferAuthentication.KEY, "hmac-sha256", secret, b -> b))) {
      f.zones.publish(TestZones.large(ZONE, 3, 200));
      TSIG key = clientKey(TsigAlgorithm.HMAC_SHA256, secret);
      byte[] wire = signedAxfr(key).toWire(65535);
      Message sent = new Message(wire);
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(wire);
        TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, sent.getTSIG());
        int soas = 0;
        int messages = 0;
        while (soas < 2) {
          byte[] bytes = c.receive();
          Message m = new Message(bytes);
          messages++;
          assertNotNull(m.getTSIG(), "message " + messages + " is signed");
          assertEquals(Rcode.NOERROR, verifier.verify(m, bytes), "message " + messages);
          for (Record r : m.getSection(Section.ANSWER)) {
            if (r.getType() == Type.SOA) {
              soas++;
            }
          }
        }
        assertTrue(messages > 10, "messages: " + messages);
      }
    }
  }

  @Test
  void soaAnswersAndErrorRepliesToASignedQueryAreSigned() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f = serving(TransferAuthentication.ADDRESS, "hmac-sha512", secret)) {
      f.zones.publish(TestZones.small(ZONE, 7));
      TSIG key = clientKey(TsigAlgorithm.HMAC_SHA512, secret);
      // SOA over UDP through SimpleResolver, which verifies the reply's TSIG
      SimpleResolver resolver = new SimpleResolver(f.address());
      resolver.setTSIGKey(key);
      resolver.setTimeout(Duration.ofSeconds(10));
      Message soa =
          resolver.send(
              Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.SOA, DClass.IN)));
      assertTrue(soa.isSigned() && soa.isVerified());
      assertEquals(
          7, ((org.xbill.DNS.SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial());
      // AXFR over UDP → NOTIMP, signed
      assertSignedReply(key, Rcode.NOTIMP, f, Type.AXFR, null);
      // AXFR from a source outside the ACL (ADDRESS mode) → REFUSED, signed
      assertSignedReply(key, Rcode.REFUSED, f, Type.AXFR, "127.0.0.2");
      // A type this server does not answer → REFUSED, signed
      assertSignedReply(key, Rcode.REFUSED, f, Type.A, null);
    }
  }

  /** Sends a signed query (UDP unless a TCP source is given) and checks a verified reply. */
  private static void assertSignedReply(
      TSIG key, int rcode, ReplicationFixture f, int type, String tcpFrom) throws Exception {
    byte[] wire = signedQuery(key, type).toWire(65535);
    Message sent = new Message(wire);
    byte[] reply =
        tcpFrom == null ? RawDns.udpExchange(f.address(), wire) : exchangeTcp(f, wire, tcpFrom);
    Message m = new Message(reply);
    assertEquals(rcode, m.getRcode());
    assertNotNull(m.getTSIG());
    assertEquals(Rcode.NOERROR, key.verify(m, reply, sent.getTSIG()));
  }

  private static Message signedAxfr(TSIG key) {
    return signedQuery(key, Type.AXFR);
  }

  private static Message signedQuery(TSIG key, int type) {
    Message query = Message.newQuery(Record.newRecord(TestRecords.name(ZONE), type, DClass.IN));
    query.setTSIG(key);
    return query;
  }

  private static byte[] exchangeTcp(ReplicationFixture f, byte[] wire, String from)
      throws Exception {
    try (RawDns c = RawDns.connect(f.address(), from)) {
      c.send(wire);
      return c.receive();
    }
  }

  @Test
  void unknownKeyGetsNotauthBadkeyUnsigned() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f = serving(TransferAuthentication.ADDRESS, "hmac-sha256", secret)) {
      f.zones.publish(TestZones.small(ZONE, 1));
      for (TSIG wrong :
          List.of(
              new TSIG(
                  TSIG.HMAC_SHA256,
                  TestRecords.name("other-key."),
                  new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256")),
              clientKey(TsigAlgorithm.HMAC_SHA384, secret))) {
        Message query = signedAxfr(wrong);
        byte[] wire = query.toWire(65535);
        byte[] reply = exchangeTcp(f, wire, "127.0.0.3");
        Message m = new Message(reply);
        assertEquals(Rcode.NOTAUTH, m.getRcode());
        TSIGRecord tsig = m.getTSIG();
        assertEquals(Rcode.BADKEY, tsig.getError());
        assertEquals(0, tsig.getSignature().length, "unsigned");
        // dnsjava's client sees a reply without a MAC: it does not verify
        assertEquals(Rcode.BADSIG, wrong.verify(m, reply, new Message(wire).getTSIG()));
        TransferRefusal refusal = RecordingListener.next(f.listener.refused);
        assertEquals(Rcode.NOTAUTH, refusal.rcode());
        // The log names the key the client used, so an operator sees which key is unknown.
        String key = new Message(wire).getTSIG().getName().toString();
        assertTrue(refusal.reason().endsWith(" for key " + key), refusal.reason());
      }
    }
  }

  @Test
  void wrongMacGetsNotauthBadsigUnsignedEvenWhereTheZoneNeedsNoKey() throws Exception {
    try (ReplicationFixture f =
        serving(TransferAuthentication.ADDRESS, "hmac-sha256", ReplicationFixture.newSecret())) {
      f.zones.publish(TestZones.small(ZONE, 1));
      TSIG wrong = clientKey(TsigAlgorithm.HMAC_SHA256, ReplicationFixture.newSecret());
      byte[] wire = signedAxfr(wrong).toWire(65535);
      // 127.0.0.3 is in the ACL: unsigned it would get the zone
      byte[] reply = exchangeTcp(f, wire, "127.0.0.3");
      Message m = new Message(reply);
      assertEquals(Rcode.NOTAUTH, m.getRcode());
      assertEquals(0, m.getSection(Section.ANSWER).size());
      assertEquals(Rcode.BADSIG, m.getTSIG().getError());
      assertEquals(0, m.getTSIG().getSignature().length, "unsigned");
      assertEquals(Rcode.BADSIG, wrong.verify(m, reply, new Message(wire).getTSIG()));
      assertTrue(f.listener.completed.isEmpty());
    }
  }

  @Test
  void timeOutsideTheFudgeGetsNotauthBadtimeSigned() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f = serving(TransferAuthentication.KEY, "hmac-sha256", secret)) {
      f.zones.publish(TestZones.small(ZONE, 1));
      Clock skewed = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
      TSIG key = clientKey(TsigAlgorithm.HMAC_SHA256, secret, skewed);
      byte[] wire = signedAxfr(key).toWire(65535);
      byte[] reply = exchangeTcp(f, wire, null);
      Message m = new Message(reply);
      assertEquals(Rcode.NOTAUTH, m.getRcode());
      assertEquals(Rcode.BADTIME, m.getTSIG().getError());
      assertTrue(m.getTSIG().getSignature().length > 0, "signed");
      assertEquals(Rcode.NOERROR, key.verify(m, reply, new Message(wire).getTSIG()));
    }
  }

  @Test
  void keyPolicyAcceptsASignedRequestFromAnySourceAndRefusesUnsigned() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f = serving(TransferAuthentication.KEY, "hmac-sha256", secret)) {
      ZoneSnapshot zone = TestZones.small(ZONE, 1);
      f.zones.publish(zone);
      ZoneTransferIn signed = axfr(f, clientKey(TsigAlgorithm.HMAC_SHA256, secret), "127.0.0.2");
      signed.run();
      assertEquals(received(TestZones.allRecords(zone)), received(signed.getAXFR()));
      ZoneTransferIn unsigned = axfr(f, null, "127.0.0.3");
      assertThrows(ZoneTransferException.class, unsigned::run);
      assertEquals(Rcode.REFUSED, RecordingListener.next(f.listener.refused).rcode());
    }
  }

  @Test
  void addressAndKeyPolicyNeedsBoth() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f =
        serving(TransferAuthentication.ADDRESS_AND_KEY, "hmac-sha1", secret)) {
      ZoneSnapshot zone = TestZones.small(ZONE, 1);
      f.zones.publish(zone);
      TSIG key = clientKey(TsigAlgorithm.HMAC_SHA1, secret);
      assertThrows(ZoneTransferException.class, axfr(f, key, "127.0.0.2")::run);
      assertThrows(ZoneTransferException.class, axfr(f, null, "127.0.0.3")::run);
      ZoneTransferIn both = axfr(f, key, "127.0.0.3");
      both.run();
      assertEquals(received(TestZones.allRecords(zone)), received(both.getAXFR()));
      assertEquals(
          TestRecords.name(KEY_NAME),
          RecordingListener.next(f.listener.completed).request().keyName().orElseThrow());
    }
  }

  @Test
  void anIncomingNotifyGetsNotimpSignedWhenSignedAndBadsigWhenItsMacIsWrong() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (ReplicationFixture f = serving(TransferAuthentication.KEY, "hmac-sha256", secret)) {
      f.zones.publish(TestZones.small(ZONE, 1));
      for (boolean good : new boolean[] {true, false}) {
        TSIG key =
            clientKey(TsigAlgorithm.HMAC_SHA256, good ? secret : ReplicationFixture.newSecret());
        Message notify =
            Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(org.xbill.DNS.Opcode.NOTIFY);
        notify.setTSIG(key);
        byte[] wire = notify.toWire(65535);
        byte[] reply = RawDns.udpExchange(f.address(), wire);
        Message m = new Message(reply);
        assertEquals(org.xbill.DNS.Opcode.NOTIFY, m.getHeader().getOpcode());
        assertEquals(good ? Rcode.NOTIMP : Rcode.NOTAUTH, m.getRcode());
        assertEquals(good ? Rcode.NOERROR : Rcode.BADSIG, m.getTSIG().getError());
        assertEquals(
            good ? Rcode.NOERROR : Rcode.BADSIG, key.verify(m, reply, new Message(wire).getTSIG()));
      }
    }
  }
}
