package io.github.secdns.examples.cli;

import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.UrlRecord;
import io.github.secdns.core.export.VirtualRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a zone as a host stores it from master-file text: standard records through dnsjava's {@link
 * Master} parser ({@code $ORIGIN}, {@code $TTL}, relative names, parentheses), plus the platform's
 * virtual records written like records:
 *
 * <pre>
 * &#64;     3600 IN ALIAS app.cdn.example.net.
 * go    3600 IN URL   https://www.example.org/
 * </pre>
 *
 * <p>A virtual record line must name its owner (no blank owner field) and stand on one line. {@code
 * $INCLUDE} is refused. The zone's apex NS records are the host's own (primary) name servers.
 */
final class HostZoneFile {

  /** The zone and its primary name servers (the apex NS records of the file). */
  record Loaded(HostZone zone, List<Name> primaryNameServers) {}

  private static final long DEFAULT_TTL = 3600;

  private HostZoneFile() {}

  /**
   * Parses the text.
   *
   * @param source the file name for messages
   * @throws UsageException naming the file and line of the first problem
   */
  static Loaded parse(String text, String source, Name origin) throws UsageException {
    List<VirtualRecord> virtuals = new ArrayList<>();
    StringBuilder standard = new StringBuilder();
    Name currentOrigin = origin;
    long defaultTtl = DEFAULT_TTL;
    int depth = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String where = source + ":" + (i + 1);
      String content = stripComment(raw);
      if (depth == 0) {
        String[] tokens = content.strip().split("\\s+");
        String first = tokens[0].toUpperCase(Locale.ROOT);
        if (first.equals("$INCLUDE")) {
          throw new UsageException(where + ": $INCLUDE is not supported");
        }
        if (first.equals("$ORIGIN") && tokens.length > 1) {
          currentOrigin = name(tokens[1], Name.root, where);
        } else if (first.equals("$TTL") && tokens.length > 1) {
          try {
            defaultTtl = TTL.parseTTL(tokens[1]);
          } catch (NumberFormatException e) {
            throw new UsageException(where + ": bad $TTL '" + tokens[1] + "'");
          }
        } else if (!first.isEmpty() && !first.startsWith("$")) {
          VirtualRecord v = virtual(content, currentOrigin, defaultTtl, where);
          if (v != null) {
            virtuals.add(v);
            standard.append('\n');
            continue;
          }
        }
      }
      depth = Math.max(0, depth + parenthesesDelta(content));
      standard.append(raw).append('\n');
    }
    List<Record> records = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(standard.toString().getBytes(StandardCharsets.UTF_8)),
            origin,
            DEFAULT_TTL)) {
      master.disableIncludes();
      Record r;
      while ((r = master.nextRecord()) != null) {
        records.add(r);
      }
    } catch (TextParseException e) {
      throw new UsageException(String.valueOf(e.getMessage()).replace("<none>", source));
    } catch (IOException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
    SOARecord soa = null;
    List<Record> others = new ArrayList<>();
    List<Name> primaries = new ArrayList<>();
    for (Record r : records) {
      if (r.getType() == Type.SOA) {
        if (!r.getName().equals(origin)) {
          throw new UsageException(
              source + ": SOA record at " + r.getName() + ", outside the zone's apex " + origin);
        }
        if (soa != null) {
          throw new UsageException(source + ": more than one SOA record at " + origin);
        }
        soa = (SOARecord) r;
      } else {
        if (r.getType() == Type.NS && r.getName().equals(origin)) {
          primaries.add(((NSRecord) r).getTarget());
        }
        others.add(r);
      }
    }
    if (soa == null) {
      throw new UsageException(source + ": no SOA record at the zone's apex " + origin);
    }
    if (primaries.isEmpty()) {
      throw new UsageException(
          source + ": no NS record at the zone's apex " + origin + " (the primary name servers)");
    }
    HostZone zone;
    try {
      zone = HostZone.builder(soa).records(others).virtualRecords(virtuals).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
    return new Loaded(zone, List.copyOf(primaries));
  }

  /** The ALIAS or URL record on this line, or null when it is a standard record. */
  private static VirtualRecord virtual(String content, Name origin, long defaultTtl, String where)
      throws UsageException {
    boolean blankOwner = Character.isWhitespace(content.charAt(0));
    String[] tokens = content.strip().split("\\s+");
    int i = blankOwner ? 0 : 1;
    long ttl = defaultTtl;
    for (int n = 0; n < 2 && i < tokens.length; n++) {
      if (Character.isDigit(tokens[i].charAt(0))) {
        try {
          ttl = TTL.parseTTL(tokens[i]);
        } catch (NumberFormatException e) {
          return null;
        }
        i++;
      } else if (DClass.value(tokens[i]) >= 0) {
        if (DClass.value(tokens[i]) != DClass.IN) {
          return null;
        }
        i++;
      }
    }
    if (i >= tokens.length) {
      return null;
    }
    String type = tokens[i].toUpperCase(Locale.ROOT);
    if (!type.equals("ALIAS") && !type.equals("URL")) {
      return null;
    }
    if (blankOwner) {
      throw new UsageException(
          where + ": an " + type + " record needs its owner name on the" + " same line");
    }
    if (i + 2 != tokens.length) {
      throw new UsageException(
          where
              + ": "
              + type
              + " needs exactly one value: "
              + (type.equals("ALIAS") ? "the target host name" : "the destination URL"));
    }
    Name owner = tokens[0].equals("@") ? origin : name(tokens[0], origin, where);
    String value = tokens[i + 1];
    try {
      if (type.equals("ALIAS")) {
        return new AliasRecord(owner, ttl, name(value, origin, where));
      }
      String destination =
          value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
              ? value.substring(1, value.length() - 1)
              : value;
      return new UrlRecord(owner, ttl, destination);
    } catch (IllegalArgumentException e) {
      throw new UsageException(where + ": " + e.getMessage());
    }
  }

  private static Name name(String text, Name origin, String where) throws UsageException {
    try {
      return Name.fromString(text, origin);
    } catch (TextParseException e) {
      throw new UsageException(where + ": '" + text + "' is not a DNS name");
    }
  }

  /** The line without its comment (a ';' outside double quotes). */
  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static int parenthesesDelta(String content) {
    int delta = 0;
    boolean quoted = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        delta++;
      } else if (!quoted && c == ')') {
        delta--;
      }
    }
    return delta;
  }
}
