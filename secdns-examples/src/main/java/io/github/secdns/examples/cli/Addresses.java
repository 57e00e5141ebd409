package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AddressPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Parses addresses typed on the command line: IP literals only, never a host name, so nothing here
 * asks the system resolver.
 */
final class Addresses {

  private Addresses() {}

  /** An IPv4 or IPv6 literal. */
  static InetAddress literal(String text, String what) throws UsageException {
    String t = text.strip();
    if (t.contains("/")) {
      throw new UsageException(what + ": '" + text + "' is a prefix; an address is needed here");
    }
    try {
      return AddressPrefix.parse(t).network();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          what
              + ": '"
              + text
              + "' is not an IP address (names are"
              + " never looked up: write e.g. 127.0.0.1 or ::1)");
    }
  }

  /**
   * {@code ADDR:PORT}, with IPv6 in brackets: {@code 127.0.0.1:5353}, {@code [::1]:5353}. Port 0
   * asks for an ephemeral port where {@code allowZero} is true.
   */
  static InetSocketAddress endpoint(String text, String what, boolean allowZero)
      throws UsageException {
    String t = text.strip();
    String host;
    String port;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
        throw new UsageException(what + ": '" + text + "' is not ADDR:PORT ([IPv6]:PORT)");
      }
      host = t.substring(1, close);
      port = t.substring(close + 2);
    } else {
      int colon = t.lastIndexOf(':');
      if (colon < 0) {
        throw new UsageException(what + ": '" + text + "' needs a port: ADDR:PORT");
      }
      host = t.substring(0, colon);
      port = t.substring(colon + 1);
      if (host.contains(":")) {
        throw new UsageException(
            what + ": '" + text + "': write IPv6 addresses in brackets, e.g. [::1]:5353");
      }
    }
    return new InetSocketAddress(literal(host, what), port(port, what, allowZero));
  }

  static int port(String text, String what, boolean allowZero) throws UsageException {
    int p;
    try {
      p = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(what + ": port '" + text + "' is not a number");
    }
    if (p < (allowZero ? 0 : 1) || p > 65535) {
      throw new UsageException(
          what + ": port " + p + " is outside " + (allowZero ? 0 : 1) + "-65535");
    }
    return p;
  }

  /**
   * {@code 127.0.0.1:5353} or {@code [::1]:5353}: IPv6 compressed (RFC 5952), as the responder and
   * {@code NotifyTarget} write addresses ({@code getHostAddress} writes {@code 0:0:0:0:0:0:0:1}),
   * without a scope.
   */
  static String format(InetSocketAddress address) {
    return AddressPrefix.hostPort(address.getAddress(), address.getPort());
  }

  /** A file path from user text. */
  static Path path(String text, String what) throws UsageException {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException(what + ": not a valid file path (" + e.getReason() + ")");
    }
  }

  /** An absolute DNS name from user text (a trailing dot is optional). */
  static Name name(String text, String what) throws UsageException {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new UsageException(what + ": a name is needed");
    }
    try {
      return Name.fromString(t.endsWith(".") ? t : t + ".");
    } catch (TextParseException e) {
      throw new UsageException(
          what + ": '" + text + "' is not a DNS name (" + e.getMessage() + ")");
    }
  }

  /**
   * {@code NAME=ADDR[,ADDR...]} entries into a table; a name given twice keeps all its addresses.
   */
  static Map<Name, Set<InetAddress>> table(List<String> entries, String what)
      throws UsageException {
    Map<Name, Set<InetAddress>> table = new TreeMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new UsageException(what + ": '" + entry + "' is not NAME=ADDR[,ADDR...]");
      }
      Name name = name(entry.substring(0, eq), what);
      List<InetAddress> addresses = new ArrayList<>();
      for (String a : entry.substring(eq + 1).split(",", -1)) {
        addresses.add(literal(a, what));
      }
      table.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(addresses);
    }
    return table;
  }
}
