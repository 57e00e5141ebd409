package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.Transport;
import io.github.secdns.axfr.ZoneSource;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Decides what a request gets, in this order: malformed → FORMERR; another opcode → NOTIMP; EDNS
 * version other than 0 → BADVERS; a TSIG record → NOTAUTH (TSIG is not verified yet); AXFR over
 * UDP → NOTIMP; IXFR over UDP → the current SOA (RFC 1995 section 2: "retry over TCP"); an AXFR
 * with answer or authority records → FORMERR; zone not served (exact QNAME, any letter case, the
 * zone's class) → NOTAUTH; SOA → the authoritative SOA; AXFR or IXFR over TCP → the policy
 * (REFUSED, plus EDE 18 "Prohibited" when the query had EDNS), then a transfer slot (REFUSED when
 * none is free), then a full transfer (IXFR is answered AXFR-style, keeping IXFR in the
 * question); any other type → REFUSED (a transfer server, not a general authoritative server).
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
   * Stream a full transfer; the caller owns one slot of the transfer semaphore and must release
   * it when the transfer ends.
   *
   * @param request the request as the policy saw it
   * @param snapshot the version to stream
   * @param id the query ID
   * @param recursionDesired the query's RD bit
   * @param question the question octets to copy
   * @param opt the OPT record octets for the first message, when the query had EDNS
   */
  public record Transfer(
      TransferRequest request,
      ZoneSnapshot snapshot,
      int id,
      boolean recursionDesired,
      byte[] question,
      Optional<byte[]> opt)
      implements Outcome {}

  private final ZoneSource source;
  private final TransferPolicy policy;
  private final Semaphore slots;
  private final Events events;

  /**
   * Creates the processor.
   *
   * @param source the host's zones
   * @param policy the transfer policy
   * @param slots the transfer slots (one permit per concurrent transfer)
   * @param events where refusals are reported
   */
  public QueryProcessor(
      ZoneSource source, TransferPolicy policy, Semaphore slots, Events events) {
    this.source = source;
    this.policy = policy;
    this.slots = slots;
    this.events = events;
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
    if (parsed instanceof ParsedMessage.Ignored ignored) {
      LOG.debug("ignored a message from {}: {}", client, ignored.reason());
      return new Silence();
    }
    if (parsed instanceof ParsedMessage.Malformed m) {
      events.refused(
          new TransferRefusal(
              client, transport, Optional.empty(), OptionalInt.empty(), Rcode.FORMERR,
              m.reason()));
      return new Reply(
          ReplyWriter.error(
              m.id(), m.opcode(), m.recursionDesired(), m.question(), Rcode.FORMERR, m.opt(),
              Optional.empty()));
    }
    if (parsed instanceof ParsedMessage.OtherOpcode o) {
      events.refused(
          new TransferRefusal(
              client, transport, o.qname(), OptionalInt.empty(), Rcode.NOTIMP,
              "opcode " + org.xbill.DNS.Opcode.string(o.opcode()) + " is not implemented"));
      return new Reply(
          ReplyWriter.error(
              o.id(), o.opcode(), o.recursionDesired(), o.question(), Rcode.NOTIMP, o.opt(),
              Optional.empty()));
    }
    return processQuery((ParsedMessage.Query) parsed, client, transport);
  }

  private Outcome processQuery(
      ParsedMessage.Query q, InetSocketAddress client, Transport transport) {
    if (q.opt().isPresent() && q.opt().get().getVersion() != 0) {
      return refuse(q, client, transport, Rcode.BADVERS, Optional.empty(),
          "EDNS version " + q.opt().get().getVersion() + " is not supported");
    }
    if (q.tsig().isPresent()) {
      // TSIG verification is not part of this responder yet: a signed request cannot be
      // authenticated, so it is refused rather than served unsigned.
      return refuse(q, client, transport, Rcode.NOTAUTH, Optional.empty(),
          "TSIG-signed requests are not supported");
    }
    boolean transfer = q.qtype() == Type.AXFR || q.qtype() == Type.IXFR;
    if (q.qtype() == Type.AXFR && transport == Transport.UDP) {
      return refuse(q, client, transport, Rcode.NOTIMP, Optional.empty(),
          "AXFR over UDP is not defined (RFC 5936 section 4.2)");
    }
    if (q.qtype() == Type.AXFR && (q.answerCount() != 0 || q.authorityCount() != 0)) {
      return refuse(q, client, transport, Rcode.FORMERR, Optional.empty(),
          "an AXFR query must have empty answer and authority sections");
    }
    Optional<ZoneSnapshot> found;
    try {
      found = source.snapshot(q.qname());
    } catch (RuntimeException e) {
      LOG.warn("the zone source failed for {}", q.qname(), e);
      return refuse(q, client, transport, Rcode.SERVFAIL, Optional.empty(),
          "the zone source failed: " + e);
    }
    if (found.isEmpty() || !found.get().origin().equals(q.qname())) {
      return refuse(q, client, transport, Rcode.NOTAUTH, Optional.empty(),
          "zone " + q.qname() + " is not served");
    }
    ZoneSnapshot snapshot = found.get();
    if (q.qclass() != snapshot.soa().getDClass()) {
      return refuse(q, client, transport, Rcode.NOTAUTH, Optional.empty(),
          "zone " + q.qname() + " is not served in class " + DClass.string(q.qclass()));
    }
    if (q.qtype() == Type.SOA || (q.qtype() == Type.IXFR && transport == Transport.UDP)) {
      int limit = transport == Transport.UDP ? ReplyWriter.udpLimit(q.opt()) : WireSizes.MAX_MESSAGE;
      return new Reply(
          ReplyWriter.soaAnswer(
              q.id(), q.recursionDesired(), q.question(), snapshot.soa(), q.opt(), limit));
    }
    if (!transfer) {
      return refuse(q, client, transport, Rcode.REFUSED, Optional.empty(),
          "only SOA, AXFR and IXFR queries are answered, not " + Type.string(q.qtype()));
    }
    TransferRequest request =
        new TransferRequest(client, snapshot.origin(), q.qtype(), transport, Optional.empty());
    TransferDecision decision;
    try {
      decision = policy.decide(request);
    } catch (RuntimeException e) {
      LOG.warn("the transfer policy failed for {}", request, e);
      decision = TransferDecision.refuse("the transfer policy failed: " + e);
    }
    if (!decision.allowed()) {
      return refuse(q, client, transport, Rcode.REFUSED,
          Optional.of(new ExtendedErrorCodeOption(ExtendedErrorCodeOption.PROHIBITED)),
          decision.reason());
    }
    if (!slots.tryAcquire()) {
      return refuse(q, client, transport, Rcode.REFUSED, Optional.empty(),
          "the limit of concurrent transfers is reached");
    }
    Optional<byte[]> opt =
        q.opt().map(o -> ReplyWriter.responseOpt(o, Rcode.NOERROR, Optional.empty()));
    return new Transfer(request, snapshot, q.id(), q.recursionDesired(), q.question(), opt);
  }

  private Outcome refuse(
      ParsedMessage.Query q,
      InetSocketAddress client,
      Transport transport,
      int rcode,
      Optional<ExtendedErrorCodeOption> ede,
      String reason) {
    events.refused(
        new TransferRefusal(
            client, transport, Optional.of(q.qname()), OptionalInt.of(q.qtype()), rcode, reason));
    Optional<OPTRecord> opt = q.opt();
    return new Reply(
        ReplyWriter.error(
            q.id(), 0, q.recursionDesired(), Optional.of(q.question()), rcode, opt,
            opt.isPresent() ? ede : Optional.empty()));
  }

}
