package io.github.secdns.core.preset;

import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * Pre-populates a configuration from one of the three choices of the Secondary DNS form: a provider
 * preset, a name server set, or custom values. Each returns a {@link
 * SecondaryDnsConfiguration.Builder}: the customer can still change every value before it is built
 * and saved ("selecting a pre-configuration will prepopulate the correct values").
 *
 * <p>Applying a preset <em>copies</em> its values: the secondary name servers, the transfer ACL
 * (each entry labelled with the source's label or the preset's display name) and the NOTIFY targets
 * (unsigned), and records the preset id as the origin. It leaves the zone, TSIG keys, transfer
 * authentication, IXFR, revision and enabled flag of the builder as they are. Applying is
 * deterministic and idempotent: applying the same preset again gives the same values.
 *
 * <p>Pure functions; thread-safe. The returned builders are not thread-safe.
 */
public final class PresetApplier {

  private PresetApplier() {}

  /**
   * Applies a preset with fixed name servers to a new configuration of a zone.
   *
   * @param preset the preset
   * @param zone the zone name, as typed; checked when the builder is built
   * @return a builder holding the preset's values
   * @throws ValidationException with the field {@code secondaryNameServers} when the preset needs
   *     customer-supplied name servers (use {@link #apply(ProviderPreset, String, Collection)}); or
   *     when the preset's own data is invalid
   */
  public static SecondaryDnsConfiguration.Builder apply(ProviderPreset preset, String zone) {
    return apply(preset, zone, List.of());
  }

  /**
   * Applies a preset to a new configuration of a zone, with name servers the customer typed in.
   *
   * @param preset the preset
   * @param zone the zone name, as typed; checked when the builder is built
   * @param nameServers the customer's name servers: required for a preset whose name servers are
   *     customer-supplied (Dyn); for a preset with fixed ones, a non-empty list replaces them (the
   *     customer edited the pre-populated field) and an empty list keeps them
   * @return a builder holding the preset's values
   * @throws ValidationException with the field {@code secondaryNameServers} when the preset needs
   *     customer-supplied name servers and none are given; or when the preset's data is invalid
   */
  public static SecondaryDnsConfiguration.Builder apply(
      ProviderPreset preset, String zone, Collection<String> nameServers) {
    Objects.requireNonNull(zone, "zone");
    return applyTo(SecondaryDnsConfiguration.builder().zone(zone), preset, nameServers);
  }

  /**
   * Applies a preset to an existing builder, for a customer who switches provider on a saved
   * configuration ({@code configuration.toBuilder()}). Name servers, ACL, NOTIFY targets and origin
   * are replaced; everything else is kept.
   *
   * @param builder the builder to change
   * @param preset the preset
   * @param nameServers the customer's name servers, as for {@link #apply(ProviderPreset, String,
   *     Collection)}
   * @return the same builder
   * @throws ValidationException with the field {@code secondaryNameServers} when the preset needs
   *     customer-supplied name servers and none are given; or when the preset's data is invalid.
   *     The builder is unchanged then
   */
  public static SecondaryDnsConfiguration.Builder applyTo(
      SecondaryDnsConfiguration.Builder builder,
      ProviderPreset preset,
      Collection<String> nameServers) {
    Objects.requireNonNull(builder, "builder");
    PresetDefinition d = PresetDefinition.copyOf(preset);
    List<String> typed = List.copyOf(nameServers);
    if (d.nameServers().customerSupplied() && typed.isEmpty()) {
      throw new ValidationException(
          "Secondary DNS configuration from provider preset '" + d.id() + "'",
          List.of(
              new ValidationProblem(
                  "secondaryNameServers",
                  ProblemCode.REQUIRED,
                  d.displayName()
                      + " assigns the secondary name servers per account; enter the"
                      + " ones it gave you ("
                      + d.nameServers().customerHint().orElseThrow()
                      + ")")));
    }
    if (typed.isEmpty()) {
      builder.secondaryNameServers(d.nameServers().fixed().stream().map(Name::toString).toList());
    } else {
      builder.secondaryNameServers(typed);
    }
    builder.transferAcl(List.of());
    for (TransferSource s : d.transferSources()) {
      builder.addAclEntry(s.prefix().toString(), s.label().orElse(d.displayName()));
    }
    builder.notifyTargets(List.of());
    for (PresetNotifyTarget t : d.notifyTargets()) {
      builder.addNotifyTarget(t.address().getHostAddress(), t.port(), null);
    }
    return builder.origin(ConfigurationOrigin.preset(d.id()));
  }

  /**
   * Applies a name server set to a new configuration of a zone: its name servers are copied, and
   * the ACL and NOTIFY targets are left for the customer to fill in.
   *
   * @param set the name server set
   * @param zone the zone name, as typed
   * @return a builder holding the set's name servers, with the set as origin
   */
  public static SecondaryDnsConfiguration.Builder apply(NameServerSet set, String zone) {
    return SecondaryDnsConfiguration.builder().zone(zone).nameServersFrom(set);
  }

  /**
   * Starts a configuration of a zone with custom values.
   *
   * @param zone the zone name, as typed
   * @return an empty builder for the zone, with the custom origin
   */
  public static SecondaryDnsConfiguration.Builder custom(String zone) {
    return SecondaryDnsConfiguration.builder().zone(zone).origin(ConfigurationOrigin.custom());
  }
}
