package io.github.secdns.interop;

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
record TsigSecret(Name name, String base64Secret) {

  static final String ALGORITHM = "hmac-sha256";

  static TsigSecret generate(String keyName, long seed) {
    byte[] secret = new byte[32];
    new Random(seed).nextBytes(secret);
    return new TsigSecret(Names.absolute(keyName), Base64.getEncoder().encodeToString(secret));
  }

  /** The same key name with another secret: what a misconfigured secondary holds. */
  TsigSecret withWrongSecret() {
    byte[] secret = Base64.getDecoder().decode(base64Secret);
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (secret[i] ^ 0x5a);
    }
    return new TsigSecret(name, Base64.getEncoder().encodeToString(secret));
  }

  /** The key name without the trailing dot, as named.conf, knot.conf and nsd.conf write it. */
  String configName() {
    String text = name.toString();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  /** The {@code -y} argument of dig and kdig. */
  String digArgument() {
    return ALGORITHM + ":" + configName() + ":" + base64Secret;
  }

  TSIG toDnsjava() {
    return new TSIG(TSIG.HMAC_SHA256, name, base64Secret);
  }

  @Override
  public String toString() {
    return "TsigSecret[" + name + ", " + ALGORITHM + ", secret hidden]";
  }
}
