package io.github.secdns.core.config;

import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * That a zone belongs to a catalog zone (RFC 9432): the host lists it in that catalog, so that
 * secondaries which consume the catalog add and transfer the zone by themselves. A host usually
 * keeps one catalog per secondary provider (every zone configured with that provider's name servers
 * names it), and the group tells the provider's consumers which of their templates to apply (Knot's
 * {@code catalog-template}).
 *
 * <p>Immutable and thread-safe. Built by {@link
 * SecondaryDnsConfiguration.Builder#catalogMembership}, which reports problems with the
 * configuration's other problems.
 *
 * @param catalog the catalog zone's name, absolute
 * @param group the {@code group} property value for the zone, if any
 */
public record CatalogMembership(Name catalog, Optional<String> group) {

  /**
   * The longest catalog name in octets: {@code group.<63-octet label>.zones.} takes 76 of the 255
   * octets a name may have.
   */
  public static final int MAX_CATALOG_NAME_OCTETS = 179;

  /** The longest group value: one TXT character-string (RFC 1035 section 3.3). */
  public static final int MAX_GROUP_LENGTH = 255;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when the catalog name is relative or the root, or the group
   *     value is not one (see {@link #groupProblem})
   */
  public CatalogMembership {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(group, "group");
    if (!catalog.isAbsolute() || catalog.labels() <= 1) {
      throw new IllegalArgumentException(
          "a catalog name must be absolute and not the root: " + catalog);
    }
    group
        .flatMap(CatalogMembership::groupProblem)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
  }

  /**
   * Tells what is wrong with a {@code group} property value (RFC 9432 section 4.3.2), if anything.
   * A value is one TXT character-string of 1 to 255 octets of printable ASCII without spaces:
   * consumers compare it with the names of their own configuration templates (Knot's {@code
   * catalog-template} ids), and RFC 9432's drafts forbade whitespace in it.
   *
   * @param value the value
   * @return a message saying what is wrong, or empty when the value is valid
   */
  public static Optional<String> groupProblem(String value) {
    if (value.isEmpty()) {
      return Optional.of("a group value must not be empty");
    }
    if (value.length() > MAX_GROUP_LENGTH) {
      return Optional.of(
          "a group value has at most " + MAX_GROUP_LENGTH + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        return Optional.of(
            "a group value holds only printable ASCII characters without spaces; found U+"
                + String.format("%04X", (int) c)
                + " at position "
                + (i + 1));
      }
    }
    return Optional.empty();
  }

  // equals and hashCode by hand: a record's generated ones spin classes on first use, on serve's
  // start with a catalog (docs/ARCHITECTURE.md, "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CatalogMembership other
        && other.catalog.equals(catalog)
        && other.group.equals(group);
  }

  @Override
  public int hashCode() {
    return catalog.hashCode() * 31 + group.hashCode();
  }

  @Override
  public String toString() {
    return group.map(g -> catalog + " (group " + g + ")").orElse(catalog.toString());
  }
}
