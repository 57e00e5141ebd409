package io.github.secdns.interop;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Small helpers for names in tests. */
final class Names {

  private Names() {}

  static Name absolute(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + text, e);
    }
  }

  /** The zone name without the trailing dot, as the servers' configuration files spell it. */
  static String configName(Name zone) {
    String text = zone.toString();
    return text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
  }
}
