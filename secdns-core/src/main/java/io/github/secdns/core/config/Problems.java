package io.github.secdns.core.config;

import io.github.secdns.core.internal.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Collects the problems of one validation run and parses form input into typed values. Every parse
 * method records a problem and returns empty instead of throwing, so that a build reports all
 * problems at once.
 *
 * <p>Not thread-safe; one instance per validation run.
 */
final class Problems {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;
  static final int MAX_FREE_TEXT = 255;

  private final List<ValidationProblem> problems = new ArrayList<>();

  void add(String field, ProblemCode code, String message) {
    problems.add(new ValidationProblem(field, code, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new ValidationException(subject, problems);
    }
  }

  /** Parses a zone or key name: any valid domain name except the root and wildcards. */
  Optional<Name> domainName(String field, @Nullable String text, String what) {
    return name(field, text, what, false);
  }

  /** Parses a host name: letters, digits and hyphens, at least two labels. */
  Optional<Name> hostName(String field, @Nullable String text, String what) {
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
    String[] labels = bare.split("\\.", -1);
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
        return "contains the character '"
            + printable(c)
            + "'; only letters, digits and hyphens"
            + (host ? "" : " (and underscores)")
            + " are allowed";
      }
    }
    if (host && (label.startsWith("-") || label.endsWith("-"))) {
      return "has a label that starts or ends with a hyphen";
    }
    return null;
  }

  /** A name server as typed in: a host name and glue address strings. */
  record RawNameServer(String host, List<String> glue) {
    RawNameServer {
      glue = List.copyOf(glue);
    }

    static RawNameServer of(NameServer ns) {
      List<String> glue = new ArrayList<>();
      for (InetAddress a : ns.glue()) {
        glue.add(AddressPrefix.of(a).toString());
      }
      return new RawNameServer(ns.name().toString(), glue);
    }
  }

  /**
   * Parses name servers under {@code field[i]}, rejecting case-insensitive duplicates; at least one
   * is required.
   */
  java.util.Set<NameServer> nameServers(String field, List<RawNameServer> raw) {
    java.util.Set<NameServer> result = new java.util.LinkedHashSet<>();
    java.util.Map<Name, Integer> seen = new java.util.HashMap<>();
    if (raw.isEmpty()) {
      add(field, ProblemCode.REQUIRED, "at least one secondary name server is required");
    }
    for (int i = 0; i < raw.size(); i++) {
      String f = field + "[" + i + "]";
      RawNameServer r = raw.get(i);
      Optional<Name> name = hostName(f, r.host(), "the name server");
      java.util.Set<InetAddress> glue = new java.util.LinkedHashSet<>();
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
      result.add(new NameServer(name.get(), glue));
    }
    return result;
  }

  Optional<InetAddress> address(String field, @Nullable String text, String what) {
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

  Optional<AddressPrefix> prefix(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      add(field, ProblemCode.REQUIRED, "an address or CIDR prefix is required");
      return Optional.empty();
    }
    try {
      return Optional.of(AddressPrefix.parse(text));
    } catch (IllegalArgumentException e) {
      add(field, ProblemCode.INVALID_PREFIX, e.getMessage());
      return Optional.empty();
    }
  }

  Optional<TsigAlgorithm> tsigAlgorithm(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(TsigAlgorithm.HMAC_SHA256);
    }
    try {
      return Optional.of(TsigAlgorithm.parse(text));
    } catch (IllegalArgumentException e) {
      add(field, ProblemCode.UNSUPPORTED_TSIG_ALGORITHM, e.getMessage());
      return Optional.empty();
    }
  }

  /** Decodes a base64 secret. The message never repeats the input: it is a secret. */
  Optional<byte[]> secret(String field, @Nullable String base64) {
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

  Optional<String> label(String field, @Nullable String text) {
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

  /** Quotes user input for a message, shortened and with control characters made visible. */
  static String quote(String text) {
    String s = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      sb.append(printable(s.charAt(i)));
    }
    return sb.append('\'').toString();
  }

  private static String printable(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
        ? String.format("\\u%04x", (int) c)
        : String.valueOf(c);
  }
}
