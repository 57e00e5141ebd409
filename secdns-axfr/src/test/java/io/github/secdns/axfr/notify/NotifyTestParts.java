package io.github.secdns.axfr.notify;

import io.github.secdns.testsupport.Closer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a NOTIFY test starts on loopback (senders, fake secondaries, sinks), closed by {@link
 * #close()} in the reverse order, so that each test's {@code @AfterEach} leaves no socket or
 * thread. Not thread-safe: the test's own thread makes and closes the parts.
 */
// close() throws what the parts throw (javac's try lint): the tests declare throws Exception.
@SuppressWarnings("try")
final class NotifyTestParts implements AutoCloseable {

  private final Closer closer = new Closer();

  /** A sender from the builder, bound to an ephemeral loopback port. */
  NotifySender sender(NotifySender.Builder builder) throws IOException {
    return closeLater(
        builder.localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build());
  }

  /** A fake secondary on this loopback address. */
  FakeSecondary fake(String address, FakeSecondary.Behaviour behaviour) throws IOException {
    return closeLater(new FakeSecondary(address, behaviour));
  }

  /** Closes this part with the others. */
  <T extends AutoCloseable> T closeLater(T part) {
    return closer.register(part);
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
