package io.github.secdns.axfr.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * A thread factory that remembers every thread it made, so that a component's {@code close()} can
 * wait until each has really ended: an executor's {@code awaitTermination} returns while a
 * terminated worker may still be unwinding, and a leak check right after {@code close()} would see
 * it.
 *
 * <p>Thread-safe.
 */
public final class OwnedThreads implements ThreadFactory {

  private final ThreadFactory delegate;
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /**
   * Wraps a factory.
   *
   * @param delegate makes the threads (the host's, or {@link DaemonThreads#named})
   */
  public OwnedThreads(ThreadFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = delegate.newThread(r);
    if (t != null) {
      threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
      threads.add(t);
    }
    return t;
  }

  /**
   * Waits until every thread made so far has ended, or the time is up. The calling thread is never
   * waited for (a component closed from one of its own threads).
   *
   * @param timeout how long to wait in all
   * @return whether all have ended
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean joinAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (Thread t : threads) {
      if (t == Thread.currentThread()) {
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, left / 1_000_000));
      }
      all &= !t.isAlive();
    }
    return all;
  }
}
