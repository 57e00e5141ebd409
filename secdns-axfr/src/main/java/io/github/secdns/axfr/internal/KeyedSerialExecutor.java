package io.github.secdns.axfr.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks given for one key one after the other, in the order they were given, on a shared
 * executor; tasks of different keys run in parallel as the executor allows. The responder reports
 * each zone's events through it ({@code VersionListener}: "events of one zone come in order"),
 * where a pool of several threads let a zone's report of one version overtake the report of the
 * version before it.
 *
 * <p>A key holds memory only while it has a task pending or running (a hundred thousand zones
 * reported once at start are not kept). A task that throws an exception is logged and the key's
 * next task still runs; after one that throws an error, which ends its thread, the key's next task
 * runs on another. When the executor refuses a key's first task (it is shut down), that task and
 * those given for the key until then are dropped, and logged at debug level.
 *
 * <p>Thread-safe.
 *
 * @param <K> the key, compared by {@code equals} and {@code hashCode}
 */
public final class KeyedSerialExecutor<K> {

  private static final Logger LOG = LoggerFactory.getLogger(KeyedSerialExecutor.class);

  private final Executor executor;

  // Per key with work: its tasks in order, the running one (if any) first. A key is present
  // exactly while one drain of it is scheduled or running, so two tasks of a key never overlap.
  private final ConcurrentHashMap<K, ArrayDeque<Runnable>> queues = new ConcurrentHashMap<>();

  /**
   * @param executor where the tasks run
   */
  public KeyedSerialExecutor(Executor executor) {
    this.executor = executor;
  }

  /**
   * Runs {@code task} after every task given before for the same key has run.
   *
   * @param key the key
   * @param task the task
   */
  public void execute(K key, Runnable task) {
    boolean[] first = new boolean[1];
    queues.compute(
        key,
        (k, queue) -> {
          ArrayDeque<Runnable> q = queue;
          if (q == null) {
            q = new ArrayDeque<>(2);
            first[0] = true;
          }
          q.addLast(task);
          return q;
        });
    if (first[0]) {
      schedule(key, task);
    }
  }

  /** How many keys have a task pending or running (for tests: nothing is kept for idle keys). */
  int activeKeys() {
    return queues.size();
  }

  private void schedule(K key, Runnable head) {
    try {
      executor.execute(() -> drain(key, head));
    } catch (RejectedExecutionException e) {
      queues.remove(key); // the executor is shut down (the responder closing): nothing more runs
      LOG.debug("the tasks of {} were dropped: the executor is shut down", key);
    }
  }

  /** Runs the key's tasks from {@code head} on until its queue is empty. */
  private void drain(K key, Runnable head) {
    Runnable task = head;
    while (task != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("a task of {} failed", key, e);
      } catch (Error e) {
        // This thread may not go on: the key's next task runs on another, and the error goes up
        // (a key left with tasks and no thread draining it would never run again).
        Runnable rest = next(key);
        if (rest != null) {
          schedule(key, rest);
        }
        throw e;
      }
      task = next(key);
    }
  }

  /** Takes the task that just ran off the key's queue; the next one, or null with the key gone. */
  @Nullable
  private Runnable next(K key) {
    Runnable[] next = new Runnable[1];
    queues.computeIfPresent(
        key,
        (k, queue) -> {
          queue.pollFirst();
          next[0] = queue.peekFirst();
          return queue.isEmpty() ? null : queue;
        });
    return next[0];
  }
}
