package io.github.secdns.axfr.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Root hints: the addresses of the root name servers, where the {@link Prober} starts its walk to a
 * zone's delegation ({@link Prober.Builder#rootHints}).
 *
 * <p>{@link #iana()} is a copy of IANA's {@code named.root} (last update April 18, 2024; root zone
 * 2024041801, as Debian's dns-root-data ships it), built into this module; {@link #parse} reads a
 * file of the same form (the NS records of the root and the A/AAAA records of their targets), for
 * example a newer {@code named.root}. Stateless and thread-safe; nothing here looks a name up.
 */
public final class RootHints {

  private static final String BUILT_IN = "named.root";

  private RootHints() {}

  /**
   * Returns the addresses of the 13 root servers from the built-in copy of IANA's {@code
   * named.root}, IPv4 first.
   *
   * @return 26 addresses
   */
  public static List<InetAddress> iana() {
    try (InputStream in = RootHints.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in " + BUILT_IN + " is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads root hints in zone file form: the targets of the root's NS records and their A and AAAA
   * records. {@code $INCLUDE} is refused: a hints file names no other file.
   *
   * @param text the file's text
   * @return the addresses of the root's name servers, IPv4 first, in file order
   * @throws IllegalArgumentException when the text does not parse, or names no root server with an
   *     address; the message says what is wrong
   */
  public static List<InetAddress> parse(String text) {
    Set<Name> servers = new LinkedHashSet<>();
    Map<Name, List<InetAddress>> addresses = new LinkedHashMap<>();
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root)) {
      master.disableIncludes(true);
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (r instanceof NSRecord && r.getName().equals(Name.root)) {
          servers.add(((NSRecord) r).getTarget());
        } else if (r instanceof ARecord) {
          addresses
              .computeIfAbsent(r.getName(), k -> new ArrayList<>())
              .add(((ARecord) r).getAddress());
        } else if (r instanceof AAAARecord) {
          addresses
              .computeIfAbsent(r.getName(), k -> new ArrayList<>())
              .add(((AAAARecord) r).getAddress());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the root hints do not parse: " + e.getMessage(), e);
    }
    List<InetAddress> v4 = new ArrayList<>();
    List<InetAddress> v6 = new ArrayList<>();
    for (Name server : servers) {
      for (InetAddress a : addresses.getOrDefault(server, List.of())) {
        (a.getAddress().length == 4 ? v4 : v6).add(a);
      }
    }
    if (v4.isEmpty() && v6.isEmpty()) {
      throw new IllegalArgumentException(
          "the root hints name no root server with an address (NS records for '.' and A/AAAA"
              + " records for their targets)");
    }
    v4.addAll(v6);
    return List.copyOf(v4);
  }
}
