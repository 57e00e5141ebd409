package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AddressPrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps TSIG secrets out of messages. A message may echo any value the user typed (that is what
 * makes it useful), and a secret can land where another value was expected: typed without its
 * {@code --tsig}, or after a flag that takes a value, it becomes that flag's value and would be
 * echoed as a bad address or name (issue 19). So every message is cleaned of the secret part of
 * every input that has the shape of a TSIG key as people type it ({@code [ALGORITHM:]NAME:SECRET},
 * the form of {@code --tsig} and of {@code dig -y}), whichever flag it was given to.
 */
final class Secrets {

  /** What replaces a secret in a message. */
  static final String HIDDEN = "<secret not shown>";

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** A base64 secret has at least 4 characters; shorter tails are ports or labels. */
  private static final int MIN_SECRET_LENGTH = 4;

  private Secrets() {}

  /**
   * Returns the message with the secret part of every input that may hold one replaced.
   *
   * @param message the message, possibly echoing inputs
   * @param inputs the arguments and settings the user gave
   */
  static String redact(String message, Collection<String> inputs) {
    // Values quoted in the message count as inputs too: they may come from an @FILE or a
    // settings file that the caller did not list.
    List<String> candidates = new ArrayList<>(inputs);
    Matcher quoted = QUOTED.matcher(message);
    while (quoted.find()) {
      candidates.add(quoted.group(1));
    }
    String result = message;
    for (String input : candidates) {
      String secret = secretPart(input);
      if (!secret.isEmpty()) {
        result = result.replace(secret, HIDDEN);
      }
    }
    return result;
  }

  /** The same exception with a redacted message (the original is never shown). */
  static UsageException redact(UsageException e, Collection<String> inputs) {
    String redacted = redact(e.getMessage(), inputs);
    return redacted.equals(e.getMessage()) ? e : new UsageException(redacted);
  }

  /**
   * The part of an input that may be a TSIG secret: the last of two or three colon-separated parts
   * (of a {@code --flag=value}'s value), unless the whole is an address, a prefix or an endpoint;
   * empty when the input cannot hold one.
   */
  static String secretPart(String input) {
    String value = input;
    if (value.startsWith("-")) {
      int eq = value.indexOf('=');
      if (eq < 0) {
        return "";
      }
      value = value.substring(eq + 1);
    }
    value = value.strip();
    String[] parts = value.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || isAddressLike(value)) {
      return "";
    }
    String last = parts[parts.length - 1].strip();
    return last.length() < MIN_SECRET_LENGTH ? "" : last;
  }

  private static boolean isAddressLike(String value) {
    try {
      AddressPrefix.parse(value);
      return true;
    } catch (IllegalArgumentException notAPrefix) {
      // try an endpoint next
    }
    String host;
    if (value.startsWith("[") && value.contains("]:")) {
      host = value.substring(1, value.indexOf("]:"));
    } else if (value.lastIndexOf(':') > 0) {
      host = value.substring(0, value.lastIndexOf(':'));
    } else {
      return false;
    }
    try {
      AddressPrefix.parse(host);
      return true;
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }
}
