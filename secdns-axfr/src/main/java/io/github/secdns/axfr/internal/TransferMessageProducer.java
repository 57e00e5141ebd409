package io.github.secdns.axfr.internal;

import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Hands out, one at a time, the messages of one client's transfer of a rendered version (the Knot
 * model: the transport pulls each message and frames it, the producer never touches a socket).
 *
 * <p>The rendering may still be growing: {@link #ready()} tells whether the next message is
 * rendered; when it is not, the transport waits on {@link Rendering#whenPublished} for the {@link
 * #messagesProduced()}th message. Once every message of a finished rendering was handed out, {@link
 * #hasNext()} is false; a rendering that failed ends after the messages published before the
 * failure ({@link #failure()}), where the transport sends the failure reply.
 *
 * <p>Per client only a 12-octet header (the client's ID, QR and AA set, RD copied, the counts) and,
 * in the first message, the client's question (copied octet for octet) and an OPT record when the
 * query had one are written; the answer sections are the shared, pre-rendered bodies. Later
 * messages carry QDCOUNT=0 (as BIND and NSD do). When the query was signed, every message is signed
 * by the client's {@link TsigStreamSigner} (RFC 8945 section 5.3.1); the renderer left room for the
 * TSIG in every message. Not thread-safe: one instance per transfer.
 */
public final class TransferMessageProducer {

  private final Rendering zone;
  private final int id;
  private final boolean recursionDesired;
  private final byte[] question;
  private final Optional<byte[]> opt;
  private final Optional<TsigStreamSigner> signer;
  private int next;
  private long bytes;
  private long records;

  /**
   * Creates the producer for one transfer.
   *
   * @param zone the rendered version
   * @param id the query's ID
   * @param recursionDesired the query's RD bit, copied into every message
   * @param question the query's question section octets; same length as the rendered one
   * @param opt the OPT record octets for the first message, when the query had EDNS
   */
  public TransferMessageProducer(
      RenderedZone zone, int id, boolean recursionDesired, byte[] question, Optional<byte[]> opt) {
    this(Rendering.of(zone), id, recursionDesired, question, opt, Optional.empty());
  }

  /**
   * Creates the producer for one transfer, signing every message when a signer is given.
   *
   * @param zone the rendering of the version (or incremental answer), growing or finished
   * @param id the query's ID
   * @param recursionDesired the query's RD bit, copied into every message
   * @param question the query's question section octets; same length as the rendered one
   * @param opt the OPT record octets for the first message, when the query had EDNS
   * @param signer signs every message of a transfer answering a verified signed query
   */
  public TransferMessageProducer(
      Rendering zone,
      int id,
      boolean recursionDesired,
      byte[] question,
      Optional<byte[]> opt,
      Optional<TsigStreamSigner> signer) {
    if (question.length != zone.questionLength()) {
      throw new IllegalArgumentException(
          "the question has "
              + question.length
              + " octets, the rendered version expects "
              + zone.questionLength());
    }
    this.zone = zone;
    this.id = id;
    this.recursionDesired = recursionDesired;
    this.question = question.clone();
    this.opt = opt.map(byte[]::clone);
    this.signer = signer;
  }

  /**
   * Tells whether another message remains or may come.
   *
   * @return true until every message of the finished rendering was handed out; false as well once
   *     every message published before a failure was
   */
  public boolean hasNext() {
    // Read "done" before the count: a rendering that is done has published all it will.
    boolean done = zone.isDone();
    return next < zone.published() || !done;
  }

  /**
   * Tells whether the next message is rendered and can be handed out now.
   *
   * @return true when {@link #next()} returns at once
   */
  public boolean ready() {
    return next < zone.published();
  }

  /**
   * Returns why the transfer cannot go on, once every message rendered before a failure was handed
   * out.
   *
   * @return the rendering's failure at that point; empty otherwise
   */
  public Optional<Throwable> failure() {
    return hasNext() ? Optional.empty() : zone.failure();
  }

  /**
   * Returns the next message: the buffers written in order form one DNS message (without the TCP
   * length prefix, which is the transport's).
   *
   * @return the buffers of one message; the caller may consume them
   * @throws NoSuchElementException when the next message is not rendered (yet, or ever)
   */
  public ByteBuffer[] next() {
    if (!ready()) {
      throw new NoSuchElementException(
          hasNext() ? "the next message is not rendered yet" : "the transfer is complete");
    }
    int index = next++;
    boolean first = index == 0;
    ByteBuffer body = zone.body(index);
    int optLength = first && opt.isPresent() ? opt.get().length : 0;
    int questionLength = first ? question.length : 0;
    int length = WireSizes.HEADER + questionLength + body.remaining() + optLength;
    ByteBuffer head = ByteBuffer.allocate(WireSizes.HEADER + questionLength);
    Headers.putResponseHeader(
        head,
        id,
        0,
        recursionDesired,
        true,
        0,
        first ? 1 : 0,
        zone.count(index),
        0,
        optLength > 0 ? 1 : 0);
    if (first) {
      head.put(question);
    }
    head.flip();
    records += zone.count(index);
    if (signer.isPresent()) {
      // Signing needs the whole message: one copy per message, only for signed transfers.
      ByteBuffer whole = ByteBuffer.allocate(length);
      whole.put(head).put(body);
      if (optLength > 0) {
        whole.put(opt.get());
      }
      byte[] signed = signer.get().sign(whole.array());
      bytes += signed.length;
      return new ByteBuffer[] {ByteBuffer.wrap(signed)};
    }
    bytes += length;
    if (optLength > 0) {
      return new ByteBuffer[] {head, body, ByteBuffer.wrap(opt.get())};
    }
    return new ByteBuffer[] {head, body};
  }

  /**
   * Returns the number of messages handed out so far.
   *
   * @return the count
   */
  public int messagesProduced() {
    return next;
  }

  /**
   * Returns the DNS message octets (without the length prefixes) handed out so far.
   *
   * @return the count
   */
  public long bytesProduced() {
    return bytes;
  }

  /**
   * Returns the resource records in the messages handed out so far.
   *
   * @return the count
   */
  public long recordsProduced() {
    return records;
  }

  /**
   * Returns the rendering this transfer streams.
   *
   * @return the rendering
   */
  public Rendering zone() {
    return zone;
  }
}
