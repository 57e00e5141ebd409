package io.github.secdns.interop;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test started (servers, primaries, consumers), closed in reverse order when the test ends:
 * every one is closed even when another fails to close; the first failure is thrown with the others
 * suppressed. Not thread-safe: the test's thread drives it.
 */
// Its close() throws whatever the things a test started throw, InterruptedException included
// (javac's try lint): the test methods that use it declare throws Exception anyway.
@SuppressWarnings("try")
final class StartedServers implements AutoCloseable {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Registers something to close at the end; returns it. */
  <T extends AutoCloseable> T closing(T resource) {
    started.push(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
