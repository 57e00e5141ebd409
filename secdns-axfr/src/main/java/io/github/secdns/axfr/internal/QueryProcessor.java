package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

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
  // Wire octets handed on as they are; never compared or hashed (no value semantics needed).
  @SuppressWarnings("ArrayRecordComponent")
  public record Reply(byte[] message) implements Outcome {}

  /**
   * Stream a transfer; the caller owns one slot of the transfer semaphore and must release it when
   * the transfer ends. The processor has already asked for its rendering.
   *
   * @param request the request as the policy saw it
   * @param snapshot the version to stream
   * @param id the query ID
   * @param recursionDesired the query's RD bit
   * @param question the question octets to copy
   * @param queryOpt the query's OPT record, when it had EDNS (the first message then carries one)
   * @param signer signs every message when the query carried a verified TSIG
   * @param rendering the full transfer of the version, or the incremental IXFR answer, growing or
   *     finished
   * @param slots where its slot was taken: released once, when it ends or is dropped
   */
  // Wire octets handed on as they are; never compared or hashed (no value semantics needed).
  @SuppressWarnings("ArrayRecordComponent")
  public record Transfer(
      TransferRequest request,
      ZoneSnapshot snapshot,
      int id,
      boolean recursionDesired,
      byte[] question,
      Optional<OPTRecord> queryOpt,
      Optional<TsigStreamSigner> signer,
      Rendering rendering,
      ConnectionSlots slots)
      implements Outcome {

    /**
     * Returns the producer of this transfer's messages; it hands each message out once it is
     * rendered.
     *
     * @return the producer, one message at a time
     */
    public TransferMessageProducer producer() {
      return new TransferMessageProducer(
          rendering,
          id,
          recursionDesired,
          question,
          queryOpt.map(o -> ReplyWriter.responseOpt(o, Rcode.NOERROR, Optional.empty())),
          signer);
    }

    /**
     * Returns the reply sent instead of the transfer, or after the messages rendered before the
     * failure, when its rendering failed (for example a record too large for any message): SERVFAIL
     * with the question, an OPT when the query had EDNS, signed when the query was (by the
     * transfer's signer: after streamed messages, it continues their signature chain).
     *
     * @return the message octets
     */
    public byte[] failureReply() {
      byte[] reply =
          ReplyWriter.error(
              id,
              0,
              recursionDesired,
              Optional.of(question),
              Rcode.SERVFAIL,
              queryOpt,
              Optional.empty());
      return signer.isPresent() ? signer.get().sign(reply) : reply;
    }
  }

  private final Function<Name, Optional<ZoneSnapshot>> zones;
  @Nullable private final ServedZones served;
  private final TransferPolicy policy;

  /** The slots of the queries that come over UDP (never a transfer, as the processor decides). */
  private final ConnectionSlots datagramSlots;

  private final Events events;
  private final Function<Name, Optional<SecondaryDnsConfiguration>> configurations;
  private final ZoneHistories histories;
  private final RenderCache cache;
  private final Clock clock;

  /**
   * Creates the processor.
   *
   * @param zones the version served for a zone (the responder's in-memory view of a subscribing
   *     source, or a lookup in a looked-up source: then {@link #process} must not run on the I/O
   *     thread)
   * @param served the in-memory view itself, for the SOA fast path; null for a looked-up source
   * @param policy the transfer policy
   * @param slots the responder's transfer slots (one permit per connection streaming transfers,
   *     {@link ConnectionSlots})
   * @param events where refusals are reported
   * @param configurations the configuration of a zone (its TSIG keys, whether IXFR is offered)
   * @param histories the IXFR histories of the served zones
   * @param cache renders what transfers stream
   * @param clock the server clock for TSIG
   */
  public QueryProcessor(
      Function<Name, Optional<ZoneSnapshot>> zones,
      @Nullable ServedZones served,
      TransferPolicy policy,
      Semaphore slots,
      Events events,
      Function<Name, Optional<SecondaryDnsConfiguration>> configurations,
      ZoneHistories histories,
      RenderCache cache,
      Clock clock) {
    this.zones = zones;
    this.served = served;
    this.policy = policy;
    this.datagramSlots = new ConnectionSlots(slots);
    this.events = events;
    this.configurations = configurations;
    this.histories = histories;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * The hot path: answers a plain SOA query for a served zone apex over UDP straight from the
   * octets prepared for the version, without parsing the message into objects, without a lock and
   * with one small allocation (the zone's name, to look it up). The reply is exactly what {@link
   * #process} gives for the same query. Anything else (TSIG, an OPT with options or another EDNS
   * version, other sections, a compressed name, a zone not served, a reply that needs TC, a
   * looked-up source) is left to {@link #process}.
   *
   * @param query the datagram, from position to limit; positions are not changed
   * @param reply where the reply is written, from position 0; flipped for sending when answered
   * @return true when {@code reply} holds the answer
   */
  public boolean answerSoaOverUdp(ByteBuffer query, ByteBuffer reply) {
    ServedZones view = served;
    int start = query.position();
    int length = query.remaining();
    if (view == null || length < WireSizes.HEADER + 5) {
      return false;
    }
    int flags = u16(query, start + 2);
    if ((flags & 0xF800) != 0 // QR set, or an opcode other than QUERY
        || u16(query, start + 4) != 1
        || u16(query, start + 6) != 0
        || u16(query, start + 8) != 0) {
      return false;
    }
    int arcount = u16(query, start + 10);
    if (arcount > 1) {
      return false;
    }
    // The question name, written out (no compression pointer), at most 255 octets.
    int p = start + WireSizes.HEADER;
    int end = start + length;
    while (true) {
      if (p >= end) {
        return false;
      }
      int label = query.get(p) & 0xFF;
      if (label == 0) {
        p++;
        break;
      }
      if ((label & 0xC0) != 0) {
        return false;
      }
      p += label + 1;
    }
    int nameLength = p - start - WireSizes.HEADER;
    if (nameLength > 255 || p + 4 > end || u16(query, p) != Type.SOA) {
      return false;
    }
    int qclass = u16(query, p + 2);
    int questionEnd = p + 4;
    boolean edns = arcount == 1;
    int doBit = 0;
    int payload = ReplyWriter.CLASSIC_UDP_PAYLOAD;
    if (edns) {
      // Only an OPT without options: root owner, type 41, version 0, RDLENGTH 0, and nothing after.
      if (questionEnd + WireSizes.OPT_WITHOUT_OPTIONS != end
          || query.get(questionEnd) != 0
          || u16(query, questionEnd + 1) != Type.OPT
          || (query.get(questionEnd + 6) & 0xFF) != 0
          || u16(query, questionEnd + 9) != 0) {
        return false;
      }
      payload = u16(query, questionEnd + 3);
      doBit = u16(query, questionEnd + 7) & ExtendedFlags.DO;
    } else if (questionEnd != end) {
      return false;
    }
    Name qname;
    try {
      DNSInput in = new DNSInput(query.duplicate());
      in.jump(WireSizes.HEADER);
      qname = new Name(in);
    } catch (WireParseException | RuntimeException e) {
      return false;
    }
    ZoneSnapshot zone = view.find(qname);
    if (zone == null || qclass != zone.dclass()) {
      return false;
    }
    ByteBuffer soa = zone.soaWire();
    int questionLength = questionEnd - start - WireSizes.HEADER;
    int size =
        WireSizes.HEADER
            + questionLength
            + soa.remaining()
            + (edns ? WireSizes.OPT_WITHOUT_OPTIONS : 0);
    int limit =
        edns
            ? Math.max(
                ReplyWriter.CLASSIC_UDP_PAYLOAD,
                Math.min(payload, ReplyWriter.ADVERTISED_UDP_PAYLOAD))
            : ReplyWriter.CLASSIC_UDP_PAYLOAD;
    if (size > limit || size > reply.capacity()) {
      return false; // the general path sets TC
    }
    reply.clear();
    Headers.putResponseHeader(
        reply, u16(query, start), 0, (flags & 0x0100) != 0, true, 0, 1, 1, 0, edns ? 1 : 0);
    reply.put(query.duplicate().position(start + WireSizes.HEADER).limit(questionEnd));
    reply.put(soa);
    if (edns) {
      // ReplyWriter.responseOpt: our payload size, RCODE 0, version 0, the DO bit copied.
      reply.put((byte) 0).putShort((short) Type.OPT);
      reply.putShort((short) ReplyWriter.ADVERTISED_UDP_PAYLOAD);
      reply.putInt(doBit).putShort((short) 0);
    }
    reply.flip();
    return true;
  }

  private static int u16(ByteBuffer b, int index) {
    return ((b.get(index) & 0xFF) << 8) | (b.get(index + 1) & 0xFF);
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
    return process(parsed, client, transport, Optional.empty(), datagramSlots);
  }

  /**
   * Decides what a message gets, with what its TLS connection negotiated.
   *
   * @param parsed the parsed message
   * @param client the sender
   * @param transport the transport it came on
   * @param tls what the TLS connection negotiated; present exactly for {@link Transport#TLS}
   * @param slots the slots of the connection it came on (a transfer takes one there)
   * @return the outcome
   */
  public Outcome process(
      ParsedMessage parsed,
      InetSocketAddress client,
      Transport transport,
      Optional<TlsDetails> tls,
      ConnectionSlots slots) {
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
            verifyTsig(
                new TsigVerifier(keyName -> o.qname().flatMap(zone -> keyOf(zone, keyName)), clock),
                o.message(),
                o.wire(),
                client,
                transport,
                o.qname(),
                OptionalInt.empty(),
                Optional.empty());
        if (v instanceof TsigVerification.Rejected r) {
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
    return processQuery((ParsedMessage.Query) parsed, client, transport, tls, slots);
  }

  /**
   * Verifies a message's TSIG with the verifier; a rejection is reported as a refusal of this
   * question (the TSIG error, and the key's name when {@code keyName} gives it) before it is
   * returned. The key's name is written into the reason only on a rejection.
   */
  private TsigVerification verifyTsig(
      TsigVerifier verifier,
      Message message,
      byte[] wire,
      InetSocketAddress client,
      Transport transport,
      Optional<Name> qname,
      OptionalInt qtype,
      Optional<Name> keyName) {
    TsigVerification v = verifier.verify(message, wire);
    if (v instanceof TsigVerification.Rejected r) {
      String forKey = keyName.map(k -> " for key " + k).orElse("");
      events.refused(
          new TransferRefusal(client, transport, qname, qtype, r.rcode(), tsigRefusal(r, forKey)));
    }
    return v;
  }

  /**
   * Why a TSIG was rejected, for the refusal event: the TSIG error (and {@code forKey}), or a TSIG
   * record that was not the last additional record or came twice.
   */
  private static String tsigRefusal(TsigVerification.Rejected r, String forKey) {
    return "TSIG "
        + (r.tsigError() == 0
            ? "record misplaced or repeated"
            : Rcode.TSIGstring(r.tsigError()) + forKey);
  }

  private Outcome processQuery(
      ParsedMessage.Query q,
      InetSocketAddress client,
      Transport transport,
      Optional<TlsDetails> tls,
      ConnectionSlots slots) {
    // TSIG first (RFC 8945 section 5.2): a bad signature is refused whatever the zone's policy,
    // and every later reply to a verified query, error replies included, is signed.
    Optional<TsigVerification.Verified> verified = Optional.empty();
    if (q.tsig().isPresent()) {
      TsigVerification v =
          verifyTsig(
              new TsigVerifier(keyName -> keyOf(q.qname(), keyName), clock),
              q.message(),
              q.wire(),
              client,
              transport,
              Optional.of(q.qname()),
              OptionalInt.of(q.qtype()),
              Optional.of(q.tsig().get().getName()));
      if (v instanceof TsigVerification.Rejected r) {
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
      found = zones.apply(q.qname());
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
    if (q.qclass() != snapshot.dclass()) {
      return refuse(
          q,
          client,
          transport,
          Rcode.NOTAUTH,
          Optional.empty(),
          "zone " + q.qname() + " is not served in class " + DClass.string(q.qclass()),
          signing);
    }
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
    Optional<IxfrResponsePlan.Incremental> incremental = Optional.empty();
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
        incremental = Optional.of(inc);
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
    Rendering rendering =
        incremental.isPresent()
            ? cache.getIncremental(snapshot, ixfr.get().clientSerial(), incremental.get().chain())
            : cache.get(snapshot);
    return new Transfer(
        request,
        snapshot,
        q.id(),
        q.recursionDesired(),
        q.question(),
        q.opt(),
        signing.signer,
        rendering,
        slots);
  }

  private Reply soaReply(
      ParsedMessage.Query q, Transport transport, ZoneSnapshot served, Signing signing) {
    int limit = transport == Transport.UDP ? ReplyWriter.udpLimit(q.opt()) : WireSizes.MAX_MESSAGE;
    return new Reply(
        signing.sign(
            ReplyWriter.soaAnswer(
                q.id(),
                q.recursionDesired(),
                q.question(),
                served.soaWire(),
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
