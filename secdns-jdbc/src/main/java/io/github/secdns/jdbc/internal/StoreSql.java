package io.github.secdns.jdbc.internal;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.VersionChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The statements more than one part of the store runs, and the zone key. */
public final class StoreSql {

  private StoreSql() {}

  /**
   * Returns the key a zone is stored under: its lower-case presentation form (escaped, so ASCII).
   *
   * @param zone the zone's origin, any letter case
   * @return the key
   */
  public static String key(Name zone) {
    return zone.canonicalize().toString();
  }

  /**
   * Turns a key back into a name.
   *
   * @param key a key from {@link #key}
   * @return the name
   * @throws SQLException when the key is not a name (a damaged row)
   */
  public static Name name(String key) throws SQLException {
    try {
      return Name.fromString(key);
    } catch (TextParseException e) {
      throw new SQLException("stored zone name " + key + " is not a domain name", e);
    }
  }

  /**
   * Takes the next feed position. The feed row stays locked until the transaction ends, so
   * positions grow in commit order; call it as late in the transaction as possible.
   *
   * @param connection the transaction's connection
   * @return the new position
   * @throws SQLException when a statement fails
   */
  public static long nextPosition(Connection connection) throws SQLException {
    return nextPositions(connection, 1);
  }

  /**
   * Takes the next {@code count} feed positions at once, as {@link #nextPosition} takes one: the
   * transaction owns the positions {@code last - count + 1} to {@code last}.
   *
   * @param connection the transaction's connection
   * @param count how many positions, at least 1
   * @return the last of the new positions
   * @throws SQLException when a statement fails
   */
  public static long nextPositions(Connection connection, int count) throws SQLException {
    try (PreparedStatement up =
        connection.prepareStatement(
            "UPDATE secdns_feed SET position = position + ? WHERE id = 1")) {
      up.setLong(1, count);
      if (up.executeUpdate() != 1) {
        throw new SQLException("the secdns_feed row is missing; the schema is damaged");
      }
    }
    return currentPosition(connection);
  }

  /**
   * Reads the feed position of the newest committed change.
   *
   * @param connection a connection
   * @return the position
   * @throws SQLException when the statement fails
   */
  public static long currentPosition(Connection connection) throws SQLException {
    try (PreparedStatement p =
            connection.prepareStatement("SELECT position FROM secdns_feed WHERE id = 1");
        ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("the secdns_feed row is missing; the schema is damaged");
      }
      return r.getLong(1);
    }
  }

  /**
   * Reads the feed after a position.
   *
   * @param connection a connection
   * @param position the last position seen
   * @param limit the most changes to read
   * @return the changes, oldest first
   * @throws SQLException when the statement fails
   */
  public static List<VersionChange> changesSince(Connection connection, long position, int limit)
      throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement(
            "SELECT zone_name, serial, feed_position FROM secdns_zone WHERE feed_position > ?"
                + " ORDER BY feed_position FETCH FIRST ? ROWS ONLY")) {
      p.setLong(1, position);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        List<VersionChange> changes = new ArrayList<>();
        while (r.next()) {
          long serial = r.getLong(2);
          Optional<SerialNumber> current =
              r.wasNull() ? Optional.empty() : Optional.of(SerialNumber.of(serial));
          changes.add(new VersionChange(name(r.getString(1)), current, r.getLong(3)));
        }
        return changes;
      }
    }
  }

  /**
   * Keeps only the newest journal entries of a zone: deletes the entries at and before the one
   * {@code keep} places below the newest. One statement, so that a batch of publishes sends it for
   * many zones ({@link #bindTrimJournal}); with {@code keep} 0 it deletes every entry.
   */
  public static final String TRIM_JOURNAL =
      "DELETE FROM secdns_journal WHERE zone_name = ? AND feed_position <= (SELECT feed_position"
          + " FROM secdns_journal WHERE zone_name = ? ORDER BY feed_position DESC"
          + " OFFSET ? ROWS FETCH FIRST 1 ROW ONLY)";

  /**
   * Binds {@link #TRIM_JOURNAL} for one zone.
   *
   * @param statement the prepared {@link #TRIM_JOURNAL}
   * @param key the zone's key
   * @param keep how many of the newest entries to keep; 0 deletes them all
   * @throws SQLException when binding fails
   */
  public static void bindTrimJournal(PreparedStatement statement, String key, int keep)
      throws SQLException {
    statement.setString(1, key);
    statement.setString(2, key);
    statement.setInt(3, keep);
  }

  /**
   * Keeps only the newest journal entries of a zone.
   *
   * @param connection the transaction's connection
   * @param key the zone's key
   * @param keep how many of the newest entries to keep; 0 deletes them all
   * @throws SQLException when a statement fails
   */
  public static void trimJournal(Connection connection, String key, int keep) throws SQLException {
    try (PreparedStatement d = connection.prepareStatement(TRIM_JOURNAL)) {
      bindTrimJournal(d, key, keep);
      d.executeUpdate();
    }
  }

  /**
   * Tells whether a failure is a unique-key violation (SQLSTATE 23505 on PostgreSQL and H2): the
   * row another transaction inserted first.
   *
   * @param e the failure
   * @return true for a unique violation anywhere in the cause chain
   */
  public static boolean isUniqueViolation(Throwable e) {
    return hasSqlState(e, "23505");
  }

  /**
   * Tells whether a failure, or one of its causes, is an {@link SQLException} with one of the given
   * SQLSTATEs.
   *
   * @param e the failure
   * @param states the SQLSTATEs
   * @return true when one is found in the cause chain
   */
  public static boolean hasSqlState(Throwable e, String... states) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (String state : states) {
          if (state.equals(sql.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
