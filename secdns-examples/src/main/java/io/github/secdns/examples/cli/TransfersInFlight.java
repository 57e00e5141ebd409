package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.core.serial.SerialNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Counts the transfers streaming from the responder (from {@code started} to {@code completed} or
 * {@code failed}, which the responder reports once per transfer) and tells when none is; every
 * event goes on to the next listener.
 *
 * <p>Why: {@code serve} gives the memory of loading back with one full collection ({@link
 * MemoryRelease}), which stops every thread, the I/O thread too. Begun as soon as the renderings at
 * start had ended, it fell into the first AXFR of a big zone, whose last messages were still being
 * sent, and added its pause to that transfer (20 to 60 ms at a million records, in `-Xlog:gc` of
 * single starts on a busy machine; issue 15). Waiting until no transfer streams puts it between
 * transfers.
 *
 * <p>Thread-safe: events come on the responder's I/O thread; {@link #noneStreaming} may be called
 * from any thread. The futures it returns complete on the I/O thread (their stages must not block).
 */
final class TransfersInFlight implements TransferListener {

  private final TransferListener next;
  private final Object lock = new Object();

  /** Transfers started and not yet ended. Guarded by lock. */
  private int streaming;

  /** Completed when streaming is next 0. Guarded by lock. */
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

  /**
   * Creates a counter that passes every event on.
   *
   * @param next the listener every event goes to afterwards
   */
  TransfersInFlight(TransferListener next) {
    this.next = next;
  }

  /**
   * Returns a stage that completes once no transfer streams: at once when none does now, else when
   * the last of those streaming now (or started meanwhile) has ended.
   *
   * @return the stage; it never fails
   */
  CompletableFuture<Void> noneStreaming() {
    synchronized (lock) {
      if (streaming == 0) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> none = new CompletableFuture<>();
      waiting.add(none);
      return none;
    }
  }

  @Override
  public void started(TransferRequest request, SerialNumber serial) {
    synchronized (lock) {
      streaming++;
    }
    next.started(request, serial);
  }

  @Override
  public void completed(TransferStats stats) {
    ended();
    next.completed(stats);
  }

  @Override
  public void failed(TransferFailure failure) {
    ended();
    next.failed(failure);
  }

  @Override
  public void refused(TransferRefusal refusal) {
    next.refused(refusal);
  }

  private void ended() {
    List<CompletableFuture<Void>> done;
    synchronized (lock) {
      if (streaming > 0) {
        streaming--;
      }
      if (streaming > 0 || waiting.isEmpty()) {
        return;
      }
      done = new ArrayList<>(waiting);
      waiting.clear();
    }
    done.forEach(none -> none.complete(null));
  }
}
