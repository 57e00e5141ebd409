package io.github.secdns.examples.host;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the TSIG secrets the host keeps in its database (AES-256-GCM), under a key-encryption
 * key that is <b>not</b> in the database: a backup or a dump of the tables holds no usable secret.
 *
 * <p>The key comes from the environment: {@code SECDNS_HOST_KEY} (32 bytes in base64, for example
 * from the host's secret manager) or {@code SECDNS_HOST_KEY_FILE} (a file holding that, readable
 * only by the service user). Each sealed secret keeps the key's id (a fingerprint, not the key), a
 * fresh 96-bit nonce and the ciphertext with its tag; the associated data is the zone and the key
 * name, so a ciphertext copied into another row does not decrypt. Rotation: open with the old box,
 * seal with the new one (a new id), rewrite the rows.
 *
 * <p>Immutable and thread-safe. Its {@code toString()} shows only the key id.
 */
public final class SecretBox {

  /** The environment variable holding the key-encryption key (base64 of 32 bytes). */
  public static final String KEY_VARIABLE = "SECDNS_HOST_KEY";

  /** The environment variable naming a file that holds the key-encryption key. */
  public static final String KEY_FILE_VARIABLE = "SECDNS_HOST_KEY_FILE";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A secret as stored.
   *
   * @param keyId the id of the key that sealed it
   * @param nonce the nonce
   * @param ciphertext the ciphertext and its tag
   */
  // Stored and opened, never compared or hashed: the octets need no value semantics.
  @SuppressWarnings("ArrayRecordComponent")
  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    @Override
    public String toString() {
      return "Sealed[" + keyId + "]";
    }
  }

  private final SecretKeySpec key;
  private final String keyId;

  private SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "the key-encryption key must be 32 bytes (AES-256), not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = fingerprint(key);
  }

  /**
   * A box with the given key.
   *
   * @param key 32 bytes
   * @return the box
   * @throws IllegalArgumentException when the key is not 32 bytes
   */
  public static SecretBox of(byte[] key) {
    return new SecretBox(key);
  }

  /**
   * A new random key, for a first set-up ({@code secdns host new-key}).
   *
   * @return 32 random bytes in base64
   */
  public static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * The box of the key in {@link #KEY_VARIABLE} or the file named by {@link #KEY_FILE_VARIABLE}.
   *
   * @param environment the environment ({@code System::getenv})
   * @return the box, or empty when neither variable is set
   * @throws IllegalArgumentException when the key is unreadable or not 32 bytes in base64 (the
   *     message never holds the key)
   */
  public static Optional<SecretBox> fromEnvironment(Function<String, String> environment) {
    String text = environment.apply(KEY_VARIABLE);
    String file = environment.apply(KEY_FILE_VARIABLE);
    if (text == null && file != null) {
      try {
        text = java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            KEY_FILE_VARIABLE
                + ": cannot read the key file "
                + file
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    if (text == null) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the key-encryption key is not base64 (make one with: secdns host new-key)");
    }
    return Optional.of(new SecretBox(key));
  }

  /**
   * Encrypts a secret for one row.
   *
   * @param secret the secret
   * @param context what the row is (zone and key name): the associated data
   * @return the sealed secret
   */
  public Sealed seal(byte[] secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new Sealed(keyId, nonce, c.doFinal(secret));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Decrypts a secret of one row.
   *
   * @param sealed what the row holds
   * @param context the same context it was sealed with
   * @return the secret
   * @throws IllegalArgumentException when it was sealed with another key, belongs to another row or
   *     was altered (the message names the row, never a secret)
   */
  public byte[] open(Sealed sealed, String context) {
    Objects.requireNonNull(sealed, "sealed");
    if (!sealed.keyId().equals(keyId)) {
      throw new IllegalArgumentException(
          context
              + ": sealed with the key-encryption key "
              + sealed.keyId()
              + ", but "
              + KEY_VARIABLE
              + " is the key "
              + keyId);
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(sealed.ciphertext());
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException(
          context + ": the sealed secret does not decrypt (altered, or copied from another row)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The key's id: the first 8 bytes of its SHA-256, in hex (says which key, reveals nothing). */
  public String keyId() {
    return keyId;
  }

  private static String fingerprint(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[" + keyId + "]";
  }
}
