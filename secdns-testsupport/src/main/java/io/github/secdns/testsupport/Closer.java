package io.github.secdns.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (servers, senders, sockets), closed in the reverse order of registration by
 * {@link #close()}, typically from an {@code @AfterEach}: the last one started may depend on the
 * ones before it.
 *
 * <p>Not thread-safe: the test's own thread registers and closes. Never returns null.
 */
// Its close() throws whatever the registered resources throw, InterruptedException included
// (javac's try lint): the tests that use it declare throws Exception anyway.
@SuppressWarnings("try")
public final class Closer implements AutoCloseable {

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Starts with nothing to close. */
  public Closer() {}

  /**
   * Registers a resource to close (last registered, first closed).
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource, for use in an expression
   */
  public <T extends AutoCloseable> T register(T resource) {
    resources.add(resource);
    return resource;
  }

  /**
   * Closes every registered resource, the last registered first, and forgets them. The first
   * resource that throws stops the closing (the test fails with its exception).
   *
   * @throws Exception what a resource's {@code close()} threw
   */
  @Override
  public void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    resources.clear();
  }
}
