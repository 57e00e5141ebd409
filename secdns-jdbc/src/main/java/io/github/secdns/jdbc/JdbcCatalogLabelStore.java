package io.github.secdns.jdbc;

import io.github.secdns.core.catalog.CatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.jdbc.internal.Dialect;
import io.github.secdns.jdbc.internal.StoreSql;
import io.github.secdns.jdbc.internal.Transactions;
import io.github.secdns.jdbc.internal.Transactions.TransactionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.xbill.DNS.Name;

/**
 * The {@link CatalogLabelStore} on a relational database through plain JDBC: PostgreSQL (15 and
 * later) or H2 (2.x, in memory or in a file), in the table {@code secdns_catalog_label} of schema
 * version 2 ({@link StoreSchema}). Labels outlive the process, so consumers never see a member's
 * label change because the host restarted, moved to another node or restored a backup.
 *
 * <pre>{@code
 * FlywayMigrations.migrate(dataSource);
 * MemberLabels labels = MemberLabels.of(JdbcCatalogLabelStore.on(dataSource));
 * SortedMap<Name, MemberLabel> assigned = labels.assign(catalog, memberZones);
 * }</pre>
 *
 * <p>The two rules of the SPI are the table's keys: the primary key (catalog, member) and the
 * unique key (catalog, label). {@link #insert} is one INSERT and {@link #replace} one UPDATE
 * conditioned on the expected label, each in its own committed transaction; a key violation
 * (another writer, on this node or another, was first) makes them return false having changed
 * nothing. Nodes sharing the database therefore never give one member two labels or one label two
 * members.
 *
 * <p>Connections come from the host's {@link DataSource}, one per call, returned at once; the store
 * holds no connection and starts no thread, so it needs no closing. Failures of the database throw
 * {@link ZoneStoreException} with a one-line message naming the operation, the catalog and the
 * member, and never a password or a URL.
 *
 * <p>Threading: thread-safe. Every method blocks on the database: never call one on a network I/O
 * thread.
 */
public final class JdbcCatalogLabelStore implements CatalogLabelStore {

  private final DataSource dataSource;
  private final Dialect dialect;

  private JdbcCatalogLabelStore(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /**
   * Connects once to recognize the database and check that the label table is there.
   *
   * @param dataSource where connections come from; the host keeps owning it
   * @return the store
   * @throws ZoneStoreException when the database cannot be reached, is neither PostgreSQL nor H2,
   *     or lacks schema version 2 (the message says which, in one line)
   */
  public static JdbcCatalogLabelStore on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    Dialect dialect =
        StoreFailures.connect(
            dataSource,
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement("SELECT COUNT(*) FROM secdns_catalog_label WHERE 1 = 0")) {
                p.executeQuery().close();
              }
            });
    return new JdbcCatalogLabelStore(dataSource, dialect);
  }

  @Override
  public Map<Name, MemberLabel> labels(Name catalog) {
    String key = StoreSql.key(catalog);
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT member_name, label FROM secdns_catalog_label WHERE catalog_name = ?")) {
      p.setString(1, key);
      SortedMap<Name, MemberLabel> labels = new TreeMap<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          labels.put(
              memberOf(catalog, r.getString(1)), labelOf(catalog, r.getString(1), r.getString(2)));
        }
      }
      return Collections.unmodifiableSortedMap(labels);
    } catch (SQLException e) {
      throw StoreFailures.failure("reading the member labels of the catalog " + catalog, e);
    }
  }

  @Override
  public Optional<MemberLabel> label(Name catalog, Name member) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT label FROM secdns_catalog_label WHERE catalog_name = ? AND member_name = ?")) {
      p.setString(1, StoreSql.key(catalog));
      p.setString(2, StoreSql.key(member));
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(labelOf(catalog, StoreSql.key(member), r.getString(1)));
      }
    } catch (SQLException e) {
      throw StoreFailures.failure(
          "reading the label of " + member + " in the catalog " + catalog, e);
    }
  }

  @Override
  public boolean insert(Name catalog, Name member, MemberLabel label) {
    return write(
        "keeping the label " + label + " of " + member + " in the catalog " + catalog,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO secdns_catalog_label (catalog_name, member_name, label)"
                      + " VALUES (?, ?, ?)")) {
            p.setString(1, StoreSql.key(catalog));
            p.setString(2, StoreSql.key(member));
            p.setString(3, label.value());
            return p.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean replace(Name catalog, Name member, MemberLabel expected, MemberLabel replacement) {
    return write(
        "changing the label of "
            + member
            + " in the catalog "
            + catalog
            + " from "
            + expected
            + " to "
            + replacement,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE secdns_catalog_label SET label = ?"
                      + " WHERE catalog_name = ? AND member_name = ? AND label = ?")) {
            p.setString(1, replacement.value());
            p.setString(2, StoreSql.key(catalog));
            p.setString(3, StoreSql.key(member));
            p.setString(4, expected.value());
            return p.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean remove(Name catalog, Name member) {
    return write(
        "forgetting the label of " + member + " in the catalog " + catalog,
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM secdns_catalog_label WHERE catalog_name = ? AND member_name = ?")) {
            p.setString(1, StoreSql.key(catalog));
            p.setString(2, StoreSql.key(member));
            return p.executeUpdate() == 1;
          }
        });
  }

  /**
   * Runs one write in its own transaction and commits it (durable when it returns true). A
   * violation of the table's keys is the SPI's refusal: false, nothing written.
   */
  private boolean write(String what, Transactions.Work<Boolean> work) {
    try {
      return Transactions.commit(dataSource, work);
    } catch (TransactionException e) {
      if (StoreSql.isUniqueViolation(e)) {
        return false;
      }
      throw StoreFailures.writeFailure(what, e);
    }
  }

  private static Name memberOf(Name catalog, String key) throws SQLException {
    try {
      return StoreSql.name(key);
    } catch (SQLException e) {
      throw new SQLException(
          "a label row of the catalog " + catalog + " names no domain name: " + key, e);
    }
  }

  /** The row's label; a value that is no label (a row written by hand) fails, never skipped. */
  private static MemberLabel labelOf(Name catalog, String member, String value)
      throws SQLException {
    try {
      return MemberLabel.of(value);
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "the label row of "
              + member
              + " in the catalog "
              + catalog
              + " is damaged: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return "JdbcCatalogLabelStore[" + dialect + "]";
  }
}
