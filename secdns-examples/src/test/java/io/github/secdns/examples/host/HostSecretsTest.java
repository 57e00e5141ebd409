package io.github.secdns.examples.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.TsigKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TSIG secrets at rest (issue 14): the host stores them sealed under a key-encryption key that is
 * not in the database, opens them after a restart, refuses to store them without that key, and
 * names the row, never the secret, when a stored secret does not open.
 */
class HostSecretsTest {

  @TempDir Path dir;

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:h2:" + dir.resolve("host").toAbsolutePath());
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private static final String SECRET = Base64.getEncoder().encodeToString(randomKey());

  private static SecondaryDnsConfiguration withKey() {
    return SecondaryDnsHostTest.exampleSecondary()
        .notifyTargets(List.of())
        .addTsigKey("xfr.example.com", "hmac-sha256", SECRET)
        .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
        .build();
  }

  @Test
  void tsigSecretsAreStoredSealedAndOpenAfterARestartWithTheSameKey() throws Exception {
    SecretBox box = SecretBox.of(randomKey());
    try (SecondaryDnsHost host =
        SecondaryDnsHost.open(connect(), Clock.systemUTC(), Optional.of(box))) {
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      host.enable(withKey());
    }
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM secondary_dns_tsig_keys")) {
      assertTrue(r.next());
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        row.append(r.getString(i)).append(' ');
      }
      assertFalse(row.toString().contains(SECRET), "the secret is not in the row: " + row);
      assertEquals(box.keyId(), r.getString("kek_id"));
    }
    try (SecondaryDnsHost again =
        SecondaryDnsHost.open(connect(), Clock.systemUTC(), Optional.of(box))) {
      SecondaryDnsConfiguration c = again.configuration(SecondaryDnsHostTest.ZONE).orElseThrow();
      TsigKey key = c.tsigKeys().get(0);
      assertArrayEquals(Base64.getDecoder().decode(SECRET), key.secret());
      assertEquals(TransferAuthentication.ADDRESS_AND_KEY, c.transferAuthentication());
      assertFalse(c.toString().contains(SECRET));
    }
    // Another key-encryption key: a clear error naming the key's row, without the secret.
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SecondaryDnsHost.open(
                    connect(), Clock.systemUTC(), Optional.of(SecretBox.of(randomKey()))));
    assertTrue(
        wrong.getMessage().contains("TSIG key xfr.example.com. of example.com."),
        wrong.getMessage());
    assertFalse(wrong.getMessage().contains(SECRET));
  }

  @Test
  void withoutAKeyEncryptionKeyATsigKeyIsNotStoredAndNothingChanges() throws Exception {
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> host.enable(withKey()));
      assertTrue(e.getMessage().contains(SecretBox.KEY_VARIABLE), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET));
      assertEquals(Optional.empty(), host.configuration(SecondaryDnsHostTest.ZONE));
      assertEquals(List.of(), host.events("example.com"));
    }
  }

  @Test
  void aSealedSecretCopiedToAnotherRowDoesNotOpenAndTheKeyComesFromTheEnvironment() {
    String key = SecretBox.newKey();
    SecretBox box =
        SecretBox.fromEnvironment(Map.of(SecretBox.KEY_VARIABLE, key)::get).orElseThrow();
    SecretBox.Sealed sealed = box.seal(new byte[] {1, 2, 3}, "TSIG key a. of example.com.");
    assertArrayEquals(new byte[] {1, 2, 3}, box.open(sealed, "TSIG key a. of example.com."));
    IllegalArgumentException moved =
        assertThrows(
            IllegalArgumentException.class, () -> box.open(sealed, "TSIG key a. of example.net."));
    assertTrue(moved.getMessage().contains("does not decrypt"), moved.getMessage());
    assertEquals(Optional.empty(), SecretBox.fromEnvironment(name -> null));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> SecretBox.fromEnvironment(Map.of(SecretBox.KEY_VARIABLE, "not base64!")::get));
    assertFalse(bad.getMessage().contains("not base64!"));
    assertFalse(box.toString().contains(key));
  }

  @Test
  void theKeyComesFromAKeyFileAndAMissingOrShortKeyIsOneLineWithoutTheKey() throws Exception {
    String key = SecretBox.newKey();
    Path file = dir.resolve("host.key");
    java.nio.file.Files.writeString(file, key + "\n");
    SecretBox fromFile =
        SecretBox.fromEnvironment(Map.of(SecretBox.KEY_FILE_VARIABLE, file.toString())::get)
            .orElseThrow();
    SecretBox fromVariable =
        SecretBox.fromEnvironment(Map.of(SecretBox.KEY_VARIABLE, key)::get).orElseThrow();
    assertEquals(fromVariable.toString(), fromFile.toString(), "the same key id");

    Path missing = dir.resolve("no-such.key");
    IllegalArgumentException unreadable =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SecretBox.fromEnvironment(
                    Map.of(SecretBox.KEY_FILE_VARIABLE, missing.toString())::get));
    assertTrue(
        unreadable.getMessage().contains("cannot read the key file"), unreadable.getMessage());

    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException tooShort =
        assertThrows(
            IllegalArgumentException.class,
            () -> SecretBox.fromEnvironment(Map.of(SecretBox.KEY_VARIABLE, shortKey)::get));
    assertTrue(tooShort.getMessage().contains("32 bytes"), tooShort.getMessage());
    assertFalse(tooShort.getMessage().contains(shortKey));
  }

  /**
   * A connection whose reads of a configuration (the statement that selects from
   * secondary_dns_configurations by origin) are each followed at once by {@code between}: another
   * process's edit committing right after that statement, the worst moment for a read of the
   * configuration and its keys in two statements.
   */
  private static Connection editingRightAfterEachRead(Connection real, Runnable between) {
    return AfterEachCall.wrap(
        Connection.class,
        real,
        (method, args, result) ->
            method.getName().equals("prepareStatement")
                    && ((String) args[0]).contains("FROM secondary_dns_configurations")
                    && ((String) args[0]).contains("source_kind")
                ? AfterEachCall.wrap(
                    PreparedStatement.class,
                    (PreparedStatement) result,
                    (m, a, r) -> {
                      if (m.getName().equals("executeQuery")) {
                        between.run();
                      }
                      return r;
                    })
                : result);
  }

  @Test
  void aConfigurationIsReadWithTheKeysOfItsOwnRevision() throws Exception {
    SecretBox box = SecretBox.of(randomKey());
    String second = Base64.getEncoder().encodeToString(randomKey());
    String third = Base64.getEncoder().encodeToString(randomKey());
    try (SecondaryDnsHost editor =
        SecondaryDnsHost.open(connect(), Clock.systemUTC(), Optional.of(box))) {
      editor.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      editor.enable(withKey());
      AtomicBoolean serverOpen = new AtomicBoolean();
      AtomicBoolean rotated3 = new AtomicBoolean();
      Runnable rotate =
          () -> {
            if (!serverOpen.get() || !rotated3.compareAndSet(false, true)) {
              return; // the server's own start, or a later read: not the read under test
            }
            try {
              SecondaryDnsConfiguration now =
                  editor.configuration(SecondaryDnsHostTest.ZONE).orElseThrow();
              editor.edit(
                  now.toBuilder()
                      .clearTsigKeys()
                      .addTsigKey("xfr.example.com", "hmac-sha256", third)
                      .build());
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          };
      try (SecondaryDnsHost server =
          SecondaryDnsHost.open(
              editingRightAfterEachRead(connect(), rotate), Clock.systemUTC(), Optional.of(box))) {
        serverOpen.set(true);
        SecondaryDnsConfiguration rotated =
            editor
                .edit(
                    editor.configuration(SecondaryDnsHostTest.ZONE).orElseThrow().toBuilder()
                        .clearTsigKeys()
                        .addTsigKey("xfr.example.com", "hmac-sha256", second)
                        .build())
                .configuration();
        // The server reads revision 2; the editor's third revision commits right after the
        // server's first statement. Whatever the server holds is one revision with its own key.
        assertEquals(List.of(SecondaryDnsHostTest.ZONE), server.reloadConfigurations());
        SecondaryDnsConfiguration held =
            server.configuration(SecondaryDnsHostTest.ZONE).orElseThrow();
        assertEquals(rotated.revision(), held.revision());
        assertArrayEquals(
            Base64.getDecoder().decode(second),
            held.tsigKeys().get(0).secret(),
            "the key of revision " + held.revision());
        // The next poll takes the third revision up, with its key.
        assertEquals(List.of(SecondaryDnsHostTest.ZONE), server.reloadConfigurations());
        SecondaryDnsConfiguration next =
            server.configuration(SecondaryDnsHostTest.ZONE).orElseThrow();
        assertEquals(rotated.revision() + 1, next.revision());
        assertArrayEquals(Base64.getDecoder().decode(third), next.tsigKeys().get(0).secret());
      }
    }
  }
}
