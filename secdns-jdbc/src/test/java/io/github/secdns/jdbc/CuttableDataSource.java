package io.github.secdns.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose node can be cut off from the database, as when its host dies or loses the
 * network: {@link #cut()} aborts every connection it handed out (the driver closes the socket; on
 * PostgreSQL the server ends the session) and refuses new ones until {@link #reconnect()}. It can
 * also answer late: after {@link #hold()} each new connection waits until the test lets it through
 * ({@link #nextHeld}), so that the test acts at a known point of the node's work.
 */
final class CuttableDataSource implements DataSource {

  /** The longest a held connection waits: a test that failed before letting it through ends. */
  private static final long LONGEST_HOLD_SECONDS = 60;

  private final DataSource target;
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<CountDownLatch> held = new LinkedBlockingQueue<>();
  private volatile boolean cut;
  private volatile boolean holding;

  CuttableDataSource(DataSource target) {
    this.target = target;
  }

  void cut() {
    cut = true;
    for (Connection c : List.copyOf(live)) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // already gone
        }
      }
    }
  }

  void reconnect() {
    cut = false;
  }

  /** From now on, each new connection waits until the test lets it through. */
  void hold() {
    holding = true;
  }

  /**
   * Waits until a connection is asked for and held.
   *
   * @return lets that connection through
   * @throws IllegalStateException when none is asked for within a minute
   */
  Runnable nextHeld() throws InterruptedException {
    CountDownLatch through = held.poll(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
    if (through == null) {
      throw new IllegalStateException("no connection was asked for");
    }
    return through::countDown;
  }

  /** Stops holding connections and lets every held one through. */
  void letThrough() {
    holding = false;
    for (CountDownLatch through; (through = held.poll()) != null; ) {
      through.countDown();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (cut) {
      throw new SQLException("test: this node lost the database", "08001");
    }
    if (holding) {
      CountDownLatch through = new CountDownLatch(1);
      held.add(through);
      if (!holding) {
        through.countDown(); // letThrough() ran meanwhile and may have missed it
      }
      try {
        if (!through.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS)) {
          throw new SQLException("test: the connection was held and never let through");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("test: interrupted while held", e);
      }
    }
    Connection real = target.getConnection();
    live.add(real);
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (cut && !method.getName().equals("close")) {
                throw new SQLException("test: this node lost the database", "08006");
              }
              if (method.getName().equals("close")) {
                live.remove(real);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
