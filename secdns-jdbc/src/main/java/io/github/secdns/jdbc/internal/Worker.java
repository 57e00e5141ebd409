package io.github.secdns.jdbc.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread of a feed watcher or a lease: runs its loop until stopped, pauses between rounds, and
 * is woken and joined by {@link #stop()}.
 */
public final class Worker {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * Makes the thread; {@link #start()} starts it.
   *
   * @param threadFactory makes the thread
   * @param loop what it runs; it returns soon after {@link #stopped()} turns true
   */
  public Worker(ThreadFactory threadFactory, Runnable loop) {
    this.thread = threadFactory.newThread(loop);
  }

  /**
   * Starts the thread. Separate from the constructor so that the owner stores this worker in its
   * field before its loop can run (the loop reads that field).
   */
  public void start() {
    thread.start();
  }

  /**
   * Tells whether {@link #stop()} was called (or the thread was interrupted).
   *
   * @return true once stopping
   */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Waits on the worker's thread, returning early when stopped.
   *
   * @param millis the longest pause
   */
  public void pause(long millis) {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
      while (!stopped && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the loop to end and wakes a pause. Returns at once; see {@link #join()}.
   *
   * @return false when it was stopped already
   */
  public boolean stop() {
    if (stopped) {
      return false;
    }
    stopped = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    return true;
  }

  /**
   * Waits until the thread ended, unless called on the thread itself (a listener closing from its
   * callback). An interrupt is kept for the caller, not lost.
   */
  public void join() {
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
