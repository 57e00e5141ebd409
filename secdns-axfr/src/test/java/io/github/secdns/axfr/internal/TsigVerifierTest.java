package io.github.secdns.axfr.internal;

import static io.github.secdns.axfr.internal.TsigTestSupport.KEY_NAME;
import static io.github.secdns.axfr.internal.TsigTestSupport.ZONE;
import static io.github.secdns.axfr.internal.TsigTestSupport.clientTsig;
import static io.github.secdns.axfr.internal.TsigTestSupport.key;
import static io.github.secdns.axfr.internal.TsigTestSupport.signedQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

class TsigVerifierTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final Clock serverClock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TsigKey key = key(TsigAlgorithm.HMAC_SHA256);
  private final TsigVerifier verifier =
      new TsigVerifier(n -> n.equals(KEY_NAME) ? Optional.of(key) : Optional.empty(), serverClock);

  private TsigVerification check(Message query) throws IOException {
    byte[] bytes = query.toWire();
    return verifier.verify(new Message(bytes), bytes);
  }

  @ParameterizedTest
  @EnumSource(TsigAlgorithm.class)
  void aCorrectlySignedQueryIsVerifiedForEveryAlgorithm(TsigAlgorithm alg) throws IOException {
    TsigKey k = key(alg);
    Message query = signedQuery(ZONE, Type.AXFR, clientTsig(k, serverClock));
    byte[] bytes = query.toWire();
    TsigVerification result =
        new TsigVerifier(n -> Optional.of(k), serverClock).verify(new Message(bytes), bytes);
    TsigVerification.Verified v = assertInstanceOf(TsigVerification.Verified.class, result);
    assertEquals(k, v.key());
  }

  @Test
  void aSignedQueryWithAnOptRecordIsVerified() throws IOException {
    TSIG client = clientTsig(key, serverClock);
    Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(ZONE, Type.AXFR, DClass.IN));
    query.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    client.apply(query, null);
    byte[] bytes = query.toWire();
    Message parsed = new Message(bytes);
    assertEquals(2, parsed.getHeader().getCount(Section.ADDITIONAL));
    assertInstanceOf(TsigVerification.Verified.class, verifier.verify(parsed, bytes));
  }

  @Test
  void anUnsignedQueryIsUnsigned() throws IOException {
    Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(ZONE, Type.AXFR, DClass.IN));
    assertInstanceOf(TsigVerification.Unsigned.class, check(query));
  }

  @Test
  void anUnknownKeyGetsNotauthBadkeyUnsigned() throws IOException {
    TsigKey stranger =
        new TsigKey(Name.fromConstantString("other-key."), TsigAlgorithm.HMAC_SHA256, key.secret());
    TSIG client = clientTsig(stranger, serverClock);
    Message query = signedQuery(ZONE, Type.AXFR, client);

    TsigVerification.Rejected r = assertInstanceOf(TsigVerification.Rejected.class, check(query));

    Message reply = assertRefusal(query, r, Rcode.NOTAUTH);
    TSIGRecord tsig = reply.getTSIG();
    assertEquals(Rcode.BADKEY, tsig.getError());
    assertEquals(0, tsig.getSignature().length);
    assertFalse(r.signed());
    assertEquals(Name.fromConstantString("other-key."), tsig.getName());
    // What a dnsjava client concludes from it.
    assertEquals(Rcode.BADSIG, client.verify(reply, r.reply(), query.getTSIG()));
  }

  @Test
  void aKnownKeyWithAnotherAlgorithmGetsBadkey() throws IOException {
    TsigKey sameNameOtherAlg = new TsigKey(KEY_NAME, TsigAlgorithm.HMAC_SHA512, key.secret());
    Message query = signedQuery(ZONE, Type.AXFR, clientTsig(sameNameOtherAlg, serverClock));
    TsigVerification.Rejected r = assertInstanceOf(TsigVerification.Rejected.class, check(query));
    assertEquals(Rcode.BADKEY, assertRefusal(query, r, Rcode.NOTAUTH).getTSIG().getError());
    assertEquals(Rcode.BADKEY, r.tsigError());
  }

  @Test
  void aWrongSecretGetsNotauthBadsigUnsigned() throws IOException {
    TsigKey wrong = new TsigKey(KEY_NAME, TsigAlgorithm.HMAC_SHA256, new byte[] {1, 2, 3, 4});
    TSIG client = clientTsig(wrong, serverClock);
    Message query = signedQuery(ZONE, Type.AXFR, client);

    TsigVerification.Rejected r = assertInstanceOf(TsigVerification.Rejected.class, check(query));

    Message reply = assertRefusal(query, r, Rcode.NOTAUTH);
    assertEquals(Rcode.BADSIG, reply.getTSIG().getError());
    assertEquals(0, reply.getTSIG().getSignature().length);
    assertFalse(r.signed());
    assertEquals(Rcode.BADSIG, client.verify(reply, r.reply(), query.getTSIG()));
  }

  @Test
  void aClientClockOutsideTheFudgeGetsNotauthBadtimeSignedWithTheServerTime() throws IOException {
    Clock skewed = Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    TSIG client = clientTsig(key, skewed);
    Message query = signedQuery(ZONE, Type.AXFR, client);

    TsigVerification.Rejected r = assertInstanceOf(TsigVerification.Rejected.class, check(query));

    Message reply = assertRefusal(query, r, Rcode.NOTAUTH);
    TSIGRecord tsig = reply.getTSIG();
    assertEquals(Rcode.BADTIME, tsig.getError());
    assertTrue(r.signed());
    // The client verifies the signed BADTIME with its key, and reads the server's clock from it.
    assertEquals(Rcode.NOERROR, client.verify(reply, r.reply(), query.getTSIG()));
    assertTrue(reply.isVerified());
    ByteBuffer other = ByteBuffer.wrap(tsig.getOther());
    long serverTime = ((long) other.getShort() & 0xFFFF) << 32 | (other.getInt() & 0xFFFF_FFFFL);
    assertEquals(NOW.getEpochSecond(), serverTime);
    assertEquals(query.getTSIG().getTimeSigned(), tsig.getTimeSigned());
  }

  @Test
  void aTimeJustInsideTheFudgeIsAccepted() throws IOException {
    Clock slightlyAhead = Clock.fixed(NOW.plus(TSIG.FUDGE), ZoneOffset.UTC);
    Message query = signedQuery(ZONE, Type.AXFR, clientTsig(key, slightlyAhead));
    assertInstanceOf(TsigVerification.Verified.class, check(query));
  }

  @Test
  void aBadMacIsReportedBeforeABadTime() throws IOException {
    TsigKey wrong = new TsigKey(KEY_NAME, TsigAlgorithm.HMAC_SHA256, new byte[] {9, 9, 9});
    Clock skewed = Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    Message query = signedQuery(ZONE, Type.AXFR, clientTsig(wrong, skewed));
    TsigVerification.Rejected r = assertInstanceOf(TsigVerification.Rejected.class, check(query));
    assertEquals(Rcode.BADSIG, r.tsigError());
  }

  @Test
  void twoTsigRecordsGetFormerrUnsigned() throws IOException {
    TSIG client = clientTsig(key, serverClock);
    Message query = signedQuery(ZONE, Type.AXFR, client);
    byte[] bytes = query.toWire();
    Message parsed = new Message(bytes);
    parsed.addRecord(parsed.getTSIG(), Section.ADDITIONAL);

    TsigVerification.Rejected r =
        assertInstanceOf(TsigVerification.Rejected.class, verifier.verify(parsed, bytes));

    Message reply = new Message(r.reply());
    assertEquals(Rcode.FORMERR, reply.getRcode());
    assertNull(reply.getTSIG());
    assertEquals(query.getHeader().getID(), reply.getHeader().getID());
  }

  @Test
  void aTsigThatIsNotLastNeverParses() throws IOException {
    // The responder answers FORMERR for any query dnsjava cannot parse; this shows that a TSIG
    // followed by another record lands there (checklist item 41).
    Message query = signedQuery(ZONE, Type.AXFR, clientTsig(key, serverClock));
    byte[] signed = query.toWire();
    byte[] extra =
        new ARecord(ZONE, DClass.IN, 60, TsigTestSupport.address(1)).toWire(Section.ADDITIONAL);
    byte[] bytes = java.util.Arrays.copyOf(signed, signed.length + extra.length);
    System.arraycopy(extra, 0, bytes, signed.length, extra.length);
    bytes[11] = (byte) (bytes[11] + 1);
    assertThrows(WireParseException.class, () -> new Message(bytes));
  }

  @Test
  void noSecretInResultsOrReplies() throws IOException {
    TsigKey wrong = new TsigKey(KEY_NAME, TsigAlgorithm.HMAC_SHA256, new byte[] {1, 2, 3, 4, 5});
    Clock skewed = Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    String hex = HexFormat.of().formatHex(key.secret());
    String b64 = Base64.getEncoder().encodeToString(key.secret());
    for (Message query :
        new Message[] {
          signedQuery(ZONE, Type.AXFR, clientTsig(wrong, serverClock)),
          signedQuery(ZONE, Type.AXFR, clientTsig(key, skewed)),
          signedQuery(ZONE, Type.AXFR, clientTsig(key, serverClock))
        }) {
      TsigVerification result = check(query);
      String text = result.toString();
      if (result instanceof TsigVerification.Rejected rejected) {
        text += new Message(rejected.reply()).toString();
      }
      assertFalse(text.contains(hex) || text.contains(b64), text);
    }
  }

  /** Checks ID, QR, opcode, RD, RCODE and the question (case included) of a refusal. */
  private static Message assertRefusal(Message query, TsigVerification.Rejected r, int rcode)
      throws IOException {
    Message reply = new Message(r.reply());
    assertEquals(query.getHeader().getID(), reply.getHeader().getID());
    assertTrue(reply.getHeader().getFlag(Flags.QR));
    assertEquals(query.getHeader().getOpcode(), reply.getHeader().getOpcode());
    assertEquals(query.getHeader().getFlag(Flags.RD), reply.getHeader().getFlag(Flags.RD));
    assertEquals(rcode, reply.getHeader().getRcode());
    assertEquals(rcode, r.rcode());
    assertEquals(0, reply.getHeader().getCount(Section.ANSWER));
    assertArrayEquals(
        query.getQuestion().toWire(Section.QUESTION), reply.getQuestion().toWire(Section.QUESTION));
    assertEquals("Example.COM.", reply.getQuestion().getName().toString());
    return reply;
  }
}
