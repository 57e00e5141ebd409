package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.ResponderLimits;
import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.core.diagnostics.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport: one thread with one selector does accept, reads, framing, writes, idle timeouts
 * and transfer deadlines for every TCP connection and UDP socket. It composes no DNS message: the
 * {@link QueryProcessor} and the producers it returns emit every message, the transport adds the
 * TCP length prefix and writes (Knot's layer/transport split).
 *
 * <p>Why one thread: an idle connection then costs a selection key and a 2-octet buffer, not a
 * thread, so a thousand idle or hostile connections are cheap; and a transfer needs no thread of
 * its own because its messages are pre-rendered: sending is a gathering write of a small header and
 * a shared body. The other threads render versions (a bounded pool, see {@link RenderCache}) and,
 * for a zone source that is looked up per query, decide queries (the lookup may block, so it never
 * runs on this thread: the query's place in its connection's queue is kept while it is decided).
 * Per connection, queries are handled in arrival order (pipelining) and their responses queued;
 * reading pauses while {@value #MAX_QUEUED_RESPONSES} responses wait.
 *
 * <p>TLS listeners (XoT, {@link #addTlsListener}) are served by the same loop: their connections
 * read and write through a {@link TlsIo} instead of the plain channel ({@link ConnectionIo}), and
 * everything above the byte stream (framing, queue, transfers, timeouts) is shared.
 */
public final class NioServer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(NioServer.class);

  /** Responses waiting per connection before reading pauses. */
  static final int MAX_QUEUED_RESPONSES = 16;

  /** UDP queries decided on other threads at once at most; more are dropped. */
  static final int MAX_UDP_DECISIONS = 1024;

  /** The largest query accepted over TCP; anything larger is abuse and closes the connection. */
  static final int MAX_TCP_QUERY = 16 * 1024;

  /** Octets one read between messages takes at most: many queries of a few dozen octets each. */
  static final int READ_AHEAD = 4096;

  /** Octets written to one connection per round before others get their turn. */
  private static final long WRITE_BUDGET = 1L << 20;

  /** How often idle timeouts and deadlines are checked. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Selector selector;
  private final List<ServerSocketChannel> listeners;
  private final List<DatagramChannel> datagrams;
  private final QueryProcessor processor;
  @Nullable private final Executor decisions;
  private final Events events;
  private final Semaphore slots;
  private final ResponderLimits limits;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  /** UDP queries being decided on other threads (I/O thread only). */
  private int udpDecisions;

  private final Set<Connection> connections = new HashSet<>();

  /** Plain connections closed in this round, their keys cancelled: closed after the next select. */
  private final List<SocketChannel> closeAfterSelect = new ArrayList<>();

  /** The size of {@link #connections}, readable from other threads. */
  private volatile int connectionCount;

  // Direct: the kernel copies straight in and out, no copy through a temporary direct buffer.
  private final ByteBuffer datagramBuffer = ByteBuffer.allocateDirect(65535);
  private final ByteBuffer udpReply = ByteBuffer.allocateDirect(ReplyWriter.ADVERTISED_UDP_PAYLOAD);

  /**
   * Where a connection's next octets are read between messages (I/O thread only): a query and its
   * length in one read, and pipelined queries several at a time.
   */
  private final ByteBuffer readAhead = ByteBuffer.allocateDirect(READ_AHEAD);

  /** SOA queries over UDP answered on the hot path. */
  private final LongAdder fastSoaAnswers = new LongAdder();

  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private boolean stopping;
  private long graceDeadline;

  /**
   * Creates the transport over bound channels; it owns and closes them.
   *
   * @param selector a fresh selector
   * @param listeners bound TCP server channels
   * @param datagrams bound UDP channels
   * @param processor decides what each request gets
   * @param decisions where queries are decided when that may block (a looked-up zone source), or
   *     null to decide them on the I/O thread
   * @param events the event sink
   * @param slots the responder's transfer slots, taken per connection ({@link ConnectionSlots})
   * @param limits the limits
   * @throws IOException when a channel cannot be registered
   */
  public NioServer(
      Selector selector,
      List<ServerSocketChannel> listeners,
      List<DatagramChannel> datagrams,
      QueryProcessor processor,
      @Nullable Executor decisions,
      Events events,
      Semaphore slots,
      ResponderLimits limits)
      throws IOException {
    this.selector = selector;
    this.listeners = new ArrayList<>(listeners);
    this.datagrams = List.copyOf(datagrams);
    this.processor = processor;
    this.decisions = decisions;
    this.events = events;
    this.slots = slots;
    this.limits = limits;
    for (ServerSocketChannel l : this.listeners) {
      l.configureBlocking(false);
      l.register(selector, SelectionKey.OP_ACCEPT);
    }
    for (DatagramChannel d : this.datagrams) {
      d.configureBlocking(false);
      d.register(selector, SelectionKey.OP_READ);
    }
  }

  /**
   * Adds a TLS listener (XoT) before the loop starts: its connections share the loop, the limits
   * and the framing with the TCP ones, with TLS between the socket and the framing.
   *
   * @param listener a bound server channel; the transport owns and closes it
   * @param endpoint the engines and the executor of their delegated tasks
   * @throws IOException when the channel cannot be registered
   */
  public void addTlsListener(ServerSocketChannel listener, TlsEndpoint endpoint)
      throws IOException {
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT, endpoint);
    listeners.add(listener);
  }

  /**
   * Asks the loop to stop: it stops accepting and reading, lets transfers in flight finish within
   * the shutdown grace, then closes everything. Returns at once; see {@link #awaitTermination}.
   */
  public void stop() {
    stopRequested = true;
    selector.wakeup();
  }

  /**
   * Waits for the loop to end.
   *
   * @param timeout how long to wait at most
   * @return true when it ended
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Returns how many SOA queries over UDP were answered on the hot path; safe to call from any
   * thread.
   *
   * @return the count
   */
  public long fastSoaAnswers() {
    return fastSoaAnswers.sum();
  }

  /**
   * Returns the number of open TCP connections; safe to call from any thread.
   *
   * @return the count
   */
  public int connectionCount() {
    return connectionCount;
  }

  @Override
  public void run() {
    try {
      long nextTick = System.nanoTime() + TICK_NANOS;
      while (true) {
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
        if (closeAfterSelect.isEmpty()) {
          selector.select(wait);
        } else {
          // Without waiting: the connections closed in the last round are closed now (their
          // peers wait for the end of the stream), and a busy loop selects at once anyway.
          selector.selectNow();
          closeDeregistered();
        }
        runTasks();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          handle(key);
        }
        if (stopRequested && !stopping) {
          beginStop();
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          checkDeadlines(now);
          nextTick = now + TICK_NANOS;
        }
        if (stopping && (connections.isEmpty() || now - graceDeadline >= 0)) {
          break;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      LOG.error("the secdns AXFR responder's I/O loop failed; it stops serving", e);
    } finally {
      for (Connection c : new ArrayList<>(connections)) {
        close(c, "the responder closed");
      }
      closeQuietly(listeners);
      closeQuietly(datagrams);
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing the selector failed", e);
      }
      closeDeregistered(); // the selector let go of every key
      terminated.countDown();
    }
  }

  private void beginStop() {
    stopping = true;
    graceDeadline = System.nanoTime() + limits.shutdownGrace().toNanos();
    closeQuietly(listeners);
    closeQuietly(datagrams);
    for (Connection c : new ArrayList<>(connections)) {
      if (c.hasTransfer()) {
        c.inputClosed = true;
        c.updateInterest();
      } else {
        close(c, "the responder closed");
      }
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  private void handle(SelectionKey key) {
    Object attachment = key.attachment();
    try {
      if (!key.isValid()) {
        return;
      }
      if (attachment instanceof Connection c) {
        if (key.isReadable()) {
          read(c);
        }
        if (c.open && key.isValid() && key.isWritable()) {
          write(c);
        }
      } else if (key.channel() instanceof ServerSocketChannel server) {
        accept(server, key.attachment() instanceof TlsEndpoint tls ? tls : null);
      } else if (key.channel() instanceof DatagramChannel datagram) {
        receive(datagram);
      }
    } catch (CancelledKeyException e) {
      if (attachment instanceof Connection c) {
        close(c, "the connection was closed");
      }
    } catch (IOException | RuntimeException e) {
      if (attachment instanceof Connection c) {
        close(c, "I/O error: " + e.getMessage());
      } else {
        LOG.debug("I/O error on {}", key.channel(), e);
      }
    }
  }

  /**
   * Accepts one connection. One per readiness: while more wait, the selector reports the listener
   * again at once, so no accept is made only to learn that none is left (as Knot and NSD accept);
   * the connections already open are served between two accepts.
   */
  private void accept(ServerSocketChannel server, @Nullable TlsEndpoint tls) throws IOException {
    SocketChannel channel = stopping ? null : server.accept();
    if (channel == null) {
      return;
    }
    if (connections.size() >= limits.maxConnections()) {
      LOG.debug("connection limit {} reached; closing a new connection", limits.maxConnections());
      channel.close();
      return;
    }
    Connection c;
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
      c = new Connection(channel, remote);
      if (tls != null) {
        Connection connection = c;
        c.io =
            new TlsIo(
                channel,
                tls.engines().get(),
                tls.delegatedTasks(),
                () -> onIoThread(connection, () -> read(connection)),
                remote,
                limits.idleTimeout());
      }
      c.key = channel.register(selector, SelectionKey.OP_READ, c);
    } catch (IOException | RuntimeException e) {
      // A client that reset the connection before it was set up: close the accepted channel
      // (else its descriptor leaks); the others are accepted as the selector reports them.
      LOG.debug("setting up an accepted connection failed", e);
      channel.close();
      return;
    }
    connections.add(c);
    connectionCount = connections.size();
  }

  private void receive(DatagramChannel channel) throws IOException {
    for (int i = 0; i < 64 && !stopping; i++) {
      datagramBuffer.clear();
      InetSocketAddress from = (InetSocketAddress) channel.receive(datagramBuffer);
      if (from == null) {
        return;
      }
      datagramBuffer.flip();
      if (processor.answerSoaOverUdp(datagramBuffer, udpReply)) {
        fastSoaAnswers.increment(); // before the reply leaves: a client that got it sees the count
        try {
          channel.send(udpReply, from);
        } catch (IOException e) {
          LOG.debug("UDP reply to {} failed", from, e);
        }
        continue;
      }
      byte[] wire = new byte[datagramBuffer.remaining()];
      datagramBuffer.get(wire);
      if (decisions == null) {
        sendDatagram(
            channel, from, processor.process(QueryParser.parse(wire), from, Transport.UDP));
        continue;
      }
      if (udpDecisions >= MAX_UDP_DECISIONS) {
        // The lookups are behind: drop, as a busy server does; the client retries.
        LOG.debug("dropped a UDP query from {}: {} lookups pending", from, udpDecisions);
        continue;
      }
      udpDecisions++;
      offload(
          () -> processor.process(QueryParser.parse(wire), from, Transport.UDP),
          outcome -> {
            udpDecisions--;
            if (outcome != null && !stopping) {
              sendDatagram(channel, from, outcome);
            }
          });
    }
  }

  private void sendDatagram(
      DatagramChannel channel, InetSocketAddress to, QueryProcessor.Outcome outcome) {
    if (outcome instanceof QueryProcessor.Reply reply) {
      try {
        channel.send(ByteBuffer.wrap(reply.message()), to);
      } catch (IOException e) {
        LOG.debug("UDP reply to {} failed", to, e);
      }
    } else if (outcome instanceof QueryProcessor.Transfer t) {
      // The processor never streams over UDP; release the slot if that ever changes.
      t.slots().release();
    }
  }

  /**
   * Decides a query on the decision threads and hands the outcome to the I/O thread (null when the
   * decision could not run: the responder is closing).
   */
  private void offload(
      Supplier<QueryProcessor.Outcome> decide, Consumer<QueryProcessor.Outcome> onIoThread) {
    Executor pool = decisions;
    if (pool == null) {
      onIoThread.accept(decide.get()); // nothing may block: decided here, as the caller would
      return;
    }
    try {
      pool.execute(
          () -> {
            QueryProcessor.Outcome outcome;
            try {
              outcome = decide.get();
            } catch (RuntimeException e) {
              LOG.warn("deciding a query failed", e);
              outcome = null;
            }
            QueryProcessor.Outcome decided = outcome;
            tasks.add(() -> onIoThread.accept(decided));
            selector.wakeup();
          });
    } catch (RejectedExecutionException e) {
      onIoThread.accept(null);
    }
  }

  /**
   * Reads the connection's queries and queues their responses, then writes. Every read takes
   * whatever has arrived into {@link #readAhead} (a query and its length together, usually the
   * whole of it; pipelined queries several at a time), and {@link #frame} moves it into the
   * messages being framed; a read that did not fill the buffer found nothing more waiting, so no
   * second read is made to learn that (level-triggered: the selector says when more comes). Octets
   * read past the queue's limit are held by the connection until its responses drain.
   */
  private void read(Connection c) throws IOException {
    while (c.open && !c.inputClosed && c.queue.size() < MAX_QUEUED_RESPONSES) {
      ByteBuffer source = c.held;
      boolean drained = false;
      if (source == null) {
        ByteBuffer ahead = readAhead;
        ahead.clear();
        int n = c.io.read(ahead);
        if (n < 0) {
          c.inputClosed = true;
          break;
        }
        if (n == 0) {
          break;
        }
        drained = ahead.hasRemaining();
        source = ahead.flip();
      }
      if (!frame(c, source)) {
        return;
      }
      if (source.hasRemaining()) {
        // The queue is full: what was read ahead waits in the connection (at most a read's worth).
        if (c.held == null) { // read ahead just now: held from now on
          c.held = ByteBuffer.allocate(source.remaining()).put(source).flip();
        }
        break;
      }
      c.held = null;
      if (drained) {
        break;
      }
    }
    if (c.open) {
      write(c);
    }
  }

  /**
   * Moves octets read into the connection's length or message being framed, taking each one
   * completed, until they run out or the queue is full.
   *
   * @return false when the connection was closed (a query too long)
   */
  private boolean frame(Connection c, ByteBuffer source) {
    while (source.hasRemaining() && c.open && c.queue.size() < MAX_QUEUED_RESPONSES) {
      ByteBuffer target = c.message != null ? c.message : c.length;
      int n = Math.min(source.remaining(), target.remaining());
      int end = source.limit();
      target.put(source.limit(source.position() + n));
      source.limit(end);
      if (!target.hasRemaining() && !framed(c)) {
        return false;
      }
    }
    return c.open;
  }

  /**
   * Takes a filled length or message buffer: the length allocates the message's buffer, a message
   * is decided and its response queued.
   *
   * @return false when the connection was closed (a query too long)
   */
  // c.message is only ever ByteBuffer.allocate(length): its array is the message, from offset 0.
  @SuppressWarnings("ByteBufferBackingArray")
  private boolean framed(Connection c) {
    ByteBuffer message = c.message;
    if (message == null) {
      int length = ((c.length.get(0) & 0xFF) << 8) | (c.length.get(1) & 0xFF);
      if (length > MAX_TCP_QUERY) {
        close(c, "query of " + length + " octets exceeds " + MAX_TCP_QUERY);
        return false;
      }
      message = ByteBuffer.allocate(length);
      c.message = message;
      if (length > 0) {
        return true;
      }
    }
    byte[] wire = message.array();
    c.message = null;
    c.length.clear();
    c.idleSince = System.nanoTime();
    Transport transport = c.io.transport();
    Optional<TlsDetails> tls = c.io.tls();
    if (decisions == null) {
      Outgoing out =
          outgoing(processor.process(QueryParser.parse(wire), c.remote, transport, tls, c.slots));
      if (out != null) {
        c.queue.add(out);
      }
    } else {
      Decision decision = new Decision();
      c.queue.add(decision);
      offload(
          () -> processor.process(QueryParser.parse(wire), c.remote, transport, tls, c.slots),
          outcome -> decided(c, decision, outcome));
    }
    return true;
  }

  /** What a connection's queue holds for an outcome; a transfer starts (event) when queued. */
  @Nullable
  private Outgoing outgoing(QueryProcessor.Outcome outcome) {
    if (outcome instanceof QueryProcessor.Reply reply) {
      return new SingleReply(frame(ByteBuffer.wrap(reply.message())));
    }
    if (outcome instanceof QueryProcessor.Transfer t) {
      events.started(t.request(), t.snapshot().serial());
      return new TransferJob(t);
    }
    return null; // silence
  }

  /** A query decided on another thread: its place in the queue takes the outcome. */
  private void decided(Connection c, Decision decision, @Nullable QueryProcessor.Outcome outcome) {
    if (!c.open) {
      if (outcome instanceof QueryProcessor.Transfer t) {
        t.slots().release(); // decided for a connection that is gone
      }
      return;
    }
    if (outcome == null) {
      close(c, "the query could not be decided");
      return;
    }
    decision.outcome = outgoing(outcome);
    decision.done = true;
    try {
      write(c);
    } catch (IOException | RuntimeException e) {
      close(c, "I/O error: " + e.getMessage());
    }
  }

  /** Frames one message for TCP: the 2-octet length, then the message's buffers. */
  private static ByteBuffer[] frame(ByteBuffer... message) {
    long length = remaining(message);
    ByteBuffer prefix = ByteBuffer.allocate(2);
    prefix.putShort((short) length).flip();
    ByteBuffer[] framed = new ByteBuffer[message.length + 1];
    framed[0] = prefix;
    System.arraycopy(message, 0, framed, 1, message.length);
    return framed;
  }

  private void write(Connection c) throws IOException {
    long budget = WRITE_BUDGET;
    while (c.open) {
      if (!c.io.flush()) { // what a TLS layer holds goes first; plain TCP holds nothing
        c.wantWrite = true;
        c.updateInterest();
        return;
      }
      if (c.pending != null) {
        budget -= c.io.write(c.pending);
        if (remaining(c.pending) > 0) {
          c.wantWrite = true;
          c.updateInterest();
          return;
        }
        c.pending = null;
        c.sentSinceIdle = true;
      }
      Outgoing head = c.queue.peek();
      if (head == null) {
        c.wantWrite = false;
        if (c.sentSinceIdle) {
          // The idle timer restarts when the queue drains after something was sent, never merely
          // because the queue is empty: read() calls this after every segment, and a client that
          // dribbles partial messages must not keep its connection open (slowloris).
          c.sentSinceIdle = false;
          c.idleSince = System.nanoTime();
        }
        if (c.inputClosed) {
          close(c, "the client closed the connection");
        } else {
          c.updateInterest();
        }
        return;
      }
      if (budget <= 0) {
        c.wantWrite = true;
        c.updateInterest();
        return;
      }
      if (head instanceof Decision decision) {
        if (!decision.done) {
          c.wantWrite = false; // decided() writes on when the outcome arrives
          c.updateInterest();
          return;
        }
        c.queue.poll();
        if (decision.outcome != null) {
          c.queue.addFirst(decision.outcome);
        }
        continue;
      }
      if (head instanceof SingleReply single) {
        c.queue.poll();
        c.pending = single.buffers;
        continue;
      }
      TransferJob job = (TransferJob) head;
      if (job.producer == null) {
        Optional<Throwable> failedBefore = job.rendering.failure();
        if (failedBefore.isPresent()) {
          // A rendering that had failed before this transfer began: the failure reply alone.
          fail(c, job, failedBefore.get());
          continue;
        }
        job.producer = job.transfer.producer();
      }
      if (job.producer.ready()) {
        c.pending = frame(job.producer.next());
        continue;
      }
      if (job.producer.hasNext()) {
        // The rendering is still running and the next message is not rendered yet: streaming
        // resumes once it is (messages go out as they are rendered, not once all are).
        c.wantWrite = false;
        c.updateInterest();
        if (!job.waiting) {
          job.waiting = true;
          // write() finds the rendering's failure itself; this stage only wakes the connection.
          var unused =
              job.rendering
                  .whenPublished(job.producer.messagesProduced())
                  .whenComplete(
                      (r, e) ->
                          onIoThread(
                              c,
                              () -> {
                                job.waiting = false;
                                write(c);
                              }));
        }
        return;
      }
      Optional<Throwable> failure = job.producer.failure();
      if (failure.isPresent()) {
        // The messages rendered before the failing record went out: the failure reply follows.
        fail(c, job, failure.get());
        continue;
      }
      c.queue.poll();
      job.finish();
      events.completed(job.stats());
    }
  }

  /** Ends the transfer at the head of the queue with the failure reply of its rendering. */
  private void fail(Connection c, TransferJob job, Throwable cause) {
    if (!(cause instanceof RecordTooLargeException)) {
      LOG.warn("rendering {} failed", job.transfer.snapshot(), cause);
    }
    c.queue.poll();
    job.finish();
    events.failed(new TransferFailure(job.stats(), String.valueOf(cause.getMessage())));
    c.pending = frame(ByteBuffer.wrap(job.transfer.failureReply()));
  }

  private void checkDeadlines(long now) {
    long idle = limits.idleTimeout().toNanos();
    long deadline = limits.transferDeadline().toNanos();
    for (Connection c : new ArrayList<>(connections)) {
      Outgoing head = c.queue.peek();
      if (head instanceof TransferJob job) {
        if (now - job.startNanos >= deadline) {
          close(c, "the transfer deadline of " + limits.transferDeadline() + " passed");
        }
      } else if (now - c.idleSince >= idle) {
        LOG.debug("closing idle connection from {}", c.remote);
        close(c, "the connection was idle");
      }
    }
  }

  private void close(Connection c, String reason) {
    if (!c.open) {
      return;
    }
    c.open = false;
    connections.remove(c);
    connectionCount = connections.size();
    SocketChannel later = null;
    if (c.key != null) {
      c.key.cancel();
      later = c.io.closeWhenDeregistered();
    }
    if (later != null) {
      closeAfterSelect.add(later); // closed after the next select deregistered its key
    } else {
      c.io.close();
    }
    for (Outgoing o : c.queue) {
      if (o instanceof TransferJob job && !job.finished) {
        job.finish();
        events.failed(new TransferFailure(job.stats(), reason));
      }
    }
    c.queue.clear();
    c.pending = null;
  }

  /** Closes the channels whose keys a select has deregistered since they were cancelled. */
  private void closeDeregistered() {
    for (SocketChannel channel : closeAfterSelect) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to do: the descriptor is released either way
      }
    }
    closeAfterSelect.clear();
  }

  /**
   * Runs something for a connection on the I/O thread, from another thread; nothing once closed.
   */
  private void onIoThread(Connection c, IoAction action) {
    tasks.add(
        () -> {
          if (c.open) {
            try {
              action.run();
            } catch (IOException | RuntimeException e) {
              close(c, "I/O error: " + e.getMessage());
            }
          }
        });
    selector.wakeup();
  }

  /** An I/O step on a connection. */
  private interface IoAction {
    void run() throws IOException;
  }

  private static long remaining(ByteBuffer[] buffers) {
    long sum = 0;
    for (ByteBuffer b : buffers) {
      sum += b.remaining();
    }
    return sum;
  }

  private static void closeQuietly(List<? extends java.nio.channels.Channel> channels) {
    for (java.nio.channels.Channel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("closing {} failed", ch, e);
      }
    }
  }

  /** Something queued on a connection. */
  private interface Outgoing {}

  /** One framed message. */
  private static final class SingleReply implements Outgoing {
    final ByteBuffer[] buffers;

    SingleReply(ByteBuffer[] buffers) {
      this.buffers = buffers;
    }
  }

  /** A query being decided on another thread; keeps its place in the connection's queue. */
  private static final class Decision implements Outgoing {
    /** Set on the I/O thread once decided; null for silence. */
    @Nullable Outgoing outcome;

    boolean done;
  }

  /** One transfer: holds a slot until it finishes. */
  private static final class TransferJob implements Outgoing {
    final QueryProcessor.Transfer transfer;
    final Rendering rendering;
    final long startNanos = System.nanoTime();
    @Nullable TransferMessageProducer producer;
    boolean waiting;
    boolean finished;
    long endNanos;

    TransferJob(QueryProcessor.Transfer transfer) {
      this.transfer = transfer;
      this.rendering = transfer.rendering();
    }

    void finish() {
      if (!finished) {
        finished = true;
        endNanos = System.nanoTime();
        transfer.slots().release();
      }
    }

    TransferStats stats() {
      long end = finished ? endNanos : System.nanoTime();
      return new TransferStats(
          transfer.request(),
          transfer.snapshot().serial(),
          producer == null ? 0 : producer.messagesProduced(),
          producer == null ? 0 : producer.recordsProduced(),
          producer == null ? 0 : producer.bytesProduced(),
          Duration.ofNanos(end - startNanos));
    }
  }

  /** One TCP connection. */
  private final class Connection {
    final InetSocketAddress remote;
    final ByteBuffer length = ByteBuffer.allocate(2);
    final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

    /** The transfers queued or streaming here hold one of the responder's slots together. */
    final ConnectionSlots slots = new ConnectionSlots(NioServer.this.slots);

    ConnectionIo io;
    @Nullable SelectionKey key;
    @Nullable ByteBuffer message;

    /** Octets read ahead past the queue's limit, not framed yet (read mode); null when none. */
    @Nullable ByteBuffer held;

    @Nullable ByteBuffer[] pending;

    /** When the last complete message arrived, or the queue last drained after a send. */
    long idleSince = System.nanoTime();

    /** Something was written since the idle timer last restarted. */
    boolean sentSinceIdle;

    boolean open = true;
    boolean inputClosed;
    boolean wantWrite;
    boolean readScheduled;

    Connection(SocketChannel channel, InetSocketAddress remote) {
      this.remote = remote;
      this.io = ConnectionIo.plain(channel);
    }

    boolean hasTransfer() {
      for (Outgoing o : queue) {
        if (o instanceof TransferJob) {
          return true;
        }
      }
      return false;
    }

    void updateInterest() {
      SelectionKey registered = key;
      if (!open || registered == null || !registered.isValid()) {
        return; // not registered yet, or cancelled
      }
      int ops = 0;
      if (!inputClosed && !stopping && queue.size() < MAX_QUEUED_RESPONSES) {
        ops |= SelectionKey.OP_READ;
      }
      if (wantWrite) {
        ops |= SelectionKey.OP_WRITE;
      }
      ops = io.interestOps(ops);
      registered.interestOps(ops);
      if ((ops & SelectionKey.OP_READ) != 0
          && (held != null || io.hasBufferedInput())
          && !readScheduled) {
        // Input the selector cannot see (read ahead, or decrypted, while reading was paused): read
        // it now.
        readScheduled = true;
        onIoThread(
            this,
            () -> {
              readScheduled = false;
              read(this);
            });
      }
    }
  }
}
