package io.github.secdns.axfr.internal;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import java.time.Clock;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.TSIG;

/**
 * Turns secdns's {@link TsigKey} into dnsjava's {@link TSIG} signer/verifier, and knows the sizes
 * of the TSIG records a key produces.
 */
public final class TsigKeys {

  private TsigKeys() {}

  /**
   * Creates dnsjava's TSIG object for a key. The result holds the secret: never log it.
   *
   * @param key the key
   * @param clock the clock for Time Signed and the fudge check
   * @return a signer and verifier for the key
   */
  public static TSIG toDnsjava(TsigKey key, Clock clock) {
    String javaAlgorithm = macAlgorithm(key.algorithm());
    byte[] secret = key.secret();
    try {
      return new TSIG(
          key.algorithm().dnsName(), key.name(), new SecretKeySpec(secret, javaAlgorithm), clock);
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
  }

  /** The JCA name of the algorithm's MAC (dnsjava's own lookup by DNS name is deprecated). */
  private static String macAlgorithm(TsigAlgorithm algorithm) {
    return switch (algorithm) {
      case HMAC_SHA1 -> "HmacSHA1";
      case HMAC_SHA224 -> "HmacSHA224";
      case HMAC_SHA256 -> "HmacSHA256";
      case HMAC_SHA384 -> "HmacSHA384";
      case HMAC_SHA512 -> "HmacSHA512";
    };
  }

  /**
   * Returns the largest TSIG record this key appends to a message, uncompressed, so that a producer
   * can reserve room for it below 65535 octets (checklist item 2).
   *
   * <p>Why not dnsjava's {@code TSIG.recordLength()}: it assumes a 16-octet MAC, which is 16 to 48
   * octets short for hmac-sha256 and the longer algorithms.
   *
   * @param key the key
   * @return owner + type/class/TTL/RDLENGTH + algorithm name + time, fudge, MAC size, MAC, original
   *     ID, error, other length and 6 octets of other data (BADTIME)
   */
  public static int maxRecordLength(TsigKey key) {
    return key.name().length()
        + 10
        + key.algorithm().dnsName().length()
        + 6
        + 2
        + 2
        + key.algorithm().macLength()
        + 2
        + 2
        + 2
        + 6;
  }
}
