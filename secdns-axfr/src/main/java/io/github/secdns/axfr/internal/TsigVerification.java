package io.github.secdns.axfr.internal;

import io.github.secdns.core.config.TsigKey;
import java.time.Clock;
import java.util.Objects;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * The outcome of checking a query's TSIG (RFC 8945 section 5.2): no TSIG at all, a verified key, or
 * a refusal with the reply to send.
 */
public sealed interface TsigVerification
    permits TsigVerification.Unsigned, TsigVerification.Verified, TsigVerification.Rejected {

  /** The query carries no TSIG; the transfer policy decides whether that is enough. */
  record Unsigned() implements TsigVerification {}

  /**
   * The query is signed with a known key, its MAC is right and its time is within the fudge.
   *
   * @param key the key; the transfer policy may authorize by it (RFC 5936 section 5)
   * @param queryTsig the query's TSIG record, to which every reply is chained
   */
  record Verified(TsigKey key, TSIGRecord queryTsig) implements TsigVerification {
    /** Checks for nulls. */
    public Verified {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(queryTsig, "queryTsig");
    }

    /**
     * Starts signing the reply stream: every reply to a verified query is signed with the same key,
     * error replies included.
     *
     * @param clock the clock for Time Signed
     * @return a signer for one reply stream
     */
    public TsigStreamSigner newStreamSigner(Clock clock) {
      return new TsigStreamSigner(key, queryTsig, clock);
    }

    @Override
    public String toString() {
      return "Verified[key=" + key.name() + ", algorithm=" + key.algorithm().mnemonic() + "]";
    }
  }

  /**
   * The query is refused; send {@link #reply()} and nothing else.
   *
   * @param rcode the reply's RCODE: {@link Rcode#NOTAUTH} for TSIG errors, {@link Rcode#FORMERR}
   *     for a misplaced or repeated TSIG
   * @param tsigError the TSIG error in the reply ({@link Rcode#BADKEY}, {@link Rcode#BADSIG},
   *     {@link Rcode#BADTIME}), or 0 when the reply carries no TSIG
   * @param signed whether the reply is signed (only BADTIME is)
   * @param reply the complete reply in wire form: the query's ID and question, QR set
   */
  // Wire octets handed on as they are; never compared or hashed (no value semantics needed).
  @SuppressWarnings("ArrayRecordComponent")
  record Rejected(int rcode, int tsigError, boolean signed, byte[] reply)
      implements TsigVerification {
    /** Copies the reply. */
    public Rejected {
      reply = reply.clone();
    }

    /**
     * Returns a copy of the reply.
     *
     * @return the reply's wire form
     */
    @Override
    public byte[] reply() {
      return reply.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rejected rejected
          && rejected.rcode == rcode
          && rejected.tsigError == tsigError
          && rejected.signed == signed
          && java.util.Arrays.equals(rejected.reply, reply);
    }

    @Override
    public int hashCode() {
      return Objects.hash(rcode, tsigError, signed, java.util.Arrays.hashCode(reply));
    }

    @Override
    public String toString() {
      return "Rejected["
          + Rcode.string(rcode)
          + (tsigError == 0 ? "" : "/" + Rcode.TSIGstring(tsigError))
          + (signed ? ", signed" : ", unsigned")
          + "]";
    }
  }
}
