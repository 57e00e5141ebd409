package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.core.diagnostics.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The byte stream of one TCP connection as the transport sees it: plain ({@link #plain}) or TLS
 * ({@link TlsIo}). {@link NioServer} frames DNS messages on top and never needs to know which.
 *
 * <p>Non-blocking, like the channel below; called on the I/O thread only.
 */
interface ConnectionIo {

  /**
   * Reads application octets.
   *
   * @param target where to put them
   * @return the count read, 0 when none is available now, -1 at the end of the stream
   * @throws IOException when the connection failed (a TLS alert, a reset)
   */
  int read(ByteBuffer target) throws IOException;

  /**
   * Writes application octets, as many as the connection takes now.
   *
   * @param sources the octets, consumed in order
   * @return the count consumed (a TLS layer may hold some of them encrypted until {@link #flush})
   * @throws IOException when the connection failed
   */
  long write(ByteBuffer[] sources) throws IOException;

  /**
   * Writes what the layer holds itself (encrypted records, handshake messages).
   *
   * @return true when nothing is left waiting
   * @throws IOException when the connection failed
   */
  boolean flush() throws IOException;

  /**
   * Adjusts the selection interest the transport wants for its own reasons to what the layer needs:
   * a TLS handshake reads or writes by itself, and nothing may be selected while it waits for a
   * delegated task.
   *
   * @param wanted {@link SelectionKey#OP_READ} and/or {@link SelectionKey#OP_WRITE}
   * @return the interest to register
   */
  int interestOps(int wanted);

  /**
   * Tells whether application octets are already decrypted or received but not yet read, which the
   * selector cannot report (they are no longer in the socket).
   *
   * @return true when {@link #read} would return data without the socket being readable
   */
  boolean hasBufferedInput();

  /**
   * Returns the transport queries on this connection arrive on.
   *
   * @return TCP or TLS
   */
  Transport transport();

  /**
   * Returns what the TLS handshake negotiated.
   *
   * @return the details once the handshake is complete; empty for plain TCP
   */
  Optional<TlsDetails> tls();

  /** Closes the connection (a TLS layer first tries to send {@code close_notify}). */
  void close();

  /**
   * The channel to close once the selector has let go of it, when the layer has nothing to send
   * before closing (plain TCP), instead of {@link #close()}: a socket channel closed while still
   * registered makes the JDK read {@code SO_LINGER} and shut the output down first (two system
   * calls per connection), one closed after its key was deregistered is closed at once.
   *
   * @return the channel, or null when the layer closes by {@link #close()} only (TLS)
   */
  @Nullable
  default SocketChannel closeWhenDeregistered() {
    return null;
  }

  /**
   * The plain byte stream of a socket channel.
   *
   * @param channel the connected channel
   * @return the stream
   */
  static ConnectionIo plain(SocketChannel channel) {
    return new ConnectionIo() {
      @Override
      public int read(ByteBuffer target) throws IOException {
        return channel.read(target);
      }

      @Override
      public long write(ByteBuffer[] sources) throws IOException {
        return channel.write(sources);
      }

      @Override
      public boolean flush() {
        return true;
      }

      @Override
      public int interestOps(int wanted) {
        return wanted;
      }

      @Override
      public boolean hasBufferedInput() {
        return false;
      }

      @Override
      public Transport transport() {
        return Transport.TCP;
      }

      @Override
      public Optional<TlsDetails> tls() {
        return Optional.empty();
      }

      @Override
      public void close() {
        try {
          channel.close();
        } catch (IOException e) {
          // nothing more to do: the descriptor is released either way
        }
      }

      @Override
      public SocketChannel closeWhenDeregistered() {
        return channel;
      }
    };
  }
}
