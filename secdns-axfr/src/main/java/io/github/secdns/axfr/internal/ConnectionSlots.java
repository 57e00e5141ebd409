package io.github.secdns.axfr.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The responder's transfer slots as one TCP connection takes them. {@code maxConcurrentTransfers}
 * bounds the transfers streaming at once, and a connection streams the transfers queued on it one
 * after the other (pipelining, RFC 7766 section 6.2.1.1; RFC 5936 section 4.1.2 lets a client ask
 * for several zones on one connection): so all the transfers queued or streaming on a connection
 * hold one slot of the responder's between them. Each took a slot when it was decided, and a
 * secondary that pipelines more requests on one connection than the responder has slots (NSD queues
 * up to 128 per connection) had the surplus refused although nothing else ran.
 *
 * <p>Thread-safe: transfers are decided on the decision threads and end on the I/O thread.
 */
public final class ConnectionSlots {

  private final Semaphore responder;

  /** The transfers of this connection holding the slot: queued, or streaming. */
  private final AtomicInteger transfers = new AtomicInteger();

  /**
   * Takes slots from the responder's.
   *
   * @param responder the responder's slots, one permit per connection with transfers
   */
  public ConnectionSlots(Semaphore responder) {
    this.responder = responder;
  }

  /**
   * Takes a slot for one more transfer of this connection: the responder's slot for its first one,
   * none while it holds one.
   *
   * @return false when the connection holds no slot and the responder has none free
   */
  public boolean tryAcquire() {
    while (true) {
      int held = transfers.get();
      if (held > 0) {
        if (transfers.compareAndSet(held, held + 1)) {
          return true;
        }
        continue;
      }
      if (!responder.tryAcquire()) {
        return false;
      }
      if (transfers.compareAndSet(0, 1)) {
        return true;
      }
      responder.release(); // another transfer of this connection took the slot meanwhile
    }
  }

  /** Gives back what {@link #tryAcquire} took for one transfer: the slot with the last one. */
  public void release() {
    if (transfers.decrementAndGet() == 0) {
      responder.release();
    }
  }
}
