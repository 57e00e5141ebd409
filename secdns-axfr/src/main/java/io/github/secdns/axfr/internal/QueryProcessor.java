package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.Transport;
import io.github.secdns.axfr.ZoneSource;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Decides what a request gets, in this order: malformed → FORMERR; another opcode (NOTIFY: this is
 * a primary) → NOTIMP, after its TSIG is checked as below; a TSIG record → verified with the key of
 * that name in the configuration of the zone asked for (unknown key or algorithm → NOTAUTH/BADKEY
 * unsigned, wrong MAC → NOTAUTH/BADSIG unsigned, time outside the fudge → NOTAUTH/BADTIME signed;
 * every later reply to a verified query is signed); EDNS version other than 0 → BADVERS; AXFR over
 * UDP → NOTIMP; an AXFR with answer or authority records, or a malformed IXFR (no SOA in authority,
 * wrong owner) → FORMERR; zone not served (exact QNAME, any letter case, the zone's class) →
 * NOTAUTH; SOA, and IXFR over UDP → the current SOA (RFC 1995 section 2: "retry over TCP"); AXFR or
 * IXFR over TCP → the policy, given the verified key name (REFUSED, plus EDE 18 "Prohibited" when
 * the query had EDNS), except that over TLS a connection that did not negotiate the ALPN protocol
 * {@code dot} gets REFUSED (EDE 18) before the policy is asked (RFC 9103 section 7.1); IXFR from an
 * up to date client → the current SOA; then a transfer slot (REFUSED when none is free), then the
 * transfer: the full zone for AXFR, the incremental answer for an IXFR whose serial is in the
 * zone's history, else the full zone AXFR-style with IXFR kept in the question; any other type →
 * REFUSED (a transfer server, not a general authoritative server).
 *
 * <p>Every error reply is reported as a refusal. Holds no mutable state of its own (the slot
 * semaphore is shared and thread-safe); the responder calls it on its I/O thread.
 */
public final class QueryProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);

  /** What to do with a request. */
  public sealed interface Outcome {}

  /** Send nothing. */
  public record Silence() implements Outcome {}

  /**
   * Send one message.
   *
   * @param message the message octets (without a TCP length prefix)
   */
  public record Reply(byte[] message) implements Outcome {}

  /**
   * Stream a full transfer; the caller owns one slot of the transfer semaphore and must release it
   * when the transfer ends.
   *
   * @param request the request as the policy saw it
   * @param snapshot the version to stream
   * @param id the query ID
   * @param recursionDesired the query's RD bit
   * @param question the question octets to copy
   * @param opt the OPT record octets for the first message, when the query had EDNS
   * @param signer signs every message when the query carried a verified TSIG
   * @param incremental the incremental IXFR answer to send instead of the full zone, if any
   */
  public record Transfer(
      TransferRequest request,
      ZoneSnapshot snapshot,
      int id,
      boolean recursionDesired,
      byte[] question,
      Optional<byte[]> opt,
      Optional<TsigStreamSigner> signer,
      Optional<Incremental> incremental)
      implements Outcome {}

  /**
   * An incremental IXFR answer (RFC 1995 section 4).
   *
   * @param from the serial the client holds
   * @param records the answer's records in sending order, current SOA first and last
   */
  public record Incremental(SerialNumber from, List<Record> records) {}

  private final ZoneSource source;
  private final TransferPolicy policy;
  private final Semaphore slots;
  private final Events events;
  private final Function<Name, Optional<SecondaryDnsConfiguration>> configurations;
  private final ZoneHistories histories;
  private final Clock clock;

  /**
   * Creates the processor.
   *
   * @param source the host's zones
   * @param policy the transfer policy
   * @param slots the transfer slots (one permit per concurrent transfer)
   * @param events where refusals are reported
   * @param configurations the configuration of a zone (its TSIG keys, whether IXFR is offered)
   * @param histories the IXFR histories of the served zones
   * @param clock the server clock for TSIG
   */
  public QueryProcessor(
      ZoneSource source,
      TransferPolicy policy,
      Semaphore slots,
      Events events,
      Function<Name, Optional<SecondaryDnsConfiguration>> configurations,
      ZoneHistories histories,
      Clock clock) {
    this.source = source;
    this.policy = policy;
    this.slots = slots;
    this.events = events;
    this.configurations = configurations;
    this.histories = histories;
    this.clock = clock;
  }

  /**
   * Decides what a message gets.
   *
   * @param parsed the parsed message
   * @param client the sender
   * @param transport the transport it came on
   * @return the outcome
   */
  public Outcome process(ParsedMessage parsed, InetSocketAddress client, Transport transport) {
    return process(parsed, client, transport, Optional.empty());
  }

  /**
   * Decides what a message gets, with what its TLS connection negotiated.
   *
   * @param parsed the parsed message
   * @param client the sender
   * @param transport the transport it came on
   * @param tls what the TLS connection negotiated; present exactly for {@link Transport#TLS}
   * @return the outcome
   */
  public Outcome process(
      ParsedMessage parsed,
      InetSocketAddress client,
      Transport transport,
      Optional<TlsDetails> tls) {
    if (parsed instanceof ParsedMessage.Ignored ignored) {
      LOG.debug("ignored a message from {}: {}", client, ignored.reason());
      return new Silence();
    }
    if (parsed instanceof ParsedMessage.Malformed m) {
      events.refused(
          new TransferRefusal(
              client, transport, Optional.empty(), OptionalInt.empty(), Rcode.FORMERR, m.reason()));
      return new Reply(
          ReplyWriter.error(
              m.id(),
              m.opcode(),
              m.recursionDesired(),
              m.question(),
              Rcode.FORMERR,
              m.opt(),
              Optional.empty()));
    }
    if (parsed instanceof ParsedMessage.OtherOpcode o) {
      // NOTIFY, UPDATE, ...: not implemented by a primary. A TSIG is still checked, so that a bad
      // signature gets its TSIG error and a good one a signed reply.
      Signing signing = new Signing(Optional.empty(), clock);
      if (o.message().getTSIG() != null) {
        TsigVerification v =
            new TsigVerifier(keyName -> o.qname().flatMap(zone -> keyOf(zone, keyName)), clock)
                .verify(o.message(), o.wire());
        if (v instanceof TsigVerification.Rejected r) {
          events.refused(
              new TransferRefusal(
                  client,
                  transport,
                  o.qname(),
                  OptionalInt.empty(),
                  r.rcode(),
                  "TSIG "
                      + (r.tsigError() == 0
                          ? "record misplaced or repeated"
                          : Rcode.TSIGstring(r.tsigError()))));
          return new Reply(r.reply());
        }
        if (v instanceof TsigVerification.Verified ok) {
          signing = new Signing(Optional.of(ok), clock);
        }
      }
      events.refused(
          new TransferRefusal(
              client,
              transport,
              o.qname(),
              OptionalInt.empty(),
              Rcode.NOTIMP,
              "opcode " + org.xbill.DNS.Opcode.string(o.opcode()) + " is not implemented"));
      return new Reply(
          signing.sign(
              ReplyWriter.error(
                  o.id(),
                  o.opcode(),
                  o.recursionDesired(),
                  o.question(),
                  Rcode.NOTIMP,
                  o.opt(),
                  Optional.empty())));
    }
    return processQuery((ParsedMessage.Query) parsed, client, transport, tls);
  }

  private Outcome processQuery(
      ParsedMessage.Query q,
      InetSocketAddress client,
      Transport transport,
      Optional<TlsDetails> tls) {
    // TSIG first (RFC 8945 section 5.2): a bad signature is refused whatever the zone's policy,
    // and every later reply to a verified query, error replies included, is signed.
    Optional<TsigVerification.Verified> verified = Optional.empty();
    if (q.tsig().isPresent()) {
      TsigVerification v =
          new TsigVerifier(keyName -> keyOf(q.qname(), keyName), clock)
              .verify(q.message(), q.wire());
      if (v instanceof TsigVerification.Rejected r) {
        events.refused(
            new TransferRefusal(
                client,
                transport,
                Optional.of(q.qname()),
                OptionalInt.of(q.qtype()),
                r.rcode(),
                "TSIG "
                    + (r.tsigError() == 0
                        ? "record misplaced or repeated"
                        : Rcode.TSIGstring(r.tsigError())
                            + " for key "
                            + q.tsig().get().getName())));
        return new Reply(r.reply());
      }
      if (v instanceof TsigVerification.Verified ok) {
        verified = Optional.of(ok);
      }
    }
    Signing signing = new Signing(verified, clock);
    if (q.opt().isPresent() && q.opt().get().getVersion() != 0) {
      return refuse(
          q,
          client,
          transport,
          Rcode.BADVERS,
          Optional.empty(),
          "EDNS version " + q.opt().get().getVersion() + " is not supported",
          signing);
    }
    boolean transfer = q.qtype() == Type.AXFR || q.qtype() == Type.IXFR;
    if (q.qtype() == Type.AXFR && transport == Transport.UDP) {
      return refuse(
          q,
          client,
          transport,
          Rcode.NOTIMP,
          Optional.empty(),
          "AXFR over UDP is not defined (RFC 5936 section 4.2)",
          signing);
    }
    if (q.qtype() == Type.AXFR && (q.answerCount() != 0 || q.authorityCount() != 0)) {
      return refuse(
          q,
          client,
          transport,
          Rcode.FORMERR,
          Optional.empty(),
          "an AXFR query must have empty answer and authority sections",
          signing);
    }
    Optional<IxfrRequest> ixfr = Optional.empty();
    if (q.qtype() == Type.IXFR) {
      IxfrRequest.Parsed parsed = IxfrRequest.parse(q.message());
      if (parsed instanceof IxfrRequest.Parsed.Malformed m) {
        return refuse(q, client, transport, Rcode.FORMERR, Optional.empty(), m.reason(), signing);
      }
      ixfr = Optional.of(((IxfrRequest.Parsed.Valid) parsed).request());
    }
    Optional<ZoneSnapshot> found;
    try {
      found = source.snapshot(q.qname());
    } catch (RuntimeException e) {
      LOG.warn("the zone source failed for {}", q.qname(), e);
      return refuse(
          q,
          client,
          transport,
          Rcode.SERVFAIL,
          Optional.empty(),
          "the zone source failed: " + e,
          signing);
    }
    if (found.isEmpty() || !found.get().origin().equals(q.qname())) {
      return refuse(
          q,
          client,
          transport,
          Rcode.NOTAUTH,
          Optional.empty(),
          "zone " + q.qname() + " is not served",
          signing);
    }
    ZoneSnapshot snapshot = found.get();
    if (q.qclass() != snapshot.soa().getDClass()) {
      return refuse(
          q,
          client,
          transport,
          Rcode.NOTAUTH,
          Optional.empty(),
          "zone " + q.qname() + " is not served in class " + DClass.string(q.qclass()),
          signing);
    }
    // Keep the IXFR history in step for hosts whose ZoneSource is not a PublishedZones: every
    // version a secondary looks at (SOA before transfers) is folded in, in the background. A
    // no-op (map lookup, identity check) when this version was observed already.
    histories.observe(snapshot);
    if (q.qtype() == Type.SOA || (q.qtype() == Type.IXFR && transport == Transport.UDP)) {
      return soaReply(q, transport, snapshot, signing);
    }
    if (!transfer) {
      return refuse(
          q,
          client,
          transport,
          Rcode.REFUSED,
          Optional.empty(),
          "only SOA, AXFR and IXFR queries are answered, not " + Type.string(q.qtype()),
          signing);
    }
    if (transport == Transport.TLS && !tls.map(TlsDetails::negotiatedDot).orElse(false)) {
      return refuse(
          q,
          client,
          transport,
          Rcode.REFUSED,
          Optional.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED)),
          "zone transfers over TLS need the ALPN protocol dot (RFC 9103 section 7.1); the client"
              + " negotiated "
              + tls.map(t -> t.applicationProtocol().isEmpty() ? "none" : t.applicationProtocol())
                  .orElse("none"),
          signing);
    }
    TransferRequest request =
        new TransferRequest(
            client,
            snapshot.origin(),
            q.qtype(),
            transport,
            verified.map(v -> v.key().name()),
            tls);
    TransferDecision decision;
    try {
      decision = policy.decide(request);
    } catch (RuntimeException e) {
      LOG.warn("the transfer policy failed for {}", request, e);
      decision = TransferDecision.refuse("the transfer policy failed: " + e);
    }
    if (!decision.allowed()) {
      return refuse(
          q,
          client,
          transport,
          Rcode.REFUSED,
          Optional.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED)),
          decision.reason(),
          signing);
    }
    Optional<Incremental> incremental = Optional.empty();
    if (ixfr.isPresent()) {
      // Until the history of this version is ready, the client gets the full zone.
      ZoneHistory history =
          histories.ready(snapshot).orElseGet(() -> ZoneHistory.start(snapshot, clock));
      IxfrResponsePlan plan =
          IxfrResponsePlan.plan(history, ixfr.get(), false, ixfrEnabled(snapshot.origin()));
      if (plan instanceof IxfrResponsePlan.SingleSoa) {
        return soaReply(q, transport, snapshot, signing);
      }
      if (plan instanceof IxfrResponsePlan.Incremental inc) {
        incremental = Optional.of(new Incremental(ixfr.get().clientSerial(), inc.records()));
      }
    }
    if (!slots.tryAcquire()) {
      return refuse(
          q,
          client,
          transport,
          Rcode.REFUSED,
          Optional.empty(),
          "the limit of concurrent transfers is reached",
          signing);
    }
    Optional<byte[]> opt =
        q.opt().map(o -> ReplyWriter.responseOpt(o, Rcode.NOERROR, Optional.empty()));
    return new Transfer(
        request,
        snapshot,
        q.id(),
        q.recursionDesired(),
        q.question(),
        opt,
        signing.signer,
        incremental);
  }

  private Reply soaReply(
      ParsedMessage.Query q, Transport transport, ZoneSnapshot snapshot, Signing signing) {
    int limit = transport == Transport.UDP ? ReplyWriter.udpLimit(q.opt()) : WireSizes.MAX_MESSAGE;
    return new Reply(
        signing.sign(
            ReplyWriter.soaAnswer(
                q.id(),
                q.recursionDesired(),
                q.question(),
                snapshot.soa(),
                q.opt(),
                limit - signing.reserve())));
  }

  private Optional<TsigKey> keyOf(Name zone, Name keyName) {
    try {
      return configurations.apply(zone).flatMap(c -> c.tsigKey(keyName));
    } catch (RuntimeException e) {
      LOG.warn("the configuration lookup failed for {}", zone, e);
      return Optional.empty();
    }
  }

  private boolean ixfrEnabled(Name zone) {
    try {
      return configurations.apply(zone).map(SecondaryDnsConfiguration::ixfrEnabled).orElse(true);
    } catch (RuntimeException e) {
      LOG.warn("the configuration lookup failed for {}", zone, e);
      return false;
    }
  }

  /** Signs the replies to a verified query; passes them through otherwise. */
  private static final class Signing {
    final Optional<TsigStreamSigner> signer;
    final int reserve;

    Signing(Optional<TsigVerification.Verified> verified, Clock clock) {
      this.signer = verified.map(v -> v.newStreamSigner(clock));
      this.reserve = verified.map(v -> TsigKeys.maxRecordLength(v.key())).orElse(0);
    }

    byte[] sign(byte[] message) {
      return signer.isPresent() ? signer.get().sign(message) : message;
    }

    int reserve() {
      return reserve;
    }
  }

  private Outcome refuse(
      ParsedMessage.Query q,
      InetSocketAddress client,
      Transport transport,
      int rcode,
      Optional<ExtendedErrorCodeOption> ede,
      String reason,
      Signing signing) {
    events.refused(
        new TransferRefusal(
            client, transport, Optional.of(q.qname()), OptionalInt.of(q.qtype()), rcode, reason));
    Optional<OPTRecord> opt = q.opt();
    return new Reply(
        signing.sign(
            ReplyWriter.error(
                q.id(),
                0,
                q.recursionDesired(),
                Optional.of(q.question()),
                rcode,
                opt,
                opt.isPresent() ? ede : Optional.empty())));
  }
}
