package io.github.secdns.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose node can be cut off from the database, as when its host dies or loses the
 * network: {@link #cut()} aborts every connection it handed out (the driver closes the socket; on
 * PostgreSQL the server ends the session) and refuses new ones until {@link #reconnect()}.
 */
final class CuttableDataSource implements DataSource {

  private final DataSource target;
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

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

  @Override
  public Connection getConnection() throws SQLException {
    if (cut) {
      throw new SQLException("test: this node lost the database", "08001");
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
