package io.github.secdns.testsupport.servers;

import java.util.Base64;
import java.util.Random;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key as the servers' configuration files spell it: hmac-sha256, a key name and the base64
 * secret. Test keys only, made from a seed; {@link #toString()} still hides the secret.
 *
 * @param name the key name, absolute
 * @param base64Secret the secret in base64
 */
public record TsigSecret(Name name, String base64Secret) {

  /** The algorithm of every test key. */
  public static final String ALGORITHM = "hmac-sha256";

  /**
   * A key made from a seed.
   *
   * @param keyName the key name
   * @param seed the seed of its secret
   * @return the key
   */
  public static TsigSecret generate(String keyName, long seed) {
    byte[] secret = new byte[32];
    new Random(seed).nextBytes(secret);
    return new TsigSecret(ZoneNames.absolute(keyName), Base64.getEncoder().encodeToString(secret));
  }

  /**
   * The same key name with another secret: what a misconfigured secondary holds.
   *
   * @return the key
   */
  public TsigSecret withWrongSecret() {
    byte[] secret = Base64.getDecoder().decode(base64Secret);
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (secret[i] ^ 0x5a);
    }
    return new TsigSecret(name, Base64.getEncoder().encodeToString(secret));
  }

  /**
   * The key name without the trailing dot, as named.conf, knot.conf and nsd.conf write it.
   *
   * @return the name
   */
  public String configName() {
    String text = name.toString();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * The {@code -y} argument of dig and kdig.
   *
   * @return the argument
   */
  public String digArgument() {
    return ALGORITHM + ":" + configName() + ":" + base64Secret;
  }

  /**
   * The same secret under another key name: what a secondary configured with the wrong name holds.
   *
   * @param keyName the other name
   * @return the key
   */
  public TsigSecret withName(String keyName) {
    return new TsigSecret(ZoneNames.absolute(keyName), base64Secret);
  }

  /**
   * The key for dnsjava's clients.
   *
   * @return the key
   */
  public TSIG toDnsjava() {
    return new TSIG(TSIG.HMAC_SHA256, name, base64Secret);
  }

  @Override
  public String toString() {
    return "TsigSecret[" + name + ", " + ALGORITHM + ", secret hidden]";
  }
}
