package io.github.secdns.core.internal;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Collects the problems of one validation run and parses form input into typed values: the one rule
 * set of secdns-core. The configuration model ({@code core.config}) and the provider preset data
 * ({@code core.spi}) both validate through it, so that a value a preset declares is accepted by a
 * configuration, and the same mistake gets the same message wherever it is made. Every parse method
 * records a problem and returns empty instead of throwing, so that a build reports all problems at
 * once.
 *
 * <p>Internal: not exported, not API. Not thread-safe; one instance per validation run.
 */
public final class Problems {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  /** The longest label or free text accepted (ACL labels, preset names and hints). */
  public static final int MAX_FREE_TEXT = 255;

  /** The lowest UDP or TCP port accepted. */
  public static final int MIN_PORT = 1;

  /** The highest UDP or TCP port accepted. */
  public static final int MAX_PORT = 65535;

  private final List<ValidationProblem> problems = new ArrayList<>();

  /** Creates an empty collector. */
  public Problems() {}

  /**
   * Records a problem.
   *
   * @param field the field path
   * @param code the stable code
   * @param message the message; never a secret
   */
  public void add(String field, ProblemCode code, String message) {
    problems.add(new ValidationProblem(field, code, message));
  }

  /**
   * Tells whether no problem was recorded.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * Returns the problems recorded so far.
   *
   * @return an unmodifiable copy, in the order recorded
   */
  public List<ValidationProblem> all() {
    return List.copyOf(problems);
  }

  /**
   * Throws when a problem was recorded.
   *
   * @param subject what was validated, for the first line of the message
   * @throws ValidationException listing every problem
   */
  public void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new ValidationException(subject, problems);
    }
  }

  /**
   * Parses a zone or key name: any valid domain name except the root and wildcards.
   *
   * @param field the field path
   * @param text the name as typed
   * @param what the value's description for the message, such as "the zone"
   * @return the absolute name, or empty after recording a problem
   */
  public Optional<Name> domainName(String field, @Nullable String text, String what) {
    return name(field, text, what, false);
  }

  /**
   * Checks a zone or key name already parsed, by the rules of {@link #domainName(String, String,
   * String)}: the outcome (the name, or the problem recorded) is exactly that of its text, {@code
   * name.toString()}. A name of letters, digits, hyphens and underscores, the usual case, is
   * checked on its octets without building any text; anything else goes through the text, so that
   * the message is the same word for word.
   *
   * @param field the field path
   * @param name the name
   * @param what the value's description for the message, such as "the zone"
   * @return the absolute name ({@code name} itself when it is absolute), or empty after recording a
   *     problem
   */
  public Optional<Name> domainName(String field, Name name, String what) {
    if (plainAbsoluteName(name)) {
      return Optional.of(name);
    }
    return domainName(field, name.toString(), what);
  }

  /**
   * Whether a name is absolute, not the root, at most {@link #MAX_NAME_LENGTH} characters long as
   * text, and only of letters, digits, hyphens and underscores: then its text passes {@link
   * #domainName(String, String, String)} and parses back to an equal name.
   */
  private static boolean plainAbsoluteName(Name name) {
    if (!name.isAbsolute() || name.labels() < 2) {
      return false;
    }
    byte[] wire = name.toWire();
    // As text: the labels joined by dots, without the trailing one: two octets shorter than wire.
    if (wire.length - 2 > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; wire[i] != 0; i += (wire[i] & 0xFF) + 1) {
      for (int k = i + 1; k <= i + (wire[i] & 0xFF); k++) {
        int c = wire[k];
        boolean allowed =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_';
        if (!allowed) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Parses a host name: letters, digits and hyphens, at least two labels.
   *
   * @param field the field path
   * @param text the name as typed
   * @param what the value's description for the message, such as "the name server"
   * @return the absolute name, or empty after recording a problem
   */
  public Optional<Name> hostName(String field, @Nullable String text, String what) {
    return name(field, text, what, true);
  }

  private Optional<Name> name(String field, @Nullable String text, String what, boolean host) {
    if (text == null || text.isBlank()) {
      add(field, ProblemCode.REQUIRED, what + " is required");
      return Optional.empty();
    }
    String s = text.strip();
    String bare = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    ProblemCode code = host ? ProblemCode.INVALID_HOST_NAME : ProblemCode.INVALID_NAME;
    String shown = quote(s);
    if (bare.isEmpty()) {
      add(field, code, what + " must not be the root");
      return Optional.empty();
    }
    if (bare.length() > MAX_NAME_LENGTH) {
      add(field, code, what + " is longer than " + MAX_NAME_LENGTH + " characters");
      return Optional.empty();
    }
    // A dot escaped as in a master file (a Name's text form writes a dot inside a label so) does
    // not end a label: the label is then reported for its dot.
    String[] labels = bare.split("(?<!\\\\)\\.", -1);
    if (host && labels.length < 2) {
      add(
          field,
          code,
          what
              + " "
              + shown
              + " is not a fully qualified host name; write it like ns1.example.net");
      return Optional.empty();
    }
    for (String label : labels) {
      String problem = labelProblem(label, host);
      if (problem != null) {
        add(field, code, what + " " + shown + " " + problem);
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Name.fromString(bare + "."));
    } catch (TextParseException e) {
      add(field, code, what + " " + shown + " is not a valid domain name");
      return Optional.empty();
    }
  }

  @Nullable
  private static String labelProblem(String label, boolean host) {
    if (label.isEmpty()) {
      return "has an empty label (two dots in a row)";
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      return "has a label longer than " + MAX_LABEL_LENGTH + " characters";
    }
    if (label.equals("*")) {
      return "must not be a wildcard";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ldh && !(c == '_' && !host)) {
        return "contains the character "
            + character(label, i)
            + "; only letters, digits and hyphens"
            + (host ? "" : " (and underscores)")
            + " are allowed";
      }
    }
    if (host && (label.startsWith("-") || label.endsWith("-"))) {
      return "has a label that starts or ends with a hyphen";
    }
    return null;
  }

  /**
   * A name server as typed in: a host name, glue address strings, and where the name came from.
   *
   * @param host the host name as typed
   * @param glue the glue addresses as typed
   * @param provenance where the name came from (a provider preset's source), or empty when typed in
   */
  public record RawNameServer(String host, List<String> glue, Optional<Provenance> provenance) {
    /** Copies the glue list. */
    public RawNameServer {
      glue = List.copyOf(glue);
      Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a typed-in name server without provenance.
     *
     * @param host the host name as typed
     * @param glue the glue addresses as typed
     */
    public RawNameServer(String host, List<String> glue) {
      this(host, glue, Optional.empty());
    }

    /**
     * Returns the raw form of a parsed name server, to be parsed again unchanged.
     *
     * @param ns the name server
     * @return its raw form
     */
    public static RawNameServer of(NameServer ns) {
      List<String> glue = new ArrayList<>();
      for (InetAddress a : ns.glue()) {
        glue.add(AddressPrefix.of(a).toString());
      }
      return new RawNameServer(ns.name().toString(), glue, ns.provenance());
    }
  }

  /**
   * Parses secondary name servers under {@code field[i]}, rejecting case-insensitive duplicates; at
   * least one is required.
   *
   * @param field the field path of the list
   * @param raw the name servers as typed
   * @return the parsed name servers, in the order given
   */
  public Set<NameServer> nameServers(String field, List<RawNameServer> raw) {
    return nameServers(field, raw, "at least one secondary name server is required");
  }

  /**
   * Parses name servers under {@code field[i]}, rejecting case-insensitive duplicates.
   *
   * @param field the field path of the list
   * @param raw the name servers as typed
   * @param whenEmpty the message recorded when the list is empty
   * @return the parsed name servers, in the order given
   */
  public Set<NameServer> nameServers(String field, List<RawNameServer> raw, String whenEmpty) {
    Set<NameServer> result = new LinkedHashSet<>();
    Map<Name, Integer> seen = new HashMap<>();
    if (raw.isEmpty()) {
      add(field, ProblemCode.REQUIRED, whenEmpty);
    }
    for (int i = 0; i < raw.size(); i++) {
      String f = field + "[" + i + "]";
      RawNameServer r = raw.get(i);
      Optional<Name> name = hostName(f, r.host(), "the name server");
      Set<InetAddress> glue = new LinkedHashSet<>();
      for (int g = 0; g < r.glue().size(); g++) {
        address(f + ".glue[" + g + "]", r.glue().get(g), "the glue address").ifPresent(glue::add);
      }
      if (name.isEmpty()) {
        continue;
      }
      Integer first = seen.putIfAbsent(name.get(), i);
      if (first != null) {
        add(
            f,
            ProblemCode.DUPLICATE_NAME_SERVER,
            "the name server "
                + name.get()
                + " is listed twice (also at "
                + field
                + "["
                + first
                + "]); names ignore letter case");
        continue;
      }
      r.provenance().ifPresent(source -> provenance(f + ".provenance", source));
      result.add(new NameServer(name.get(), glue, r.provenance()));
    }
    return result;
  }

  /**
   * Parses an IPv4 or IPv6 literal, never asking a resolver.
   *
   * @param field the field path
   * @param text the address as typed
   * @param what the value's description for the message, such as "the address"
   * @return the address, or empty after recording a problem
   */
  public Optional<InetAddress> address(String field, @Nullable String text, String what) {
    if (text == null || text.isBlank()) {
      add(field, ProblemCode.REQUIRED, what + " is required");
      return Optional.empty();
    }
    Optional<InetAddress> parsed = IpLiterals.parse(text);
    if (parsed.isEmpty()) {
      add(
          field,
          ProblemCode.INVALID_ADDRESS,
          what + " " + quote(text.strip()) + " is not an IPv4 or IPv6 address");
    }
    return parsed;
  }

  /**
   * Parses an address or CIDR prefix.
   *
   * @param field the field path
   * @param text the prefix as typed
   * @return the prefix, or empty after recording a problem
   */
  public Optional<AddressPrefix> prefix(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      add(field, ProblemCode.REQUIRED, "an address or CIDR prefix is required");
      return Optional.empty();
    }
    try {
      return Optional.of(AddressPrefix.parse(text));
    } catch (IllegalArgumentException e) {
      add(
          field,
          ProblemCode.INVALID_PREFIX,
          Objects.requireNonNullElse(e.getMessage(), "not an address or CIDR prefix: " + text));
      return Optional.empty();
    }
  }

  /**
   * Parses a TSIG algorithm; blank means hmac-sha256.
   *
   * @param field the field path
   * @param text the algorithm as typed
   * @return the algorithm, or empty after recording a problem
   */
  public Optional<TsigAlgorithm> tsigAlgorithm(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(TsigAlgorithm.HMAC_SHA256);
    }
    try {
      return Optional.of(TsigAlgorithm.parse(text));
    } catch (IllegalArgumentException e) {
      add(
          field,
          ProblemCode.UNSUPPORTED_TSIG_ALGORITHM,
          Objects.requireNonNullElse(e.getMessage(), "unsupported TSIG algorithm: " + text));
      return Optional.empty();
    }
  }

  /**
   * Decodes a base64 secret. The message never repeats the input: it is a secret.
   *
   * @param field the field path
   * @param base64 the secret as typed
   * @return the secret, or empty after recording a problem
   */
  public Optional<byte[]> secret(String field, @Nullable String base64) {
    if (base64 == null || base64.isBlank()) {
      add(field, ProblemCode.REQUIRED, "the TSIG secret is required");
      return Optional.empty();
    }
    String compact = base64.replaceAll("\\s+", "");
    try {
      byte[] bytes = Base64.getDecoder().decode(compact);
      if (bytes.length == 0) {
        add(field, ProblemCode.INVALID_TSIG_SECRET, "the TSIG secret decodes to nothing");
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IllegalArgumentException e) {
      add(
          field,
          ProblemCode.INVALID_TSIG_SECRET,
          "the TSIG secret is not valid base64 (as generated by tsig-keygen or keymgr)");
      return Optional.empty();
    }
  }

  /**
   * Checks an optional label: blank means none; longer than {@link #MAX_FREE_TEXT} is refused.
   *
   * @param field the field path
   * @param text the label as typed, or null
   * @return the stripped label, or empty when blank or refused
   */
  public Optional<String> label(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    if (s.length() > MAX_FREE_TEXT) {
      add(field, ProblemCode.TOO_LONG, "is longer than " + MAX_FREE_TEXT + " characters");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /**
   * Checks a required text (a display name, a hint, a reason): not blank, at most {@code maxLength}
   * characters once stripped.
   *
   * @param field the field path
   * @param text the text, or null
   * @param maxLength the longest text accepted
   * @return the stripped text; empty after recording a problem
   */
  public Optional<String> text(String field, @Nullable String text, int maxLength) {
    if (text == null || text.isBlank()) {
      add(field, ProblemCode.REQUIRED, "a non-blank text is required");
      return Optional.empty();
    }
    String s = text.strip();
    if (s.length() > maxLength) {
      add(field, ProblemCode.TOO_LONG, "is longer than " + maxLength + " characters");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /**
   * Checks a port: {@value #MIN_PORT} to {@value #MAX_PORT}.
   *
   * @param field the field path
   * @param port the port
   * @return true when valid; otherwise a problem is recorded
   */
  public boolean port(String field, int port) {
    if (port >= MIN_PORT && port <= MAX_PORT) {
      return true;
    }
    add(field, ProblemCode.INVALID_PORT, portOutOfRange(port));
    return false;
  }

  /**
   * The one wording of a port outside its range, used by every check of a port.
   *
   * @param port the port
   * @return the message
   */
  public static String portOutOfRange(int port) {
    return "the port must be between " + MIN_PORT + " and " + MAX_PORT + ", was " + port;
  }

  /**
   * Checks where a value came from: a non-blank source of at most {@link #MAX_FREE_TEXT}
   * characters.
   *
   * @param field the field path of the provenance
   * @param provenance the provenance
   */
  public void provenance(String field, Provenance provenance) {
    text(field + ".source", provenance.source(), MAX_FREE_TEXT);
  }

  /**
   * Parses an absolute http or https link.
   *
   * @param field the field path
   * @param text the link as typed
   * @return the link, or empty after recording a problem
   */
  public Optional<URI> url(String field, String text) {
    String s = text.strip();
    try {
      URI uri = new URI(s);
      return url(field, uri) ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      add(field, ProblemCode.INVALID_URL, quote(s) + " is not a valid URL: " + e.getReason());
      return Optional.empty();
    }
  }

  /**
   * Checks that a link is an absolute http or https URL with a host.
   *
   * @param field the field path
   * @param uri the link
   * @return true when valid; otherwise a problem is recorded
   */
  public boolean url(String field, URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isAbsolute()
        && (scheme.equals("https") || scheme.equals("http"))
        && uri.getHost() != null) {
      return true;
    }
    add(
        field,
        ProblemCode.INVALID_URL,
        quote(uri.toString()) + " is not an absolute http or https URL");
    return false;
  }

  /**
   * Quotes user input for a message, shortened and with control characters made visible.
   *
   * @param text the input
   * @return the quoted text
   */
  public static String quote(String text) {
    String s = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      sb.append(printable(s.charAt(i)));
    }
    return sb.append('\'').toString();
  }

  /**
   * The character at {@code i} as the message shows it: quoted, and when it begins a master-file
   * escape (RFC 1035 section 5.1: {@code \DDD} or {@code \X}, as {@code Name#toString} writes a
   * space or a dot inside a label), the character the escape stands for, so that a name made from
   * "bad name" is said to contain ' ', not '\'.
   */
  private static String character(String label, int i) {
    char c = label.charAt(i);
    if (c != '\\' || i + 1 >= label.length()) {
      return "'" + printable(c) + "'";
    }
    if (i + 3 < label.length()
        && isAsciiDigit(label.charAt(i + 1))
        && isAsciiDigit(label.charAt(i + 2))
        && isAsciiDigit(label.charAt(i + 3))) {
      int value = Integer.parseInt(label.substring(i + 1, i + 4));
      if (value <= 0xFF) {
        return "'" + printable((char) value) + "' (written " + label.substring(i, i + 4) + ")";
      }
    }
    return "'" + printable(label.charAt(i + 1)) + "' (written " + label.substring(i, i + 2) + ")";
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String printable(char c) {
    return Character.isISOControl(c) || (Character.isWhitespace(c) && c != ' ')
        ? String.format("\\u%04x", (int) c)
        : String.valueOf(c);
  }
}
