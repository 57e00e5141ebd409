package io.github.secdns.jdbc.internal;

import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionFeedListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;
import javax.annotation.Nullable;
import javax.sql.DataSource;

/**
 * Delivers the change feed to one listener on its own thread, with its own connection.
 *
 * <p>Each round reads every change after the last delivered position (in pages), hands them to the
 * listener, then waits: on PostgreSQL for a NOTIFY on {@link Dialect#CHANNEL} (LISTEN on this
 * connection), at most 5 seconds (or the poll interval, if longer) as a safety net; on H2 for the
 * poll interval. Reading by position, never from the notification's payload, is what makes the feed
 * lossless: a wake-up missed while reconnecting only delays the next read. When the database fails,
 * the listener hears it once, the watcher retries with a growing pause (up to the poll interval
 * times 8, at most 10 seconds) and, reading again, tells the listener and continues from where it
 * stopped.
 */
public final class FeedWatcher implements FeedSubscription {

  private static final int PAGE = 1000;
  private static final long PUSH_SAFETY_NET_MILLIS = 5_000;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final VersionFeedListener listener;
  private final Duration pollInterval;
  private final BiFunction<String, Throwable, RuntimeException> failure;
  private final Runnable onClose;
  private final Worker worker;

  // Only the watcher thread reads and writes these, except close(), which aborts the connection.
  @Nullable private volatile Connection connection;
  private long position;

  /**
   * Starts a watcher.
   *
   * @param dataSource where its connection comes from
   * @param dialect the database
   * @param position the last position already seen
   * @param listener the listener
   * @param pollInterval how often H2 polls (and PostgreSQL re-reads without a wake-up)
   * @param threadFactory makes the watcher's thread
   * @param failure turns a database failure into the exception the listener receives
   * @param onClose called once when the watcher is closed
   */
  public FeedWatcher(
      DataSource dataSource,
      Dialect dialect,
      long position,
      VersionFeedListener listener,
      Duration pollInterval,
      ThreadFactory threadFactory,
      BiFunction<String, Throwable, RuntimeException> failure,
      Runnable onClose) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.position = position;
    this.listener = listener;
    this.pollInterval = pollInterval;
    this.failure = failure;
    this.onClose = onClose;
    this.worker = new Worker(threadFactory, this::run);
    worker.start();
  }

  private void run() {
    boolean failed = false;
    long pauseMillis = pollInterval.toMillis();
    while (!worker.stopped()) {
      try {
        Connection c = connection;
        if (c == null) {
          c = dataSource.getConnection();
          connection = c;
          if (worker.stopped()) {
            break;
          }
          dialect.listen(c);
        }
        List<VersionChange> changes = StoreSql.changesSince(c, position, PAGE);
        if (failed) {
          failed = false;
          pauseMillis = pollInterval.toMillis();
          listener.onFeedRestored();
        }
        if (!changes.isEmpty()) {
          deliver(changes);
          if (changes.size() == PAGE) {
            continue;
          }
        }
        if (dialect.pushes()) {
          // NOTIFY wakes this at once; the timeout only catches commits made without one (a
          // hand-written SQL change), so it can be long.
          dialect.awaitWakeUp(c, (int) Math.max(PUSH_SAFETY_NET_MILLIS, pollInterval.toMillis()));
        } else {
          worker.pause(pollInterval.toMillis());
        }
      } catch (SQLException | RuntimeException e) {
        closeConnection();
        if (worker.stopped()) {
          break;
        }
        if (!failed) {
          failed = true;
          listener.onFeedFailure(
              failure.apply("the change feed lost the database; retrying, nothing is lost", e));
        }
        worker.pause(pauseMillis);
        pauseMillis = Math.min(Math.min(pauseMillis * 2, pollInterval.toMillis() * 8), 10_000);
      }
    }
    closeConnection();
  }

  private void deliver(List<VersionChange> changes) {
    try {
      listener.onChanges(changes);
    } catch (RuntimeException e) {
      // A listener that throws has a bug; the feed goes on (its position already moved) and the
      // failure goes where uncaught exceptions of this thread go.
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
    position = changes.get(changes.size() - 1).position();
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Already broken: nothing to release.
      }
    }
  }

  @Override
  public void close() {
    if (!worker.stop()) {
      return;
    }
    Connection c = connection;
    if (c != null && dialect.pushes()) {
      // Ends a wait for notifications at once; the driver closes the socket.
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        // The wait ends by its poll interval instead.
      }
    }
    worker.join();
    onClose.run();
  }
}
