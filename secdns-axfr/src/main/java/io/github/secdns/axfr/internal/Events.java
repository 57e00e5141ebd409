package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.core.serial.SerialNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the host's listener and writes the log lines: one INFO line per finished
 * transfer (Knot's format: zone, serial, client, transport, messages, records, bytes, duration;
 * over TLS the transport names the TLS version, cipher suite, ALPN and client certificate), DEBUG
 * for refusals. A listener that throws is logged, never propagated.
 */
public final class Events {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.secdns.axfr.transfer");

  private final TransferListener listener;

  /**
   * Creates the event sink.
   *
   * @param listener the host's listener
   */
  public Events(TransferListener listener) {
    this.listener = listener;
  }

  /**
   * A transfer started.
   *
   * @param request the request
   * @param serial the serial streamed
   */
  public void started(TransferRequest request, SerialNumber serial) {
    try {
      listener.started(request, serial);
    } catch (RuntimeException e) {
      LOG.warn("transfer listener failed on started({})", request.zone(), e);
    }
  }

  /**
   * A transfer completed.
   *
   * @param stats what was sent
   */
  public void completed(TransferStats stats) {
    if (LOG.isInfoEnabled()) { // the line's fields are formatted only when it is written
      logTransfer(stats, "completed");
    }
    try {
      listener.completed(stats);
    } catch (RuntimeException e) {
      LOG.warn("transfer listener failed on completed({})", stats.request().zone(), e);
    }
  }

  /**
   * A transfer failed.
   *
   * @param failure what was sent and why it ended
   */
  public void failed(TransferFailure failure) {
    TransferStats stats = failure.soFar();
    if (LOG.isInfoEnabled()) {
      logTransfer(stats, "failed reason=\"" + failure.reason() + "\"");
    }
    try {
      listener.failed(failure);
    } catch (RuntimeException e) {
      LOG.warn("transfer listener failed on failed({})", stats.request().zone(), e);
    }
  }

  /**
   * A request was answered with an error.
   *
   * @param refusal who, what and why
   */
  public void refused(TransferRefusal refusal) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "refused client={} transport={} qname={} qtype={} rcode={} reason=\"{}\"",
          refusal.client().getAddress().getHostAddress() + "#" + refusal.client().getPort(),
          refusal.transport(),
          refusal.qname().map(Object::toString).orElse("-"),
          refusal.qtype().isPresent() ? org.xbill.DNS.Type.string(refusal.qtype().getAsInt()) : "-",
          refusal.rcodeName(),
          refusal.reason());
    }
    try {
      listener.refused(refusal);
    } catch (RuntimeException e) {
      LOG.warn("transfer listener failed on refused", e);
    }
  }

  /**
   * The INFO line of a finished transfer, completed or failed: the same fields in the same order,
   * so that one parser reads both.
   *
   * @param stats what was sent
   * @param outcome {@code completed}, or {@code failed reason="..."}
   */
  private static void logTransfer(TransferStats stats, String outcome) {
    TransferRequest r = stats.request();
    LOG.info(
        "{} out zone={} serial={} client={} transport={} key={} outcome={} messages={} records={}"
            + " bytes={} duration={}ms",
        r.qtypeName(),
        r.zone(),
        stats.serial(),
        describe(r),
        transport(r),
        r.keyName().map(Object::toString).orElse("none"),
        outcome,
        stats.messages(),
        stats.records(),
        stats.bytes(),
        stats.duration().toMillis());
  }

  /** TCP, or TLS with what it negotiated (protocol, cipher suite, ALPN, client certificate). */
  private static String transport(TransferRequest r) {
    return r.tls().map(t -> r.transport() + "(" + t + ")").orElse(r.transport().toString());
  }

  private static String describe(TransferRequest r) {
    return r.client().getAddress().getHostAddress() + "#" + r.client().getPort();
  }
}
