package io.github.secdns.jdbc;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.jdbc.internal.StoreSql;
import io.github.secdns.jdbc.internal.Transactions;
import io.github.secdns.jdbc.internal.Transactions.TransactionException;
import java.net.Inet6Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.xbill.DNS.Name;

/**
 * Which serial each NOTIFY target last acknowledged for each zone, in the table {@code
 * secdns_notify_ack} of schema version 3 ({@link StoreSchema}), shared by every responder node on
 * the database. It has the shape of the responder's {@code NotifyAcknowledgements} SPI
 * (secdns-axfr) without depending on that module: a host adapts it in three lines (see {@code
 * docs/architecture/jdbc.md}). A node that takes the NOTIFY duty over then notifies only where a
 * target has not acknowledged the current serial from any node, so targets get no duplicate for a
 * change the previous leader notified.
 *
 * <p>A target is its address and port ({@code 192.0.2.1:53}, {@code [2001:db8::1]:53}); its key
 * name does not matter. One connection per call, committed at once; no thread, nothing to close.
 * Failures throw {@link ZoneStoreException} (one line, no URL, no password). Thread-safe; every
 * method blocks on the database.
 */
public final class JdbcNotifyAcknowledgements {

  private final DataSource dataSource;

  private JdbcNotifyAcknowledgements(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Connects once to check that the table is there.
   *
   * @param dataSource where connections come from; the host keeps owning it
   * @return the acknowledgements
   * @throws ZoneStoreException when the database cannot be reached or lacks schema version 3
   */
  public static JdbcNotifyAcknowledgements on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    StoreFailures.connect(
        dataSource,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT COUNT(*) FROM secdns_notify_ack WHERE 1 = 0")) {
            p.executeQuery().close();
          }
        });
    return new JdbcNotifyAcknowledgements(dataSource);
  }

  /**
   * Returns the serial a target last acknowledged for a zone.
   *
   * @param zone the zone's origin, any letter case
   * @param target the target (address and port count)
   * @return the serial, or empty when none was recorded
   * @throws ZoneStoreException when the database fails
   */
  public Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT serial FROM secdns_notify_ack WHERE zone_name = ? AND target = ?")) {
      p.setString(1, StoreSql.key(zone));
      p.setString(2, key(target));
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(SerialNumber.of(r.getLong(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreFailures.failure(
          "reading the NOTIFY acknowledgement of " + zone + " by " + key(target), e);
    }
  }

  /**
   * Records that a target acknowledged a serial of a zone (replacing what it acknowledged before).
   *
   * @param zone the zone's origin
   * @param target the target
   * @param serial the serial the NOTIFY announced
   * @throws ZoneStoreException when the database fails
   */
  public void acknowledge(Name zone, NotifyTarget target, SerialNumber serial) {
    String what = "recording the NOTIFY acknowledgement of " + zone + " by " + key(target);
    for (int attempt = 0; ; attempt++) {
      try {
        Transactions.commit(
            dataSource,
            c -> {
              try (PreparedStatement u =
                  c.prepareStatement(
                      "UPDATE secdns_notify_ack SET serial = ?, acknowledged_at ="
                          + " CURRENT_TIMESTAMP WHERE zone_name = ? AND target = ?")) {
                u.setLong(1, serial.value());
                u.setString(2, StoreSql.key(zone));
                u.setString(3, key(target));
                if (u.executeUpdate() == 1) {
                  return true;
                }
              }
              try (PreparedStatement i =
                  c.prepareStatement(
                      "INSERT INTO secdns_notify_ack (zone_name, target, serial) VALUES (?, ?, ?)")) {
                i.setString(1, StoreSql.key(zone));
                i.setString(2, key(target));
                i.setLong(3, serial.value());
                return i.executeUpdate() == 1;
              }
            });
        return;
      } catch (TransactionException e) {
        // Another node inserted the row between our UPDATE and INSERT: update it now.
        if (!StoreSql.isUniqueViolation(e) || attempt > 0) {
          throw StoreFailures.writeFailure(what, e);
        }
      }
    }
  }

  private static String key(NotifyTarget target) {
    String address = target.address().getHostAddress();
    return (target.address() instanceof Inet6Address ? "[" + address + "]" : address)
        + ":"
        + target.port();
  }

  @Override
  public String toString() {
    return "JdbcNotifyAcknowledgements";
  }
}
