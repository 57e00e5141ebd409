package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.core.diagnostics.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS over one non-blocking socket channel with the JDK's {@link SSLEngine}, driven by the I/O
 * thread: the handshake advances whenever the connection is read, written or resumed, the engine's
 * delegated tasks run on another executor (the I/O thread never computes a signature), and the
 * connection selects nothing while they run.
 *
 * <p><b>Buffers.</b> Sized from the session ({@link SSLSession#getPacketBufferSize()}, {@link
 * SSLSession#getApplicationBufferSize()}) and grown when the engine asks. Per connection at most
 * one received record ({@code netIn}), one decrypted record ({@code appIn}) and {@value
 * #NET_OUT_RECORDS} encrypted records waiting for the socket ({@code netOut}): about 100 KiB, the
 * per-connection memory bound. Each is allocated when needed and dropped when empty and the
 * connection has nothing to send, so an idle TLS connection holds no buffer of its own.
 *
 * <p><b>Zero copy where TLS allows.</b> {@link #write} wraps the caller's buffers directly (a
 * gathering {@link SSLEngine#wrap(ByteBuffer[], ByteBuffer)} over the shared, pre-rendered message
 * bodies): the only copy is the encryption into {@code netOut}, which TLS cannot avoid.
 *
 * <p><b>Closing.</b> A {@code close_notify} from the client ends the input (read returns -1; the
 * queued responses are still sent: TLS 1.3 closes each direction on its own); {@link #close()}
 * sends our {@code close_notify} when the socket takes it at once, then closes the channel.
 *
 * <p>Not thread-safe: the I/O thread only, except the delegated tasks, which touch the engine alone
 * while the I/O thread leaves it be ({@link #taskRunning}).
 */
final class TlsIo implements ConnectionIo {

  private static final Logger LOG = LoggerFactory.getLogger(TlsIo.class);

  /** Encrypted records held for the socket at most: enough for large writes, bounded. */
  static final int NET_OUT_RECORDS = 4;

  private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

  private final SocketChannel channel;
  private final SSLEngine engine;
  private final Executor delegatedTasks;
  private final Runnable resume;
  private final InetSocketAddress remote;
  private final long handshakeDeadline;

  /** Received octets not yet unwrapped, in [0, position) (write mode). */
  @Nullable private ByteBuffer netIn;

  /** Decrypted octets not yet read (read mode). */
  @Nullable private ByteBuffer appIn;

  /** Encrypted octets not yet written (read mode). */
  @Nullable private ByteBuffer netOut;

  /** The last unwrap needed more octets than {@link #netIn} holds: only the socket can help. */
  private boolean needInput;

  /** A delegated task runs: the engine is left alone and nothing is selected until it ends. */
  private volatile boolean taskRunning;

  private boolean handshakeDone;
  private boolean inputEnded;
  private boolean failed;
  private boolean closed;
  private Optional<TlsDetails> details = Optional.empty();

  /**
   * Starts the server side of a handshake.
   *
   * @param channel the accepted, non-blocking channel
   * @param engine a new server-mode engine
   * @param delegatedTasks where delegated tasks run
   * @param resume called on the task thread once delegated tasks are done; it must hand the
   *     connection back to the I/O thread (read, then write)
   * @param remote the client, for logs
   * @param handshakeTimeout how long the handshake may take: a client that dribbles handshake
   *     octets (each resets nothing here) is cut off once it is over
   * @throws IOException when the engine cannot begin
   */
  TlsIo(
      SocketChannel channel,
      SSLEngine engine,
      Executor delegatedTasks,
      Runnable resume,
      InetSocketAddress remote,
      Duration handshakeTimeout)
      throws IOException {
    this.channel = channel;
    this.engine = engine;
    this.delegatedTasks = delegatedTasks;
    this.resume = resume;
    this.remote = remote;
    this.handshakeDeadline = System.nanoTime() + handshakeTimeout.toNanos();
    engine.beginHandshake();
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    try {
      while (true) {
        if (appIn != null && appIn.hasRemaining()) {
          return drain(target);
        }
        if (inputEnded) {
          return -1;
        }
        if (!progress()) {
          return inputEnded ? -1 : 0;
        }
        if (!unwrap()) {
          return inputEnded && (appIn == null || !appIn.hasRemaining()) ? -1 : drainOrZero(target);
        }
      }
    } catch (SSLException e) {
      throw failure(e);
    }
  }

  @Override
  public long write(ByteBuffer[] sources) throws IOException {
    try {
      flushNet();
      if (!progress()) {
        return 0;
      }
      long consumed = 0;
      while (remaining(sources) > 0 && ensureNetOutRoom(NET_OUT_RECORDS)) {
        SSLEngineResult r = wrap(sources);
        consumed += r.bytesConsumed();
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
          throw new IOException("the TLS connection is closed for writing");
        }
        if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
            && r.getHandshakeStatus() != HandshakeStatus.FINISHED
            && !progress()) {
          break; // a post-handshake message (KeyUpdate) waits for its turn
        }
      }
      flushNet();
      return consumed;
    } catch (SSLException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean flush() throws IOException {
    try {
      if (!flushNet()) {
        return false;
      }
      progress();
      return flushNet();
    } catch (SSLException e) {
      throw failure(e);
    }
  }

  @Override
  public int interestOps(int wanted) {
    if (closed || taskRunning) {
      return 0;
    }
    boolean pendingOut = netOut != null && netOut.hasRemaining();
    if (!handshakeDone) {
      int ops = pendingOut ? SelectionKey.OP_WRITE : 0;
      HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
        ops |= SelectionKey.OP_READ;
      }
      return ops;
    }
    if ((wanted & SelectionKey.OP_WRITE) == 0 && !pendingOut) {
      netOut = null; // nothing to send: give the buffers back until there is
    }
    if (appIn != null && !appIn.hasRemaining()) {
      appIn = null;
    }
    if (netIn != null && netIn.position() == 0) {
      netIn = null;
    }
    return wanted | (pendingOut ? SelectionKey.OP_WRITE : 0);
  }

  @Override
  public boolean hasBufferedInput() {
    return (appIn != null && appIn.hasRemaining())
        || (netIn != null && netIn.position() > 0 && !needInput);
  }

  @Override
  public Transport transport() {
    return Transport.TLS;
  }

  @Override
  public Optional<TlsDetails> tls() {
    return details;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed && !taskRunning) {
        engine.closeOutbound();
        if (ensureNetOutRoom(1)) {
          wrap(NOTHING); // close_notify
        }
        flushNet(); // once: a client that reads nothing does not hold the close up
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("sending close_notify to {} failed: {}", remote, e.toString());
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing the TLS connection of {} failed", remote, e);
      }
      netIn = null;
      appIn = null;
      netOut = null;
    }
  }

  /**
   * Does what the engine needs before application data can move: handshake messages in and out,
   * delegated tasks.
   *
   * @return true when application data can move; false while waiting for the socket or a task
   */
  private boolean progress() throws IOException {
    while (true) {
      if (taskRunning || closed) {
        return false;
      }
      if (!handshakeDone && System.nanoTime() - handshakeDeadline > 0) {
        throw new IOException("the TLS handshake was not done in time");
      }
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_TASK:
          startTasks();
          return false;
        case NEED_WRAP:
          if (!ensureNetOutRoom(1)) {
            return false;
          }
          SSLEngineResult r = wrap(NOTHING);
          flushNet();
          if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            inputEnded = true;
            return false;
          }
          break;
        case NEED_UNWRAP:
        case NEED_UNWRAP_AGAIN:
          if (inputEnded) {
            throw new IOException("the client closed the connection during the TLS handshake");
          }
          if (!unwrap()) {
            return false;
          }
          break;
        default: // NOT_HANDSHAKING, FINISHED
          if (!handshakeDone) {
            handshakeDone = true;
            details = Optional.of(describe());
            LOG.debug("TLS handshake with {} done: {}", remote, details.get());
          }
          return true;
      }
    }
  }

  /**
   * Unwraps one record from {@link #netIn}, reading the socket first when no complete record is
   * there.
   *
   * @return true when something moved (a record, or buffer room); false when the socket had nothing
   *     more, or the input ended
   */
  private boolean unwrap() throws IOException {
    if (netIn == null || netIn.position() == 0 || needInput) {
      int n = fill();
      if (n < 0) {
        endOfInput();
        return false;
      }
      if (n == 0) {
        return false;
      }
      needInput = false;
    }
    if (appIn == null) {
      appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
      appIn.flip();
    }
    appIn.compact();
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
      appIn.flip();
    }
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW:
        needInput = true;
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < packet) {
          netIn = grow(netIn, packet, false);
        }
        return true;
      case BUFFER_OVERFLOW:
        appIn =
            grow(appIn, appIn.remaining() + engine.getSession().getApplicationBufferSize(), true);
        return true;
      case CLOSED:
        inputEnded = true; // close_notify: the client sends nothing more
        return r.bytesProduced() > 0;
      default:
        return true;
    }
  }

  /** Reads the socket into {@link #netIn}. */
  private int fill() throws IOException {
    int packet = engine.getSession().getPacketBufferSize();
    if (netIn == null) {
      netIn = ByteBuffer.allocate(packet);
    } else if (!netIn.hasRemaining()) {
      if (netIn.capacity() >= packet) {
        throw new IOException("a TLS record longer than " + packet + " octets");
      }
      netIn = grow(netIn, packet, false);
    }
    return channel.read(netIn);
  }

  private void endOfInput() {
    inputEnded = true;
    try {
      engine.closeInbound();
    } catch (SSLException e) {
      // The client closed without close_notify: a truncation attack is impossible here (a DNS
      // message is length-prefixed and parsed whole), so it is just an end of input.
      LOG.debug("{} closed the TLS connection without close_notify", remote);
    }
  }

  private SSLEngineResult wrap(ByteBuffer[] sources) throws SSLException {
    netOut.compact();
    try {
      return engine.wrap(sources, netOut);
    } finally {
      netOut.flip();
    }
  }

  /**
   * Makes sure {@link #netOut} has room for one more record, flushing it first if needed.
   *
   * @param records the capacity in records to have: one for handshake messages and alerts, {@value
   *     #NET_OUT_RECORDS} for application data (larger socket writes)
   */
  private boolean ensureNetOutRoom(int records) throws IOException {
    int packet = engine.getSession().getPacketBufferSize();
    if (netOut == null || netOut.capacity() < packet * records) {
      ByteBuffer bigger = ByteBuffer.allocate(packet * records);
      if (netOut != null) {
        bigger.put(netOut);
      }
      netOut = bigger.flip();
    }
    if (netOut.capacity() - netOut.remaining() >= packet) {
      return true;
    }
    flushNet();
    return netOut.capacity() - netOut.remaining() >= packet;
  }

  /** Writes {@link #netOut} to the socket; true when it is empty. */
  private boolean flushNet() throws IOException {
    if (netOut == null) {
      return true;
    }
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  private void startTasks() throws IOException {
    taskRunning = true;
    try {
      delegatedTasks.execute(
          () -> {
            try {
              Runnable task;
              while ((task = engine.getDelegatedTask()) != null) {
                task.run();
              }
            } catch (RuntimeException e) {
              LOG.debug("a TLS task for {} failed", remote, e);
            } finally {
              taskRunning = false;
              resume.run();
            }
          });
    } catch (RejectedExecutionException e) {
      taskRunning = false;
      throw new IOException("the responder is closing", e);
    }
  }

  private TlsDetails describe() {
    SSLSession session = engine.getSession();
    String alpn = engine.getApplicationProtocol();
    Optional<X509Certificate> client = Optional.empty();
    if (engine.getNeedClientAuth()) {
      try {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate) {
          client = Optional.of((X509Certificate) chain[0]);
        }
      } catch (SSLPeerUnverifiedException e) {
        // cannot happen with need-client-auth once the handshake is done; stay empty
      }
    }
    return new TlsDetails(
        session.getProtocol(), session.getCipherSuite(), alpn == null ? "" : alpn, client);
  }

  /** Sends the alert the engine prepared, if the socket takes it, and reports the failure. */
  private IOException failure(SSLException e) {
    failed = true;
    try {
      if (ensureNetOutRoom(1)) {
        wrap(NOTHING);
      }
      flushNet();
    } catch (IOException | RuntimeException ignored) {
      // the alert is a courtesy; the connection is closed either way
    }
    LOG.debug("TLS with {} failed: {}", remote, e.getMessage());
    return new IOException(
        (handshakeDone ? "TLS failed: " : "TLS handshake failed: ") + e.getMessage(), e);
  }

  private int drain(ByteBuffer target) {
    int n = Math.min(appIn.remaining(), target.remaining());
    ByteBuffer slice = appIn.duplicate();
    slice.limit(slice.position() + n);
    target.put(slice);
    appIn.position(appIn.position() + n);
    return n;
  }

  private int drainOrZero(ByteBuffer target) {
    return appIn != null && appIn.hasRemaining() ? drain(target) : 0;
  }

  /** A larger copy of a buffer; {@code readMode} says which part holds the data. */
  private static ByteBuffer grow(ByteBuffer buffer, int capacity, boolean readMode) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buffer.capacity()));
    if (readMode) {
      bigger.put(buffer).flip();
    } else {
      buffer.flip();
      bigger.put(buffer);
    }
    return bigger;
  }

  private static long remaining(ByteBuffer[] buffers) {
    long sum = 0;
    for (ByteBuffer b : buffers) {
      sum += b.remaining();
    }
    return sum;
  }
}
