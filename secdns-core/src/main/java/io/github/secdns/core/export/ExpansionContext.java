package io.github.secdns.core.export;

import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What a {@link VirtualRecordExpander} may use: the zone and the resolved values given to the
 * export.
 */
public final class ExpansionContext {

  private final Name origin;
  private final int dclass;
  private final Map<Name, TargetResolution> resolutions;

  ExpansionContext(Name origin, int dclass, Map<Name, TargetResolution> resolutions) {
    this.origin = origin;
    this.dclass = dclass;
    this.resolutions = resolutions;
  }

  /**
   * Creates a context, for example to unit-test an expander.
   *
   * @param origin the zone's origin, absolute
   * @param dclass the zone's DNS class
   * @param resolutions the resolved values by host name
   * @return the context
   */
  public static ExpansionContext of(
      Name origin, int dclass, Map<Name, ? extends TargetResolution> resolutions) {
    return new ExpansionContext(
        Arguments.checkAbsolute(origin, "zone origin"), dclass, Map.copyOf(resolutions));
  }

  /**
   * Returns the zone's origin.
   *
   * @return the origin, absolute
   */
  public Name origin() {
    return origin;
  }

  /**
   * Returns the class of the zone (IN in practice), for the records an expander builds.
   *
   * @return the DNS class value
   */
  public int dclass() {
    return dclass;
  }

  /**
   * Returns the resolution given for a host name (names compare case-insensitively).
   *
   * @param target the host name
   * @return the resolution, or empty when none was given
   */
  public Optional<TargetResolution> resolution(Name target) {
    return Optional.ofNullable(resolutions.get(target));
  }
}
