package io.github.secdns.axfr.internal;

import io.github.secdns.core.config.TsigKey;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Checks the TSIG of an incoming query (RFC 8945 section 5.2) and builds the refusal to send when
 * it fails.
 *
 * <p>Order of checks, as RFC 8945 requires: placement (exactly one TSIG, the last record: otherwise
 * FORMERR, unsigned), then key name and algorithm (BADKEY, unsigned), then MAC (BADSIG, unsigned),
 * then time against the request's fudge (BADTIME, signed, with the server time in Other Data).
 * Every TSIG error reply has RCODE NOTAUTH. A query whose bytes dnsjava cannot parse at all (its
 * parser refuses a TSIG that is not the last record) never reaches this class: the caller answers
 * FORMERR as for any malformed query.
 *
 * <p>Thread-safe if the key lookup is; it keeps no state between queries. Secrets never appear in
 * results, exceptions or logs.
 */
public final class TsigVerifier {

  private static final Duration DEFAULT_FUDGE = TSIG.FUDGE;

  private final Function<Name, Optional<TsigKey>> keys;
  private final Clock clock;

  /**
   * Creates a verifier.
   *
   * @param keys finds a key by the name in a query's TSIG record (for example {@code
   *     configuration::tsigKey}); names compare case-insensitively
   * @param clock the server clock for the time check and for Time Signed in replies
   */
  public TsigVerifier(Function<Name, Optional<TsigKey>> keys, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks a query's TSIG.
   *
   * @param query the parsed query
   * @param queryBytes exactly the bytes {@code query} was parsed from (the MAC covers them)
   * @return unsigned, verified with its key, or rejected with the reply to send
   */
  public TsigVerification verify(Message query, byte[] queryBytes) {
    List<Record> additional = query.getSection(Section.ADDITIONAL);
    long tsigCount = additional.stream().filter(r -> r.getType() == Type.TSIG).count();
    if (tsigCount == 0) {
      return new TsigVerification.Unsigned();
    }
    TSIGRecord queryTsig = query.getTSIG();
    if (tsigCount > 1 || queryTsig == null) {
      return reject(query, Rcode.FORMERR, 0, null, null);
    }
    Optional<TsigKey> key = keys.apply(queryTsig.getName());
    if (key.isEmpty() || !key.get().algorithm().dnsName().equals(queryTsig.getAlgorithm())) {
      return reject(query, Rcode.NOTAUTH, Rcode.BADKEY, null, queryTsig);
    }
    TSIG tsig = TsigKeys.toDnsjava(key.get(), clock);
    int result = tsig.verify(query, queryBytes, null);
    return switch (result) {
      case Rcode.NOERROR -> new TsigVerification.Verified(key.get(), queryTsig);
      case Rcode.BADTIME -> reject(query, Rcode.NOTAUTH, Rcode.BADTIME, tsig, queryTsig);
      case Rcode.BADKEY -> reject(query, Rcode.NOTAUTH, Rcode.BADKEY, null, queryTsig);
      case Rcode.FORMERR -> reject(query, Rcode.FORMERR, 0, null, null);
      default -> reject(query, Rcode.NOTAUTH, Rcode.BADSIG, null, queryTsig);
    };
  }

  /**
   * Builds the refusal: header (query ID and opcode, QR, RD copied, the RCODE), the question as the
   * query carried it, and for TSIG errors a TSIG record with the error, signed only when a signer
   * is given (BADTIME).
   */
  private TsigVerification.Rejected reject(
      Message query, int rcode, int tsigError, @Nullable TSIG signer, @Nullable TSIGRecord qtsig) {
    Record question = query.getQuestion();
    int id = query.getHeader().getID();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    writeHeader(out, query, id, rcode, question != null ? 1 : 0);
    if (question != null) {
      // Rendered without a compression table: the question keeps the client's letter case.
      out.writeBytes(question.toWire(Section.QUESTION));
    }
    byte[] unsigned = out.toByteArray();
    if (tsigError == 0 || qtsig == null) {
      return new TsigVerification.Rejected(rcode, 0, false, unsigned);
    }
    if (signer != null) {
      // BADTIME: signed with the key, Time Signed copied from the query, server time in Other Data.
      byte[] signed = signWithError(signer, unsigned, id, tsigError, qtsig);
      return new TsigVerification.Rejected(rcode, tsigError, true, signed);
    }
    TSIGRecord unsignedTsig =
        new TSIGRecord(
            qtsig.getName(),
            DClass.ANY,
            0,
            qtsig.getAlgorithm(),
            clock.instant(),
            qtsig.getFudge() != null ? qtsig.getFudge() : DEFAULT_FUDGE,
            new byte[0],
            id,
            tsigError,
            null);
    return new TsigVerification.Rejected(rcode, tsigError, false, append(unsigned, unsignedTsig));
  }

  private static byte[] signWithError(
      TSIG signer, byte[] unsigned, int id, int tsigError, TSIGRecord qtsig) {
    TSIGRecord record = signer.generate(new Message(id), unsigned, tsigError, qtsig, true);
    return append(unsigned, record);
  }

  private static byte[] append(byte[] message, TSIGRecord tsig) {
    byte[] rr = tsig.toWire(Section.ADDITIONAL);
    byte[] out = new byte[message.length + rr.length];
    System.arraycopy(message, 0, out, 0, message.length);
    System.arraycopy(rr, 0, out, message.length, rr.length);
    out[11] = 1; // ARCOUNT: the TSIG is the only additional record of a refusal
    return out;
  }

  private static void writeHeader(
      ByteArrayOutputStream out, Message query, int id, int rcode, int qdcount) {
    int flags = 0x8000; // QR
    flags |= (query.getHeader().getOpcode() & 0xF) << 11;
    if (query.getHeader().getFlag(Flags.RD)) {
      flags |= 0x0100;
    }
    flags |= rcode & 0xF;
    int[] words = {id, flags, qdcount, 0, 0, 0};
    for (int w : words) {
      out.write(w >>> 8);
      out.write(w & 0xFF);
    }
  }
}
