package io.github.secdns.core.config;

import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * The TSIG algorithms secdns accepts (RFC 8945 section 6). HMAC-MD5 is deliberately absent: it is
 * refused when parsed.
 */
public enum TsigAlgorithm {
  /** hmac-sha1: required by RFC 8945 but not recommended; diagnostics report it as weak. */
  HMAC_SHA1("hmac-sha1", 20),
  /** hmac-sha224. */
  HMAC_SHA224("hmac-sha224", 28),
  /** hmac-sha256: the default, and the algorithm RFC 8945 recommends. */
  HMAC_SHA256("hmac-sha256", 32),
  /** hmac-sha384. */
  HMAC_SHA384("hmac-sha384", 48),
  /** hmac-sha512. */
  HMAC_SHA512("hmac-sha512", 64);

  private final String mnemonic;
  private final int macLength;

  TsigAlgorithm(String mnemonic, int macLength) {
    this.mnemonic = mnemonic;
    this.macLength = macLength;
  }

  /**
   * Returns the length of the MAC the algorithm produces, untruncated. It is also the shortest
   * secret RFC 2104 section 3 recommends for the HMAC.
   *
   * @return the HMAC output length in octets
   */
  public int macLength() {
    return macLength;
  }

  /**
   * Returns the algorithm's name as written in configuration files ({@code hmac-sha256}).
   *
   * @return the lower-case mnemonic, without trailing dot
   */
  public String mnemonic() {
    return mnemonic;
  }

  /**
   * Returns the algorithm's domain name as carried in a TSIG record ({@code hmac-sha256.}).
   *
   * @return the absolute algorithm name
   */
  public Name dnsName() {
    return Name.fromConstantString(mnemonic + ".");
  }

  /**
   * Tells whether the algorithm is considered weak today (hmac-sha1).
   *
   * @return true for hmac-sha1
   */
  public boolean isWeak() {
    return this == HMAC_SHA1;
  }

  /**
   * Parses an algorithm name in any letter case, with or without the trailing dot and the {@code
   * hmac-} prefix ({@code hmac-sha256}, {@code HMAC-SHA256.}, {@code sha256}).
   *
   * @param text the name
   * @return the algorithm
   * @throws IllegalArgumentException for hmac-md5 (refused) and for unknown names
   */
  public static TsigAlgorithm parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.startsWith("hmac-")) {
      s = "hmac-" + s;
    }
    if (s.startsWith("hmac-md5")) {
      throw new IllegalArgumentException(
          "hmac-md5 is refused: RFC 8945 says it must not be used; choose hmac-sha256");
    }
    for (TsigAlgorithm a : values()) {
      if (a.mnemonic.equals(s)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text.strip()
            + "' is not a supported TSIG algorithm; use one of hmac-sha256 (default),"
            + " hmac-sha1, hmac-sha224, hmac-sha384, hmac-sha512");
  }
}
