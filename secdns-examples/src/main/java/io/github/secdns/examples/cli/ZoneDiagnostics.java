package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.Severity;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.spi.ProviderPreset;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The inputs of what {@code serve} says about a zone from its configuration and the host's own
 * facts alone (no name server is asked; {@code secdns check} does that): a value, so that the
 * findings can be computed ahead from the inputs expected and used only if the actual ones are
 * equal ({@link FindingsAhead}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param primaryNameServers the zone's own name servers
 * @param configuration the zone's configuration
 * @param appliedRevision the configuration revision the responder applies (issue 16: {@code
 *     CONFIGURATION_PROPAGATING} while it has not taken up the saved configuration yet); empty when
 *     it does not serve the zone (yet)
 * @param endpoint the host's transfer endpoint, when known
 * @param preset the provider's preset, when one was applied
 * @param soa the SOA of the version served
 */
record ZoneDiagnostics(
    List<Name> primaryNameServers,
    SecondaryDnsConfiguration configuration,
    OptionalLong appliedRevision,
    Optional<TransferEndpoint> endpoint,
    Optional<ProviderPreset> preset,
    SOARecord soa) {

  ZoneDiagnostics {
    primaryNameServers = List.copyOf(primaryNameServers);
  }

  // equals and hashCode by hand: a record's generated ones spin classes on first use, at every
  // start of serve (docs/ARCHITECTURE.md, "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ZoneDiagnostics other
        && other.primaryNameServers.equals(primaryNameServers)
        && other.configuration.equals(configuration)
        && other.appliedRevision.equals(appliedRevision)
        && other.endpoint.equals(endpoint)
        && other.preset.equals(preset)
        && other.soa.equals(soa);
  }

  @Override
  public int hashCode() {
    return Objects.hash(primaryNameServers, configuration, appliedRevision, endpoint, preset, soa);
  }

  /**
   * Asks the diagnostics engine.
   *
   * @param clock the day presets are judged on
   * @return the notices and worse
   */
  List<Finding> findings(Clock clock) {
    HostFacts.Builder facts =
        HostFacts.builder(clock)
            .dnssecEnabled(false)
            .primaryNameServers(primaryNameServers)
            .primarySoa(
                new SoaData(
                    SerialNumber.of(soa.getSerial()),
                    soa.getRefresh(),
                    soa.getRetry(),
                    soa.getExpire(),
                    soa.getMinimum()));
    appliedRevision.ifPresent(facts::appliedRevision);
    endpoint.ifPresent(facts::transferEndpoint);
    preset.ifPresent(facts::provider);
    return DiagnosticEngine.diagnose(configuration, facts.build(), Observations.none())
        .findings()
        .stream()
        .filter(f -> f.severity().compareTo(Severity.NOTICE) >= 0)
        .toList();
  }
}
