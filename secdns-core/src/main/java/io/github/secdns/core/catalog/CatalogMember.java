package io.github.secdns.core.catalog;

import io.github.secdns.core.config.CatalogMembership;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/**
 * One member zone of a catalog as the producer should list it: its name, its label, and its
 * optional properties (RFC 9432 section 4.3).
 *
 * <p>Immutable and thread-safe. The values are only checked by {@link CatalogProducer#produce},
 * which reports every problem of every member at once; this record holds them as given.
 *
 * @param zone the member zone's name, absolute
 * @param dclass the member zone's class (a dnsjava {@link DClass} value); catalogs list class IN
 *     zones only
 * @param label the member node's label, kept by the host ({@link MemberLabels})
 * @param groups the values of the catalog's group property, each one TXT record with one
 *     character-string ({@link CatalogMembership#groupProblem} says which values are valid); empty
 *     for none
 * @param changeOfOwnership the {@code coo} property: the catalog the member migrates to, if any
 */
public record CatalogMember(
    Name zone,
    int dclass,
    MemberLabel label,
    List<String> groups,
    Optional<Name> changeOfOwnership) {

  /** Checks for nulls and copies the groups. */
  public CatalogMember {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(label, "label");
    groups = List.copyOf(groups);
    Objects.requireNonNull(changeOfOwnership, "changeOfOwnership");
  }

  /**
   * A class IN member without properties.
   *
   * @param zone the member zone, absolute
   * @param label its label
   * @return the member
   */
  public static CatalogMember of(Name zone, MemberLabel label) {
    return new CatalogMember(zone, DClass.IN, label, List.of(), Optional.empty());
  }

  /**
   * A member without properties, named and classed by its snapshot's SOA.
   *
   * @param zone the member zone's current version
   * @param label its label
   * @return the member
   */
  public static CatalogMember of(ZoneSnapshot zone, MemberLabel label) {
    return new CatalogMember(
        zone.origin(), zone.soa().getDClass(), label, List.of(), Optional.empty());
  }

  /**
   * Returns this member with other {@code group} property values.
   *
   * @param values the values; empty for none
   * @return the member
   */
  public CatalogMember withGroups(Collection<String> values) {
    return new CatalogMember(zone, dclass, label, List.copyOf(values), changeOfOwnership);
  }

  /**
   * Returns this member with a {@code coo} property: it migrates to another catalog.
   *
   * @param newCatalog the catalog that takes the member over, absolute
   * @return the member
   */
  public CatalogMember withChangeOfOwnership(Name newCatalog) {
    return new CatalogMember(zone, dclass, label, groups, Optional.of(newCatalog));
  }

  /**
   * Returns this member with another label.
   *
   * @param newLabel the label
   * @return the member
   */
  public CatalogMember withLabel(MemberLabel newLabel) {
    return new CatalogMember(zone, dclass, newLabel, groups, changeOfOwnership);
  }
}
