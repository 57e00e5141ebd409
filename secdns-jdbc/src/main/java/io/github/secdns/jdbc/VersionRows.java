package io.github.secdns.jdbc;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneFormatException;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * What a published version writes, one statement each (the version into the zone's row, the row's
 * feed position, the journal entry), bound one write at a time so that a single publish ({@link
 * JdbcZoneStore#publish}) and a batch ({@link PublishBatch}) run the same SQL; and how a write that
 * cannot simply be written is decided against the row the store holds.
 */
final class VersionRows {

  /** Inserts a new zone's row; its feed position is set last, by {@link #SET_POSITION}. */
  static final String INSERT =
      "INSERT INTO secdns_zone (zone_name, serial, content_digest, record_count, snapshot,"
          + " feed_position) VALUES (?, ?, ?, ?, ?, 0)";

  /** Sets a zone row's feed position. */
  static final String SET_POSITION = "UPDATE secdns_zone SET feed_position = ? WHERE zone_name = ?";

  /** Appends a journal entry. */
  static final String APPEND_ENTRY =
      "INSERT INTO secdns_journal (zone_name, feed_position, from_serial, to_serial,"
          + " recorded_at, entry) VALUES (?, ?, ?, ?, ?, ?)";

  private VersionRows() {}

  /**
   * Writes a version into the zone's row when the row holds the expected serial (empty: a withdrawn
   * zone's row, serial NULL), by compare-and-set.
   *
   * @param expectsSerial whether the write expects a serial ({@link #bindOverwrite} binds it)
   * @return the statement
   */
  static String overwrite(boolean expectsSerial) {
    return "UPDATE secdns_zone SET serial = ?, content_digest = ?, record_count = ?,"
        + " snapshot = ?, published_at = CURRENT_TIMESTAMP WHERE zone_name = ? AND "
        + (expectsSerial ? "serial = ?" : "serial IS NULL");
  }

  static void bindOverwrite(
      PreparedStatement p,
      String key,
      Optional<SerialNumber> expected,
      ZoneSnapshot version,
      byte[] stored,
      byte[] digest)
      throws SQLException {
    p.setLong(1, version.serial().value());
    p.setBytes(2, digest);
    p.setInt(3, version.size());
    p.setBytes(4, stored);
    p.setString(5, key);
    if (expected.isPresent()) {
      p.setLong(6, expected.get().value());
    }
  }

  static void bindInsert(
      PreparedStatement p, String key, ZoneSnapshot version, byte[] stored, byte[] digest)
      throws SQLException {
    p.setString(1, key);
    p.setLong(2, version.serial().value());
    p.setBytes(3, digest);
    p.setInt(4, version.size());
    p.setBytes(5, stored);
  }

  static void bindPosition(PreparedStatement p, String key, long position) throws SQLException {
    p.setLong(1, position);
    p.setString(2, key);
  }

  static void bindEntry(
      PreparedStatement p, String key, long position, HistoryEntry entry, byte[] stored)
      throws SQLException {
    p.setString(1, key);
    p.setLong(2, position);
    p.setLong(3, entry.delta().fromSerial().value());
    p.setLong(4, entry.delta().toSerial().value());
    p.setObject(5, OffsetDateTime.ofInstant(entry.recordedAt(), ZoneOffset.UTC));
    p.setBytes(6, stored);
  }

  /**
   * Decides a write against what the store holds of its zone, as {@link JdbcZoneStore#publish}
   * promises: the same serial with the same content is a success that writes nothing; the same
   * serial with other content, or a current serial other than the expected one, loses.
   *
   * @param c the connection (reads the stored version only when the digests differ)
   * @param write the write
   * @param key the zone's key
   * @param digest the digest of the write's stored form
   * @param current the serial the store holds; empty when the zone is withdrawn or absent
   * @param currentDigest the stored version's digest, if any
   * @param currentPosition the zone's feed position
   * @return the receipt when the store holds this version already; empty when the write wins
   * @throws VersionConflictException when the write loses
   * @throws SQLException when reading the stored version fails
   */
  static Optional<PublishReceipt> decide(
      Connection c,
      VersionWrite write,
      String key,
      byte[] digest,
      Optional<SerialNumber> current,
      @Nullable byte[] currentDigest,
      long currentPosition)
      throws SQLException {
    return write.decide(
        current,
        currentPosition,
        () -> Arrays.equals(currentDigest, digest) || sameContent(c, key, write.version()));
  }

  /**
   * Whether the stored version is the same version ({@link ZoneSnapshot#sameVersionAs}: the records
   * octet for octet, letter case and TTL included, in any order): the same content built in another
   * order is the same version.
   */
  private static boolean sameContent(Connection c, String key, ZoneSnapshot version)
      throws SQLException {
    byte[] stored;
    try (PreparedStatement p =
        c.prepareStatement("SELECT snapshot FROM secdns_zone WHERE zone_name = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return false;
        }
        stored = r.getBytes(1);
      }
    }
    if (stored == null) {
      return false;
    }
    try {
      return ZoneSnapshot.fromBytes(stored).sameVersionAs(version);
    } catch (ZoneFormatException e) {
      return false;
    }
  }

  static byte[] sha256(byte[] stored) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(stored);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
