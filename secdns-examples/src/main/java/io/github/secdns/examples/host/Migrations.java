package io.github.secdns.examples.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the example's schema migrations ({@code V1__secondary_dns.sql}, ...) once each, in one
 * transaction per migration, recording them in {@code schema_history}. A tiny stand-in for Flyway
 * or Liquibase, so the example needs no migration library.
 */
public final class Migrations {

  private static final List<String> MIGRATIONS =
      List.of(
          "V1__secondary_dns.sql",
          "V2__tsig_keys.sql",
          "V3__whole_configurations.sql",
          "V4__applied_per_node.sql",
          "V5__bounded_history.sql");

  private Migrations() {}

  /**
   * Brings the database up to the newest schema.
   *
   * @param connection an open connection; its auto-commit mode is restored afterwards
   * @return how many migrations were applied now
   * @throws SQLException when a statement fails; that migration is rolled back
   */
  public static int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    int applied = 0;
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_history (version INT PRIMARY KEY,"
              + " script VARCHAR(255) NOT NULL)");
    }
    try {
      connection.setAutoCommit(false);
      for (int i = 0; i < MIGRATIONS.size(); i++) {
        int version = i + 1;
        if (isApplied(connection, version)) {
          continue;
        }
        try (Statement s = connection.createStatement()) {
          for (String sql : statements(read(MIGRATIONS.get(i)))) {
            s.execute(sql);
          }
          try (PreparedStatement p =
              connection.prepareStatement(
                  "INSERT INTO schema_history (version, script) VALUES (?, ?)")) {
            p.setInt(1, version);
            p.setString(2, MIGRATIONS.get(i));
            p.executeUpdate();
          }
          connection.commit();
          applied++;
        } catch (SQLException e) {
          connection.rollback();
          throw e;
        }
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return applied;
  }

  private static boolean isApplied(Connection connection, int version) throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement("SELECT COUNT(*) FROM schema_history WHERE version = ?")) {
      p.setInt(1, version);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1) > 0;
      }
    }
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + script + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + script, e);
    }
  }

  /** The script's statements: comments ({@code --} lines) removed, split at {@code ;}. */
  static List<String> statements(String script) {
    StringBuilder b = new StringBuilder();
    for (String line : script.lines().toList()) {
      int comment = line.indexOf("--");
      b.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String sql : b.toString().split(";", -1)) {
      if (!sql.isBlank()) {
        out.add(sql.strip());
      }
    }
    return out;
  }
}
