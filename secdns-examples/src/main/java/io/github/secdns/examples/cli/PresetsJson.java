package io.github.secdns.examples.cli;

import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetNameServers;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import io.github.secdns.core.spi.Validity;
import java.time.LocalDate;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The JSON document of {@code presets --json}: every preset found with every value it declares
 * (retired and announced ones included, each with its dates, its status on the day and its
 * provenance), and the plugins that could not be registered. Field names are stable.
 *
 * @param day the day (UTC, ISO date) the values' statuses are judged on
 * @param presets the presets shown (all, or the one asked for), in id order
 * @param problems the plugins discovery could not register; the command exits 1 when there are any
 */
record PresetsJson(String day, List<Preset> presets, List<Problem> problems) {

  /**
   * One preset.
   *
   * @param id the stable id
   * @param displayName the provider's name
   * @param kind {@code SECONDARY} (every value given), {@code CUSTOMER_SUPPLIED} (a secondary for
   *     which the customer pastes some values: see {@code customerHints}) or {@code
   *     NOT_A_SECONDARY} (the service cannot pull zones; see {@code notASecondaryReason})
   * @param notASecondaryReason why the service cannot be a secondary, or {@code null}
   * @param deprecated whether the preset is deprecated
   * @param deprecationReason why, or {@code null}
   * @param customerHints what the customer must paste
   * @param nameServers the fixed name servers
   * @param transferSources where the provider transfers from, in the preset's order
   * @param notifyTargets where it receives NOTIFY, in the preset's order
   * @param capabilities what it supports
   * @param documentation the provider's documentation, or {@code null}
   * @param lastVerified when the values were last checked (ISO date), or {@code null}
   * @param notes remarks for the customer
   */
  record Preset(
      String id,
      String displayName,
      String kind,
      @Nullable String notASecondaryReason,
      boolean deprecated,
      @Nullable String deprecationReason,
      CustomerHints customerHints,
      NameServers nameServers,
      List<Source> transferSources,
      List<Target> notifyTargets,
      Capabilities capabilities,
      @Nullable String documentation,
      @Nullable String lastVerified,
      List<String> notes) {}

  /**
   * What the customer must paste, each {@code null} when the preset gives the values itself.
   *
   * @param nameServers the name servers the provider assigned (what they look like, where to find
   *     them)
   * @param transferSources (more) addresses the provider transfers from
   * @param notifyTargets (more) addresses the provider receives NOTIFY on
   */
  record CustomerHints(
      @Nullable String nameServers,
      @Nullable String transferSources,
      @Nullable String notifyTargets) {}

  /**
   * The fixed name servers.
   *
   * @param names the names (absolute); empty when the customer supplies them or there are none
   * @param provenance where the preset read them, or {@code null}
   */
  record NameServers(List<String> names, @Nullable ProvenanceJson provenance) {}

  /**
   * A transfer source.
   *
   * @param prefix an address or CIDR prefix
   * @param label its label, or {@code null}
   * @param status {@code CURRENT}, {@code ANNOUNCED} or {@code RETIRED} on {@code day}; only a
   *     current one is applied
   * @param validFrom the first day the provider uses it (ISO date), or {@code null}
   * @param validUntil the first day it no longer does (ISO date), or {@code null}
   * @param provenance where the preset read it, or {@code null}
   */
  record Source(
      String prefix,
      @Nullable String label,
      String status,
      @Nullable String validFrom,
      @Nullable String validUntil,
      @Nullable ProvenanceJson provenance) {}

  /**
   * A NOTIFY target.
   *
   * @param address the address
   * @param port the UDP port
   * @param label its label, or {@code null}
   * @param status as for a transfer source
   * @param validFrom the first day the provider listens on it, or {@code null}
   * @param validUntil the first day it no longer does, or {@code null}
   * @param provenance where the preset read it, or {@code null}
   */
  record Target(
      String address,
      int port,
      @Nullable String label,
      String status,
      @Nullable String validFrom,
      @Nullable String validUntil,
      @Nullable ProvenanceJson provenance) {}

  /**
   * The capabilities, each {@code SUPPORTED}, {@code NOT_SUPPORTED} or {@code UNKNOWN}.
   *
   * @param ipv6Primary whether a primary reachable over IPv6 is accepted
   * @param primaryHostName whether a host name is accepted for the primary (else addresses only)
   * @param tsig whether TSIG is supported
   * @param ixfr whether IXFR is requested
   * @param catalogZones whether catalog zones (RFC 9432) are consumed
   * @param xot whether zones are pulled over TLS (RFC 9103)
   */
  record Capabilities(
      String ipv6Primary,
      String primaryHostName,
      String tsig,
      String ixfr,
      String catalogZones,
      String xot) {}

  /**
   * A plugin that discovery could not register.
   *
   * @param kind core's {@code PresetLoadProblem.Kind}, e.g. {@code ID_TAKEN_BY_BUILT_IN}
   * @param presetId the preset id concerned, or {@code null} when unknown
   * @param providers the class names concerned
   * @param message what went wrong
   */
  record Problem(String kind, @Nullable String presetId, List<String> providers, String message) {}

  static PresetsJson of(
      List<ProviderPreset> presets, List<PresetLoadProblem> problems, LocalDate day) {
    return new PresetsJson(
        day.toString(),
        presets.stream().map(p -> preset(p.definition(), day)).toList(),
        problems.stream().map(PresetsJson::problem).toList());
  }

  /**
   * The kind as the command shows it: core's two kinds, with the secondaries for which the customer
   * pastes values told apart.
   */
  static String kind(PresetDefinition d) {
    return switch (d.kind()) {
      case NOT_A_SECONDARY -> "NOT_A_SECONDARY";
      case SECONDARY -> customerSupplies(d) ? "CUSTOMER_SUPPLIED" : "SECONDARY";
    };
  }

  /** Whether the customer must paste some of the values (any hint). */
  static boolean customerSupplies(PresetDefinition d) {
    return d.nameServers().customerSupplied()
        || d.transferSourcesHint().isPresent()
        || d.notifyTargetsHint().isPresent();
  }

  private static Preset preset(PresetDefinition d, LocalDate day) {
    PresetCapabilities c = d.capabilities();
    return new Preset(
        d.id(),
        d.displayName(),
        kind(d),
        d.notASecondaryReason().orElse(null),
        d.deprecated(),
        d.deprecationReason().orElse(null),
        new CustomerHints(
            d.nameServers().customerHint().orElse(null),
            d.transferSourcesHint().orElse(null),
            d.notifyTargetsHint().orElse(null)),
        new NameServers(
            d.nameServers().fixed().stream().map(Object::toString).toList(),
            d.nameServers() instanceof PresetNameServers.Fixed fixed
                ? ProvenanceJson.of(fixed.provenance())
                : null),
        d.transferSources().stream().map(s -> source(s, day)).toList(),
        d.notifyTargets().stream().map(t -> target(t, day)).toList(),
        new Capabilities(
            c.ipv6Primary().name(),
            c.primaryHostName().name(),
            c.tsig().name(),
            c.ixfr().name(),
            c.catalogZones().name(),
            c.xot().name()),
        d.documentation().map(Object::toString).orElse(null),
        d.lastVerified().map(Object::toString).orElse(null),
        d.notes());
  }

  private static Source source(TransferSource s, LocalDate day) {
    Validity v = s.validity();
    return new Source(
        s.prefix().toString(),
        s.label().orElse(null),
        ValidityStatus.of(v, day).name(),
        v.from().map(Object::toString).orElse(null),
        v.until().map(Object::toString).orElse(null),
        ProvenanceJson.of(s.provenance()));
  }

  private static Target target(PresetNotifyTarget t, LocalDate day) {
    Validity v = t.validity();
    return new Target(
        CheckJson.addresses(List.of(t.address())).get(0),
        t.port(),
        t.label().orElse(null),
        ValidityStatus.of(v, day).name(),
        v.from().map(Object::toString).orElse(null),
        v.until().map(Object::toString).orElse(null),
        ProvenanceJson.of(t.provenance()));
  }

  private static Problem problem(PresetLoadProblem p) {
    return new Problem(p.kind().name(), p.presetId().orElse(null), p.providers(), p.message());
  }
}
