package io.github.secdns.examples.host;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The text columns of a stored configuration's lists (name servers, transfer ACL, NOTIFY targets),
 * one entry per line, so that a configuration read back equals the one saved: glue addresses, ACL
 * labels and where a preset read each value (its provenance) included. A restart, or a second
 * process serving what another one edits, must not serve a zone differently (an in-zone secondary
 * without its glue) nor lose what the diagnostics say about a value's confidence.
 *
 * <p>An entry's fields are separated by tabs; its first field is what version 1 of the schema
 * stored alone (a host name, a prefix, {@code address port [key]}), so rows written before keep
 * reading the same. Free text (labels, provenance sources) is escaped: backslash, tab, line feed
 * and carriage return as {@code \\}, {@code \t}, {@code \n}, {@code \r}. An optional text field is
 * empty when absent and starts with {@code +} when present (an empty label is still a label).
 */
final class ConfigurationColumns {

  private ConfigurationColumns() {}

  static String nameServers(Collection<NameServer> nameServers) {
    List<String> lines = new ArrayList<>();
    for (NameServer ns : nameServers) {
      List<String> glue = new ArrayList<>();
      for (InetAddress a : ns.glue()) {
        glue.add(AddressPrefix.of(a).toString());
      }
      lines.add(ns.name() + "\t" + String.join(",", glue) + provenance(ns.provenance()));
    }
    return String.join("\n", lines);
  }

  static void addNameServers(String column, SecondaryDnsConfiguration.Builder b) {
    for (String line : lines(column)) {
      String[] f = line.split("\t", -1);
      List<String> glue =
          f.length > 1 && !f[1].isEmpty() ? Arrays.asList(f[1].split(",", -1)) : List.of();
      b.addSecondaryNameServer(f[0], glue, provenance(f, 2));
    }
  }

  static String transferAcl(Collection<AclEntry> acl) {
    List<String> lines = new ArrayList<>();
    for (AclEntry e : acl) {
      lines.add(e.prefix() + "\t" + optional(e.label()) + provenance(e.provenance()));
    }
    return String.join("\n", lines);
  }

  static void addTransferAcl(String column, SecondaryDnsConfiguration.Builder b) {
    for (String line : lines(column)) {
      String[] f = line.split("\t", -1);
      b.addAclEntry(f[0], f.length > 1 ? optional(f[1]) : null, provenance(f, 2));
    }
  }

  static String notifyTargets(Collection<NotifyTarget> targets) {
    List<String> lines = new ArrayList<>();
    for (NotifyTarget t : targets) {
      lines.add(
          t.address().getHostAddress()
              + " "
              + t.port()
              + t.keyName().map(k -> " " + k).orElse("")
              + provenance(t.provenance()));
    }
    return String.join("\n", lines);
  }

  static void addNotifyTargets(String column, SecondaryDnsConfiguration.Builder b) {
    for (String line : lines(column)) {
      String[] f = line.split("\t", -1);
      String[] parts = f[0].split(" ", -1);
      b.addNotifyTarget(
          parts[0],
          Integer.parseInt(parts[1]),
          parts.length > 2 ? parts[2] : null,
          provenance(f, 1));
    }
  }

  /** The name of a catalog membership's catalog, or null. */
  static @Nullable String catalog(SecondaryDnsConfiguration c) {
    return c.catalogMembership().map(m -> m.catalog().toString()).orElse(null);
  }

  /** The group of a catalog membership, or null. */
  static @Nullable String catalogGroup(SecondaryDnsConfiguration c) {
    return c.catalogMembership().flatMap(m -> m.group()).orElse(null);
  }

  /** A catalog membership read back (none when the catalog column is null). */
  static void addCatalog(
      @Nullable String catalog, @Nullable String group, SecondaryDnsConfiguration.Builder b) {
    if (catalog != null) {
      b.catalogMembership(catalog, group);
    }
  }

  /** Tab-prefixed provenance fields (source, date read, confidence), or nothing. */
  private static String provenance(Optional<Provenance> p) {
    return p.map(v -> "\t" + escape(v.source()) + "\t" + v.read() + "\t" + v.confidence().name())
        .orElse("");
  }

  private static @Nullable Provenance provenance(String[] fields, int at) {
    if (fields.length < at + 3) {
      return null;
    }
    return new Provenance(
        unescape(fields[at]), LocalDate.parse(fields[at + 1]), Confidence.valueOf(fields[at + 2]));
  }

  private static String optional(Optional<String> text) {
    return text.map(t -> "+" + escape(t)).orElse("");
  }

  private static @Nullable String optional(String field) {
    return field.startsWith("+") ? unescape(field.substring(1)) : null;
  }

  private static List<String> lines(String column) {
    return column.isEmpty() ? List.of() : List.of(column.split("\n", -1));
  }

  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        b.append(c);
        continue;
      }
      char n = text.charAt(++i);
      b.append(
          switch (n) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> n;
          });
    }
    return b.toString();
  }
}
