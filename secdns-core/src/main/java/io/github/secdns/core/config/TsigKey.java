package io.github.secdns.core.config;

import java.security.MessageDigest;
import java.util.Objects;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * A TSIG key (RFC 8945): its name, algorithm and shared secret.
 *
 * <p>Immutable and thread-safe. The secret never appears in {@link #toString()}; it leaves this
 * object only as a copy from {@link #secret()}, for the code that signs and verifies messages.
 * Equality compares the secret in constant time.
 */
public final class TsigKey {

  private final Name name;
  private final TsigAlgorithm algorithm;
  private final byte[] secret;

  /**
   * Creates a key.
   *
   * @param name the key name as both sides know it (an absolute domain name)
   * @param algorithm the HMAC algorithm
   * @param secret the shared secret; copied; must not be empty
   * @throws IllegalArgumentException when the secret is empty or the name is not absolute
   */
  public TsigKey(Name name, TsigAlgorithm algorithm, byte[] secret) {
    this.name = Objects.requireNonNull(name, "name");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("a TSIG key name must be absolute: " + name);
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("a TSIG secret must not be empty");
    }
    this.secret = secret.clone();
  }

  /**
   * Returns the key name.
   *
   * @return the absolute key name
   */
  public Name name() {
    return name;
  }

  /**
   * Returns the algorithm.
   *
   * @return the HMAC algorithm
   */
  public TsigAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns a copy of the shared secret. Callers must not log it.
   *
   * @return a fresh copy of the secret bytes
   */
  public byte[] secret() {
    return secret.clone();
  }

  /**
   * Returns the secret's length in octets, for strength checks that must not see the secret.
   *
   * @return the number of octets in the secret
   */
  public int secretLength() {
    return secret.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof TsigKey other)) {
      return false;
    }

    return name.equals(other.name)
        && algorithm == other.algorithm
        && MessageDigest.isEqual(secret, other.secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm);
  }

  /** Returns the name and algorithm; the secret is shown as {@code <redacted>}. */
  @Override
  public String toString() {
    return "TsigKey[name=" + name + ", algorithm=" + algorithm.mnemonic() + ", secret=<redacted>]";
  }
}
