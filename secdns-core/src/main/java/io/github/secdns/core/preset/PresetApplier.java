package io.github.secdns.core.preset;

import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetKind;
import io.github.secdns.core.spi.PresetNameServers;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import io.github.secdns.core.spi.Validity;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * Pre-populates a configuration from one of the three choices of the Secondary DNS form: a provider
 * preset, a name server set, or custom values. Each returns a {@link
 * SecondaryDnsConfiguration.Builder}: the customer can still change every value before it is built
 * and saved ("selecting a pre-configuration will prepopulate the correct values").
 *
 * <p>Applying a preset <em>copies</em> its values: the secondary name servers, the transfer ACL
 * (each entry labelled with the source's label or the preset's display name) and the NOTIFY targets
 * (unsigned), each with the {@link Provenance} the preset gives it (source, day read, confidence),
 * and records the preset id as the origin. It leaves the zone, TSIG keys, transfer authentication,
 * IXFR, revision and enabled flag of the builder as they are. Applying is deterministic and
 * idempotent: applying the same preset again on the same day gives the same values.
 *
 * <p>Addresses change over time ({@link Validity}). The methods with a {@link Clock} apply the
 * addresses the provider uses today (UTC) and return a {@link PresetApplication} with the warnings
 * to show (a deprecated preset, values to verify or to paste, addresses announced for later). The
 * methods without a clock apply every address the preset does not mark as retired, and return only
 * the builder; they exist for callers that cannot show warnings.
 *
 * <p>A preset of a service that cannot act as a secondary ({@link PresetKind#NOT_A_SECONDARY}) is
 * refused with a {@link ValidationException} ({@link ProblemCode#NOT_A_SECONDARY}) that gives the
 * reason.
 *
 * <p>Pure functions; thread-safe. The returned builders are not thread-safe.
 */
public final class PresetApplier {

  private PresetApplier() {}

  /**
   * Applies a preset with fixed name servers to a new configuration of a zone, using the addresses
   * valid today.
   *
   * @param preset the preset
   * @param zone the zone name, as typed; checked when the builder is built
   * @param nameServers the customer's name servers: required for a preset whose name servers are
   *     customer-supplied; for a preset with fixed ones, a non-empty list replaces them (the
   *     customer edited the pre-populated field) and an empty list keeps them
   * @param clock the clock that says which day it is
   * @return the builder holding the preset's values, and the warnings to show
   * @throws ValidationException with the field {@code secondaryNameServers} when the preset needs
   *     customer-supplied name servers and none are given, or with {@link
   *     ProblemCode#NOT_A_SECONDARY} when the provider cannot act as a secondary
   */
  public static PresetApplication apply(
      ProviderPreset preset, String zone, Collection<String> nameServers, Clock clock) {
    Objects.requireNonNull(zone, "zone");
    return applyTo(SecondaryDnsConfiguration.builder().zone(zone), preset, nameServers, clock);
  }

  /**
   * Applies a preset to an existing builder, using the addresses valid today, for a customer who
   * switches provider on a saved configuration ({@code configuration.toBuilder()}). Name servers,
   * ACL, NOTIFY targets and origin are replaced; everything else is kept.
   *
   * @param builder the builder to change
   * @param preset the preset
   * @param nameServers the customer's name servers, as for {@link #apply(ProviderPreset, String,
   *     Collection, Clock)}
   * @param clock the clock that says which day it is
   * @return the result holding the same builder, and the warnings to show
   * @throws ValidationException as for {@link #apply(ProviderPreset, String, Collection, Clock)};
   *     the builder is unchanged then
   */
  public static PresetApplication applyTo(
      SecondaryDnsConfiguration.Builder builder,
      ProviderPreset preset,
      Collection<String> nameServers,
      Clock clock) {
    Objects.requireNonNull(builder, "builder");
    LocalDate day = Validity.today(clock);
    PresetDefinition d = definition(preset);
    List<PresetWarning> warnings = fill(builder, d, nameServers, v -> v.contains(day));
    warnings.addAll(announced(d, day));
    warnings.addAll(toVerify(d, nameServers, v -> v.contains(day)));
    return new PresetApplication(builder, d, day, warnings);
  }

  /**
   * Applies a preset with fixed name servers to a new configuration of a zone, with every address
   * the preset does not mark as retired. Prefer {@link #apply(ProviderPreset, String, Collection,
   * Clock)}, which applies today's addresses and returns the warnings to show.
   *
   * @param preset the preset
   * @param zone the zone name, as typed; checked when the builder is built
   * @return a builder holding the preset's values
   * @throws ValidationException with the field {@code secondaryNameServers} when the preset needs
   *     customer-supplied name servers (use {@link #apply(ProviderPreset, String, Collection)}); or
   *     with {@link ProblemCode#NOT_A_SECONDARY} when the provider cannot act as a secondary
   */
  public static SecondaryDnsConfiguration.Builder apply(ProviderPreset preset, String zone) {
    return apply(preset, zone, List.of());
  }

  /**
   * Applies a preset to a new configuration of a zone, with name servers the customer typed in and
   * every address the preset does not mark as retired. Prefer {@link #apply(ProviderPreset, String,
   * Collection, Clock)}.
   *
   * @param preset the preset
   * @param zone the zone name, as typed; checked when the builder is built
   * @param nameServers the customer's name servers, as for {@link #apply(ProviderPreset, String,
   *     Collection, Clock)}
   * @return a builder holding the preset's values
   * @throws ValidationException as for {@link #apply(ProviderPreset, String, Collection, Clock)}
   */
  public static SecondaryDnsConfiguration.Builder apply(
      ProviderPreset preset, String zone, Collection<String> nameServers) {
    Objects.requireNonNull(zone, "zone");
    return applyTo(SecondaryDnsConfiguration.builder().zone(zone), preset, nameServers);
  }

  /**
   * Applies a preset to an existing builder with every address the preset does not mark as retired.
   * Prefer {@link #applyTo(SecondaryDnsConfiguration.Builder, ProviderPreset, Collection, Clock)}.
   *
   * @param builder the builder to change
   * @param preset the preset
   * @param nameServers the customer's name servers, as for {@link #apply(ProviderPreset, String,
   *     Collection, Clock)}
   * @return the same builder
   * @throws ValidationException as for {@link #apply(ProviderPreset, String, Collection, Clock)};
   *     the builder is unchanged then
   */
  public static SecondaryDnsConfiguration.Builder applyTo(
      SecondaryDnsConfiguration.Builder builder,
      ProviderPreset preset,
      Collection<String> nameServers) {
    Objects.requireNonNull(builder, "builder");
    fill(builder, definition(preset), nameServers, v -> !v.hasEnd());
    return builder;
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

  private static PresetDefinition definition(ProviderPreset preset) {
    Objects.requireNonNull(preset, "preset");
    return Objects.requireNonNull(preset.definition(), "the preset returned no definition");
  }

  /**
   * Copies the values whose validity passes {@code use}, after every check that can refuse, so that
   * a refusal leaves the builder as it was. Returns the warnings that do not depend on a day.
   */
  private static List<PresetWarning> fill(
      SecondaryDnsConfiguration.Builder builder,
      PresetDefinition d,
      Collection<String> nameServers,
      Predicate<Validity> use) {
    String subject = "Secondary DNS configuration from provider preset '" + d.id() + "'";
    if (d.kind() == PresetKind.NOT_A_SECONDARY) {
      throw new ValidationException(
          subject,
          List.of(
              new ValidationProblem(
                  "preset",
                  ProblemCode.NOT_A_SECONDARY,
                  d.displayName()
                      + " cannot act as a secondary: "
                      + d.notASecondaryReason().orElseThrow())));
    }
    List<String> typed = List.copyOf(nameServers);
    if (d.nameServers().customerSupplied() && typed.isEmpty()) {
      throw new ValidationException(
          subject,
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
    builder.secondaryNameServers(typed);
    if (typed.isEmpty() && d.nameServers() instanceof PresetNameServers.Fixed) {
      PresetNameServers.Fixed fixed = (PresetNameServers.Fixed) d.nameServers();
      for (Name n : fixed.names()) {
        if (fixed.provenance().isPresent()) {
          builder.addSecondaryNameServer(n.toString(), fixed.provenance().get());
        } else {
          builder.addSecondaryNameServer(n.toString());
        }
      }
    }
    builder.transferAcl(List.of());
    for (TransferSource s : d.transferSources()) {
      if (use.test(s.validity())) {
        builder.addAclEntry(
            s.prefix().toString(), s.label().orElse(d.displayName()), s.provenance().orElse(null));
      }
    }
    builder.notifyTargets(List.of());
    for (PresetNotifyTarget t : d.notifyTargets()) {
      if (use.test(t.validity())) {
        builder.addNotifyTarget(
            t.address().getHostAddress(), t.port(), null, t.provenance().orElse(null));
      }
    }
    builder.origin(ConfigurationOrigin.preset(d.id()));

    List<PresetWarning> warnings = new ArrayList<>();
    d.deprecationReason()
        .ifPresent(
            r ->
                warnings.add(
                    new PresetWarning(
                        PresetWarningCode.DEPRECATED_PRESET,
                        d.displayName() + " is deprecated: " + r)));
    d.transferSourcesHint()
        .ifPresent(
            h ->
                warnings.add(
                    new PresetWarning(
                        PresetWarningCode.CUSTOMER_VALUES_NEEDED,
                        "Add the addresses "
                            + d.displayName()
                            + " transfers from to the allowed addresses: "
                            + h)));
    d.notifyTargetsHint()
        .ifPresent(
            h ->
                warnings.add(
                    new PresetWarning(
                        PresetWarningCode.CUSTOMER_VALUES_NEEDED,
                        "Add the addresses " + d.displayName() + " receives NOTIFY on: " + h)));
    return warnings;
  }

  private static List<PresetWarning> announced(PresetDefinition d, LocalDate day) {
    List<String> later = new ArrayList<>();
    for (TransferSource s : d.transferSources()) {
      if (!s.validity().hasStarted(day)) {
        later.add(s.prefix() + " (transfers, from " + s.validity().from().orElseThrow() + ")");
      }
    }
    for (PresetNotifyTarget t : d.notifyTargets()) {
      if (!t.validity().hasStarted(day)) {
        later.add(
            t.address().getHostAddress()
                + " (NOTIFY, from "
                + t.validity().from().orElseThrow()
                + ")");
      }
    }
    if (later.isEmpty()) {
      return List.of();
    }
    return List.of(
        new PresetWarning(
            PresetWarningCode.ADDRESSES_ANNOUNCED,
            d.displayName()
                + " has announced addresses it starts to use later; add them by then: "
                + String.join(", ", later)
                + "."));
  }

  private static List<PresetWarning> toVerify(
      PresetDefinition d, Collection<String> typedNames, Predicate<Validity> use) {
    List<String> values = new ArrayList<>();
    List<Provenance> sources = new ArrayList<>();
    if (typedNames.isEmpty() && d.nameServers() instanceof PresetNameServers.Fixed) {
      PresetNameServers.Fixed fixed = (PresetNameServers.Fixed) d.nameServers();
      Optional<Provenance> p = fixed.provenance().filter(x -> x.confidence().needsVerification());
      if (p.isPresent()) {
        fixed.names().forEach(n -> values.add(n.toString(true)));
        sources.add(p.get());
      }
    }
    for (TransferSource s : d.transferSources()) {
      Optional<Provenance> p = s.provenance().filter(x -> x.confidence().needsVerification());
      if (use.test(s.validity()) && p.isPresent()) {
        values.add(s.prefix().toString());
        sources.add(p.get());
      }
    }
    for (PresetNotifyTarget t : d.notifyTargets()) {
      Optional<Provenance> p = t.provenance().filter(x -> x.confidence().needsVerification());
      if (use.test(t.validity()) && p.isPresent()) {
        values.add(t.address().getHostAddress() + " (NOTIFY)");
        sources.add(p.get());
      }
    }
    if (values.isEmpty()) {
      return List.of();
    }
    String confidence =
        sources.stream()
            .map(p -> p.confidence().label())
            .distinct()
            .collect(Collectors.joining("; "));
    return List.of(
        new PresetWarning(
            PresetWarningCode.VALUES_NEED_VERIFICATION,
            "These values of "
                + d.displayName()
                + " are not from its own current documentation ("
                + confidence
                + "); check them with "
                + d.displayName()
                + " before relying on them: "
                + values.stream().distinct().collect(Collectors.joining(", "))
                + "."));
  }
}
