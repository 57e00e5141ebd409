package io.github.secdns.core.internal;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Parses host names as typed into forms (name servers): with or without the trailing dot, any
 * letter case. Only syntax is checked; nothing is resolved.
 */
public final class HostNameSyntax {

  private static final int MAX_TEXT_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNameSyntax() {}

  /**
   * Parses a host name: at least two labels of letters, digits and inner hyphens (RFC 952/1123),
   * a top-level label that is not all digits (so that an IPv4 literal is not taken for a name).
   *
   * @param text the name, surrounding white space ignored
   * @return the absolute name, letter case kept
   * @throws IllegalArgumentException with a message that says what is wrong and quotes the input
   */
  public static Name parse(String text) {
    String s = text.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("a host name is required");
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "'" + abbreviate(s) + "' is longer than " + MAX_TEXT_LENGTH + " characters");
    }
    String[] labels = s.split("\\.", -1);
    if (labels.length < 2) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a fully qualified host name (expected something like ns1.example.com)");
    }
    for (String label : labels) {
      checkLabel(s, label);
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "'" + s + "' looks like an IP address; a host name is expected here");
    }
    try {
      return Name.fromString(s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a valid host name", e);
    }
  }

  private static void checkLabel(String name, String label) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' has an empty label (two dots in a row)");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "'" + abbreviate(name) + "' has a label longer than " + MAX_LABEL_LENGTH + " characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-';
      if (!ldh) {
        throw new IllegalArgumentException(
            "'" + name + "' contains '" + c + "'; a host name has only letters, digits, hyphens"
                + " and dots");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new IllegalArgumentException(
          "'" + name + "' has a label that starts or ends with a hyphen: '"
              + label.toLowerCase(Locale.ROOT) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
