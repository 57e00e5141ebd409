package io.github.secdns.core.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * A name server host name with optional glue addresses.
 *
 * <p>Glue matters only where the host publishes the delegation itself (it is the registrar) and the
 * name server lies inside the zone it serves. Names compare case-insensitively, as DNS names do
 * ({@link Name#equals}).
 *
 * @param name the absolute host name
 * @param glue the glue addresses (IPv4 and IPv6), possibly empty; unmodifiable, in the given order
 * @param provenance the source of a name copied from a provider preset (with its confidence), for
 *     display; absent for names the customer typed in
 */
public record NameServer(Name name, Set<InetAddress> glue, Optional<Provenance> provenance) {

  /** Checks for nulls and makes {@code glue} an unmodifiable copy. */
  public NameServer {
    Objects.requireNonNull(name, "name");
    glue = OrderedSets.copyOf(glue);
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * Creates a name server without provenance (typed in by the customer).
   *
   * @param name the absolute host name
   * @param glue the glue addresses, possibly empty
   */
  public NameServer(Name name, Set<InetAddress> glue) {
    this(name, glue, Optional.empty());
  }

  /**
   * Returns a name server without glue.
   *
   * @param name the absolute host name
   * @return the name server
   */
  public static NameServer of(Name name) {
    return new NameServer(name, Set.of());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NameServer other
        && other.name.equals(name)
        && other.glue.equals(glue)
        && other.provenance.equals(provenance);
  }

  @Override
  public int hashCode() {
    return (31 * name.hashCode() + glue.hashCode()) * 31 + provenance.hashCode();
  }

  @Override
  public String toString() {
    if (glue.isEmpty()) {
      return name.toString();
    }
    StringBuilder sb = new StringBuilder(name.toString()).append(" (");
    String sep = "";
    for (InetAddress a : glue) {
      sb.append(sep).append(AddressPrefix.of(a));
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
