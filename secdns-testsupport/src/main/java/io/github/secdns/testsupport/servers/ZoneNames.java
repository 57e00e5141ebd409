package io.github.secdns.testsupport.servers;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Zone and key names as tests write them and as server configuration files spell them. */
public final class ZoneNames {

  private ZoneNames() {}

  /**
   * The absolute name.
   *
   * @param text a name with or without the trailing dot
   * @return the absolute name
   * @throws IllegalArgumentException when it is not a domain name
   */
  public static Name absolute(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + text, e);
    }
  }

  /**
   * The name without the trailing dot, as named.conf, knot.conf and nsd.conf spell it.
   *
   * @param name the name
   * @return the configuration spelling
   */
  public static String configName(Name name) {
    String text = name.toString();
    return text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
  }
}
