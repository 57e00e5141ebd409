package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * What the host knows about a zone when Secondary DNS is enabled, edited or disabled: the facts the
 * lifecycle planner needs and cannot find out itself (it does no I/O).
 *
 * @param zone the zone (an absolute name); it must be the configuration's zone
 * @param primaryNameServers the host's own name servers for the zone, such as {@code
 *     ns1.dnsimple.com} to {@code ns4.dnsimple.com}; never empty
 * @param apexNameServers the zone's apex NS set as it is now, possibly empty
 * @param registryDelegation the NS set at the registry (the parent zone) as it is now, or empty
 *     when the host does not know it
 * @param dnssecEnabled whether the zone is signed; Secondary DNS cannot be enabled then
 * @param registration whether the host is the domain's registrar
 */
public record ZoneState(
    Name zone,
    NameServerNames primaryNameServers,
    NameServerNames apexNameServers,
    Optional<NameServerNames> registryDelegation,
    boolean dnssecEnabled,
    DomainRegistration registration) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when the zone is not absolute or there is no primary name
   *     server
   */
  public ZoneState {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(primaryNameServers, "primaryNameServers");
    Objects.requireNonNull(apexNameServers, "apexNameServers");
    Objects.requireNonNull(registryDelegation, "registryDelegation");
    Objects.requireNonNull(registration, "registration");
    if (!zone.isAbsolute()) {
      throw new IllegalArgumentException("the zone must be an absolute name: " + zone);
    }
    if (primaryNameServers.isEmpty()) {
      throw new IllegalArgumentException("a zone needs at least one primary name server");
    }
  }

  /**
   * Tells how the zone is delegated now, judged by the primary name servers: delegated to the
   * primary when the registry delegation lists at least one of them.
   *
   * @return the delegation status
   */
  public DelegationStatus delegationStatus() {
    return registryDelegation
        .map(
            d ->
                d.intersects(primaryNameServers)
                    ? DelegationStatus.DELEGATED_TO_PRIMARY
                    : DelegationStatus.NOT_DELEGATED_TO_PRIMARY)
        .orElse(DelegationStatus.UNKNOWN);
  }

  /**
   * Returns this state with another apex NS set, as after the host applied an {@link ApexNsChange}.
   *
   * @param apex the new apex NS set
   * @return a new state
   */
  public ZoneState withApexNameServers(NameServerNames apex) {
    return new ZoneState(
        zone, primaryNameServers, apex, registryDelegation, dnssecEnabled, registration);
  }

  /**
   * Returns this state with another registry delegation, as after a {@link DelegationPlan} was
   * carried out.
   *
   * @param delegation the delegation now at the registry, or empty when unknown
   * @return a new state
   */
  public ZoneState withRegistryDelegation(Optional<NameServerNames> delegation) {
    return new ZoneState(
        zone, primaryNameServers, apexNameServers, delegation, dnssecEnabled, registration);
  }

  /**
   * Starts a builder that takes names as strings, as a host reads them from its database or a
   * registry: with or without the trailing dot, any letter case.
   *
   * @return a new builder; by default the delegation is unknown, DNSSEC off, and the domain
   *     registered elsewhere
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects the facts of a {@link ZoneState} from strings. Nothing is checked until {@link
   * #build()}, which reports every problem at once. Not thread-safe.
   */
  public static final class Builder {
    private static final String SET_FIELD = "nameServers";

    @Nullable private String zone;
    private final List<String> primary = new ArrayList<>();
    private final List<String> apex = new ArrayList<>();
    @Nullable private List<String> delegation;
    private boolean dnssecEnabled;
    private DomainRegistration registration = DomainRegistration.ELSEWHERE;

    private Builder() {}

    /**
     * Sets the zone.
     *
     * @param zone the zone name
     * @return this builder
     */
    public Builder zone(String zone) {
      this.zone = zone;
      return this;
    }

    /**
     * Replaces the host's own name servers for the zone.
     *
     * @param hostNames the host names
     * @return this builder
     */
    public Builder primaryNameServers(Collection<String> hostNames) {
      primary.clear();
      primary.addAll(hostNames);
      return this;
    }

    /**
     * Replaces the apex NS set.
     *
     * @param hostNames the NS targets at the zone apex
     * @return this builder
     */
    public Builder apexNameServers(Collection<String> hostNames) {
      apex.clear();
      apex.addAll(hostNames);
      return this;
    }

    /**
     * Sets the NS set at the registry.
     *
     * @param hostNames the delegation's name servers; an empty collection means the domain is
     *     delegated to no name server at all
     * @return this builder
     */
    public Builder registryDelegation(Collection<String> hostNames) {
      delegation = new ArrayList<>(hostNames);
      return this;
    }

    /**
     * Forgets the registry delegation: the host does not know it (the default).
     *
     * @return this builder
     */
    public Builder registryDelegationUnknown() {
      delegation = null;
      return this;
    }

    /**
     * Sets whether the zone is signed with DNSSEC.
     *
     * @param enabled true when DNSSEC is on
     * @return this builder
     */
    public Builder dnssecEnabled(boolean enabled) {
      this.dnssecEnabled = enabled;
      return this;
    }

    /**
     * Sets where the domain is registered.
     *
     * @param registration with the host or elsewhere (the default)
     * @return this builder
     */
    public Builder registration(DomainRegistration registration) {
      this.registration = Objects.requireNonNull(registration, "registration");
      return this;
    }

    /**
     * Validates and builds the state.
     *
     * @return the state
     * @throws ValidationException listing every problem with its field path ({@code zone}, {@code
     *     primaryNameServers[1]}, ...) and a stable code: a missing or malformed name (name servers
     *     follow the configuration model's host name rules), a name listed twice in one list
     *     (ignoring letter case and the trailing dot), no primary name server
     */
    public ZoneState build() {
      List<ValidationProblem> problems = new ArrayList<>();
      Name zoneName = parseZone(problems, zone);
      NameServerNames primaryNames = parseAll(problems, "primaryNameServers", primary);
      if (primary.isEmpty()) {
        problems.add(
            new ValidationProblem(
                "primaryNameServers",
                ProblemCode.REQUIRED,
                "at least one primary name server (the host's own) is required"));
      }
      NameServerNames apexNames = parseAll(problems, "apexNameServers", apex);
      Optional<NameServerNames> delegationNames =
          delegation == null
              ? Optional.empty()
              : Optional.of(parseAll(problems, "registryDelegation", delegation));
      if (!problems.isEmpty()) {
        throw new ValidationException(
            "zone state" + (zoneName == null ? "" : " of " + zoneName), problems);
      }
      return new ZoneState(
          Objects.requireNonNull(zoneName),
          primaryNames,
          apexNames,
          delegationNames,
          dnssecEnabled,
          registration);
    }

    /**
     * Parses host names with exactly the configuration model's rules (letters, digits and hyphens,
     * at least two labels, no name twice ignoring letter case) by building a {@link NameServerSet},
     * the model's public entry point for a list of host names, and moves its problems to this
     * builder's field paths.
     */
    private static NameServerNames parseAll(
        List<ValidationProblem> problems, String field, List<String> texts) {
      if (texts.isEmpty()) {
        return NameServerNames.empty();
      }
      NameServerSet.Builder set = NameServerSet.builder().id(field).label(field);
      for (String text : texts) {
        set.addNameServer(text);
      }
      try {
        return NameServerNames.of(
            set.build().nameServers().stream().map(NameServer::name).collect(Collectors.toList()));
      } catch (ValidationException e) {
        for (ValidationProblem p : e.problems()) {
          String f =
              p.field().startsWith(SET_FIELD)
                  ? field + p.field().substring(SET_FIELD.length())
                  : field;
          problems.add(
              new ValidationProblem(
                  f, p.code(), p.message().replace("(also at " + SET_FIELD, "(also at " + field)));
        }
        return NameServerNames.empty();
      }
    }

    @Nullable
    private static Name parseZone(List<ValidationProblem> problems, @Nullable String text) {
      if (text == null || text.isBlank()) {
        problems.add(new ValidationProblem("zone", ProblemCode.REQUIRED, "the zone is required"));
        return null;
      }
      // Lenient on purpose: enable/edit/disable refuse a state whose zone is not the
      // configuration's, and the configuration's zone was validated strictly.
      try {
        Name n = Name.fromString(text.strip(), Name.root);
        if (!n.equals(Name.root)) {
          return n;
        }
      } catch (TextParseException e) {
        // reported below
      }
      problems.add(
          new ValidationProblem(
              "zone", ProblemCode.INVALID_NAME, "the zone is not a valid domain name"));
      return null;
    }
  }
}
