package io.github.secdns.axfr;

import io.github.secdns.core.serial.SerialNumber;

/**
 * Receives an event for every transfer started, completed or failed, and for every request refused,
 * so a host can keep metrics and show "last transfer" status.
 *
 * <p>Threading: called on the responder's I/O thread (a refusal decided for a zone source that does
 * not subscribe comes from one of its lookup threads); implementations must be thread-safe, fast
 * and must not block (hand work off to your own executor). An exception thrown by a listener is
 * logged and otherwise ignored. Every method does nothing by default.
 */
public interface TransferListener {

  /** A listener that ignores every event. */
  TransferListener NONE = new TransferListener() {};

  /**
   * A transfer was allowed, took a slot and is about to stream.
   *
   * @param request the request
   * @param serial the serial of the version that will be streamed
   */
  default void started(TransferRequest request, SerialNumber serial) {}

  /**
   * A transfer sent its last message.
   *
   * @param stats what was sent
   */
  default void completed(TransferStats stats) {}

  /**
   * A transfer ended before its last message.
   *
   * @param failure what was sent and why it ended
   */
  default void failed(TransferFailure failure) {}

  /**
   * A request was answered with an error.
   *
   * @param refusal who, what and why
   */
  default void refused(TransferRefusal refusal) {}
}
