package io.github.secdns.jdbc;

import io.github.secdns.jdbc.internal.Transactions;
import io.github.secdns.jdbc.internal.Worker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Elects one node for a duty (for example sending the NOTIFYs of every change) through a lease row
 * in the database: at most one holder at a time, and another node takes over when the holder stops
 * renewing (it died, or lost the database).
 *
 * <p>How: a row {@code secdns_lease(lease_name, holder, term, expires_at)}. Every third of the
 * time-to-live, each node runs one transaction: read the database's clock, then take the row when
 * it is this node's or has expired, setting {@code expires_at = now + ttl} (the row lock makes
 * racing nodes see each other's result). A new holder gets {@code term + 1}. Time comes from the
 * database, so the nodes' clocks do not matter.
 *
 * <p><b>At most one leader.</b> A node counts itself leader only until its monotonic clock, read
 * <em>before</em> the renewal, plus the time-to-live minus a safety margin of a tenth of it: that
 * ends before the row's expiry, which another node waits for. {@link #isLeader()} follows that
 * deadline even when this thread is late, so a paused or cut-off holder stops acting before anyone
 * else starts. Takeover after a holder dies takes at most the time-to-live plus one renewal
 * interval; {@link #close()} releases the row at once.
 *
 * <p>Threading: one thread per lease (named {@code secdns-jdbc-<store>-<n>} unless the store was
 * given a thread factory); {@link #isLeader()}, {@link #term()} and {@link #close()} may be called
 * from any thread.
 */
public final class LeaderLease implements AutoCloseable {

  private final DataSource dataSource;
  private final String name;
  private final String holder;
  private final Duration ttl;
  private final LeadershipListener listener;
  private final Runnable onClose;
  private final Worker worker;

  /** The monotonic clock of the deadline: {@link System#nanoTime()} (tests step their own). */
  private final LongSupplier nanoTime;

  private volatile long validUntilNanos;
  private volatile boolean holding;
  private volatile long term;
  private final AtomicLong rounds = new AtomicLong();
  private boolean announced;

  /**
   * A lease whose deadlines are read from {@code nanoTime}: {@link System#nanoTime()} (the store's
   * {@code leaderLease}), or a test's own monotonic clock.
   */
  LeaderLease(
      DataSource dataSource,
      String name,
      String nodeId,
      Duration ttl,
      LeadershipListener listener,
      ThreadFactory threadFactory,
      Runnable onClose,
      LongSupplier nanoTime) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.dataSource = dataSource;
    this.name = Objects.requireNonNull(name, "name");
    // A random suffix makes two instances that share a node id two different holders.
    this.holder = Objects.requireNonNull(nodeId, "nodeId") + "#" + UUID.randomUUID();
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.onClose = onClose;
    if (name.isEmpty() || name.length() > 200) {
      throw new IllegalArgumentException("a lease name has 1 to 200 characters: " + name);
    }
    if (nodeId.length() > 250) {
      throw new IllegalArgumentException("a node id has at most 250 characters");
    }
    if (ttl.compareTo(Duration.ofMillis(300)) < 0 || ttl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("a lease lives 300 ms to 1 hour, not " + ttl);
    }
    this.worker = new Worker(threadFactory, this::run);
    worker.start();
  }

  /**
   * Tells whether this node holds the lease right now.
   *
   * @return true until the lease's safe deadline passes without a renewal, or it is closed
   */
  public boolean isLeader() {
    return holding && !worker.stopped() && nanoTime.getAsLong() - validUntilNanos < 0;
  }

  /**
   * Returns the term of the lease this node holds or last held: it grows with every change of
   * holder, so a consumer can refuse orders from an older leader.
   *
   * @return the term, 0 before this node first held the lease
   */
  public long term() {
    return term;
  }

  /**
   * Returns the name this node holds the lease under: the node id given, {@code #}, and a random
   * suffix unique to this instance.
   *
   * @return the holder name
   */
  public String holder() {
    return holder;
  }

  /** How many times this node tried to take or renew the lease (for tests: a round happened). */
  long rounds() {
    return rounds.get();
  }

  /**
   * Returns the lease's name.
   *
   * @return the name of the duty
   */
  public String name() {
    return name;
  }

  private void run() {
    long interval = Math.max(1, ttl.toMillis() / 3);
    while (!worker.stopped()) {
      long started = nanoTime.getAsLong();
      boolean lapsed = false;
      try {
        OptionalTerm held = Transactions.commit(dataSource, this::acquireOrRenew);
        if (held.held) {
          term = held.term;
          long previousDeadline = validUntilNanos;
          validUntilNanos = started + ttl.toNanos() - ttl.toNanos() / 10;
          holding = true;
          // Read after the new deadline is set: when the old one had passed by then, isLeader()
          // answered false in between, and whoever asked then skipped the duty (a NOTIFY).
          lapsed = nanoTime.getAsLong() - previousDeadline >= 0;
        } else {
          holding = false;
        }
      } catch (SQLException | RuntimeException e) {
        // Not renewed: isLeader() turns false by itself at the deadline.
      }
      announce(lapsed);
      rounds.incrementAndGet();
      worker.pause(interval);
    }
    release();
    holding = false;
    announce(false);
  }

  /**
   * Tells the listener what changed since the last round. A lease that lapsed and was renewed
   * between two rounds (the renewal came after the deadline: a slow database, a late thread) is a
   * loss and a new election, though both rounds saw this node leader: the listener catches up on
   * what was skipped while {@link #isLeader()} said false, as after any election.
   *
   * @param lapsed whether this round's renewal came after the previous deadline had passed
   */
  private void announce(boolean lapsed) {
    boolean leader = isLeader();
    if (announced && (!leader || lapsed)) {
      announced = false;
      tell(listener::lost);
    }
    if (leader && !announced) {
      announced = true;
      long elected = term;
      tell(() -> listener.elected(elected));
    }
  }

  /**
   * Calls the listener. One that throws has a bug: the failure goes where this thread's uncaught
   * exceptions go, and the lease goes on (it ended the lease's thread, which then renewed nothing:
   * the node stopped leading for good while its listener believed it led).
   */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
  }

  private static final class OptionalTerm {
    final boolean held;
    final long term;

    OptionalTerm(boolean held, long term) {
      this.held = held;
      this.term = term;
    }
  }

  private OptionalTerm acquireOrRenew(Connection c) throws SQLException {
    OffsetDateTime now = databaseNow(c);
    OffsetDateTime expires = now.plus(ttl);
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE secdns_lease SET term = CASE WHEN holder = ? THEN term ELSE term + 1 END,"
                + " holder = ?, expires_at = ?"
                + " WHERE lease_name = ? AND (holder = ? OR expires_at <= ?)")) {
      p.setString(1, holder);
      p.setString(2, holder);
      p.setObject(3, expires);
      p.setString(4, name);
      p.setString(5, holder);
      p.setObject(6, now);
      if (p.executeUpdate() == 1) {
        return new OptionalTerm(true, readTerm(c));
      }
    }
    // A node that inserts concurrently makes this fail with a unique violation: the transaction
    // rolls back and this node does not hold the lease.
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO secdns_lease (lease_name, holder, term, expires_at)"
                + " SELECT ?, ?, 1, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM secdns_lease WHERE lease_name = ?)")) {
      p.setString(1, name);
      p.setString(2, holder);
      p.setObject(3, expires);
      p.setString(4, name);
      if (p.executeUpdate() == 1) {
        return new OptionalTerm(true, 1);
      }
    }
    return new OptionalTerm(false, 0);
  }

  private long readTerm(Connection c) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT term FROM secdns_lease WHERE lease_name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static OffsetDateTime databaseNow(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getObject(1, OffsetDateTime.class);
    }
  }

  private void release() {
    if (!holding) {
      return;
    }
    try {
      Transactions.commit(
          dataSource,
          c -> {
            try (PreparedStatement p =
                c.prepareStatement(
                    "UPDATE secdns_lease SET expires_at = ? WHERE lease_name = ? AND holder = ?")) {
              p.setObject(1, databaseNow(c));
              p.setString(2, name);
              p.setString(3, holder);
              return p.executeUpdate();
            }
          });
    } catch (SQLException e) {
      // The row expires by itself.
    }
  }

  /**
   * Stops renewing and releases the lease when held (another node can take it at its next renewal),
   * tells the listener {@code lost} when this node was leader, and ends the thread. Idempotent.
   */
  @Override
  public void close() {
    if (worker.stop()) {
      worker.join();
      onClose.run();
    }
  }

  @Override
  public String toString() {
    return "LeaderLease[" + name + ", holder=" + holder + ", leader=" + isLeader() + "]";
  }
}
