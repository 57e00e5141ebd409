package io.github.secdns.axfr.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the threads the library's components own. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * Returns a factory of daemon threads named by the prefix and a counter (1, 2, ...): daemon so
   * that a host that forgets to close a component can still exit; named so that a thread dump and
   * the tests' leak checks can tell whose thread it is.
   *
   * @param prefix the name prefix, for example {@code secdns-notify-3-}
   * @return a new factory with its own counter
   */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
