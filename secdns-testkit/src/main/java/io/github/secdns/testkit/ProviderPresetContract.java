package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.PresetWarning;
import io.github.secdns.core.preset.PresetWarningCode;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetKind;
import io.github.secdns.core.spi.PresetNameServers;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.TransferSource;
import io.github.secdns.core.spi.Validity;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The contract every {@link ProviderPreset} must meet, as a JUnit 5 suite to extend (the pattern of
 * Denominator's provider tests). A preset's test is an empty subclass that only names the preset
 * class:
 *
 * <pre>{@code
 * class ExampleSecondaryPresetTest extends ProviderPresetContract<ExampleSecondaryPreset> {}
 * }</pre>
 *
 * <p>The suite creates the preset through its public no-argument constructor (what {@link
 * java.util.ServiceLoader} calls); override {@link #preset()} for a preset created otherwise. It
 * checks the id, the display name, the name servers, the transfer and NOTIFY addresses (public, and
 * at least one usable today or a hint for what to paste), the source of every value (read on a day
 * not after the last verification, not in the future), the capabilities against the addresses,
 * deprecation and documentation, that the definition is the same every time and the shortcuts agree
 * with it, that applying the preset on the day of {@link #clock()} yields a valid configuration
 * holding that day's addresses with their sources and confidence (with a warning exactly when a
 * value needs verification or the preset is deprecated; a clear error where the customer must
 * supply name servers, or where the service cannot be a secondary), and that the preset is
 * discoverable through {@code ServiceLoader} from the test's class loader, that is, registered in
 * {@code META-INF/services}. The record {@code PresetDefinition} itself guarantees what needs no
 * test here: valid and distinct values, and no values for a service that is not a secondary.
 *
 * <p>Each test is independent; the suite keeps no state between tests.
 *
 * @param <P> the preset class under test
 */
public abstract class ProviderPresetContract<P extends ProviderPreset> {

  /** Creates the suite; subclasses need no constructor. */
  protected ProviderPresetContract() {}

  /**
   * Returns a new instance of the preset under test. By default the type argument's public
   * no-argument constructor is called, as {@code ServiceLoader} would.
   *
   * @return the preset
   */
  // A preset that cannot be created fails the contract: an AssertionError, as every other check.
  @SuppressWarnings("RethrowReflectiveOperationExceptionAsLinkageError")
  protected P preset() {
    Class<P> type = presetClass();
    try {
      Constructor<P> constructor = type.getConstructor();
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(
          type.getName()
              + " needs a public no-argument constructor, which"
              + " ServiceLoader calls; or override preset() in "
              + getClass().getName(),
          e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          type.getName() + " failed while it was created: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + type.getName() + ": " + e, e);
    }
  }

  /**
   * Returns the clock that says which day it is: the preset is applied with the addresses valid
   * that day. The system clock by default; override it to check a preset on another day.
   *
   * @return the clock
   */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Returns the zone the contract applies the preset to.
   *
   * @return a zone name
   */
  protected String zone() {
    return "contract-test.example";
  }

  /**
   * Returns the name servers the contract types in for a preset whose name servers the customer
   * supplies.
   *
   * @return host names
   */
  protected List<String> customerNameServers() {
    return List.of("ns1.customer-supplied.example", "ns2.customer-supplied.example");
  }

  @SuppressWarnings("unchecked")
  private Class<P> presetClass() {
    Type t = getClass().getGenericSuperclass();
    Class<?> c = getClass();
    while (c != null) {
      if (t instanceof ParameterizedType
          && ((ParameterizedType) t).getRawType() == ProviderPresetContract.class) {
        Type arg = ((ParameterizedType) t).getActualTypeArguments()[0];
        if (arg instanceof Class) {
          return (Class<P>) arg;
        }
        break;
      }
      c = c.getSuperclass();
      t = c == null ? null : c.getGenericSuperclass();
    }
    throw new AssertionError(
        getClass().getName()
            + " must extend ProviderPresetContract with a"
            + " concrete preset class as type argument, or override preset()");
  }

  private LocalDate today() {
    return Validity.today(clock());
  }

  @Test
  public void presetClassCanBeLoadedByServiceLoader() {
    Class<? extends ProviderPreset> type = preset().getClass();
    assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
    assertFalse(Modifier.isAbstract(type.getModifiers()), type + " must not be abstract");
    assertTrue(
        type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()),
        type + " must be a top-level or static nested class");
  }

  @Test
  public void definitionIsPresentAndRegisters() {
    PresetDefinition d = preset().definition();
    assertTrue(d != null, "definition() returned null");
    assertEquals(1, ProviderPresets.of(preset()).size());
  }

  @Test
  public void valuesAreTheSameEveryTime() {
    P preset = preset();
    assertEquals(preset.definition(), preset.definition(), "two reads of one instance differ");
    assertEquals(preset.definition(), preset().definition(), "two instances differ");
  }

  @Test
  public void shortcutsAgreeWithTheDefinition() {
    P preset = preset();
    PresetDefinition d = preset.definition();
    assertEquals(d.id(), preset.id(), "id()");
    assertEquals(d.displayName(), preset.displayName(), "displayName()");
    assertEquals(d.kind(), preset.kind(), "kind()");
    assertEquals(d.nameServers(), preset.nameServers(), "nameServers()");
    assertEquals(d.transferSources(), preset.transferSources(), "transferSources()");
    assertEquals(d.notifyTargets(), preset.notifyTargets(), "notifyTargets()");
    assertEquals(d.capabilities(), preset.capabilities(), "capabilities()");
    assertEquals(d.documentation(), preset.documentation(), "documentation()");
    assertEquals(d.lastVerified(), preset.lastVerified(), "lastVerified()");
    assertEquals(d.deprecationReason(), preset.deprecationReason(), "deprecationReason()");
    assertEquals(d.notes(), preset.notes(), "notes()");
  }

  @Test
  public void idIsStableLowerCaseText() {
    String id = preset().id();
    assertEquals(id.toLowerCase(Locale.ROOT), id);
    assertTrue(id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "id '" + id + "'");
    assertTrue(id.length() <= PresetDefinition.MAX_ID_LENGTH, "id '" + id + "' is too long");
    assertNotEquals("custom", id, "'custom' names the origin of typed-in values");
  }

  @Test
  public void displayNameIsPresentable() {
    String name = preset().displayName();
    assertFalse(name.isBlank(), "display name is blank");
    assertEquals(name.strip(), name, "display name has surrounding white space");
  }

  @Test
  public void nameServersAreFixedHostNamesOrCustomerSuppliedWithAHint() {
    ProviderPreset preset = preset();
    if (preset.kind() == PresetKind.NOT_A_SECONDARY) {
      return;
    }
    if (preset.nameServers().customerSupplied()) {
      assertTrue(preset.nameServers().fixed().isEmpty(), "both fixed and customer-supplied");
      assertFalse(preset.nameServers().customerHint().orElseThrow().isBlank(), "blank hint");
      return;
    }
    List<Name> names = preset.nameServers().fixed();
    assertFalse(names.isEmpty(), "no name servers");
    Set<Name> unique = new HashSet<>(names);
    assertEquals(names.size(), unique.size(), "duplicate name servers: " + names);
    for (Name n : names) {
      assertTrue(n.isAbsolute(), n + " is not absolute");
      assertTrue(n.labels() >= 3, n + " is not a host name below a domain");
    }
  }

  @Test
  public void transferSourcesArePublicAddresses() {
    PresetDefinition d = preset().definition();
    if (d.kind() == PresetKind.SECONDARY) {
      assertTrue(
          !d.transferSourcesOn(today()).isEmpty()
              || d.transferSourcesHint().isPresent()
              || d.capabilities().tsig() == Support.SUPPORTED,
          "a preset without transfer sources today must say what the customer pastes, or"
              + " authenticate transfers by TSIG");
    }
    for (TransferSource s : d.transferSources()) {
      assertFalse(s.prefix().isEverything(), s + " allows everyone");
      assertPublic(s.prefix().network(), "transfer source " + s);
      assertTrue(
          s.prefix().length() >= (s.prefix().isIpv4() ? 16 : 32),
          s + " is wider than a provider's own network");
    }
  }

  @Test
  public void notifyTargetsArePublicAddresses() {
    for (PresetNotifyTarget t : preset().notifyTargets()) {
      assertPublic(t.address(), "NOTIFY target " + t);
      assertTrue(t.port() >= 1 && t.port() <= 65535, t + " has an invalid port");
    }
  }

  private static void assertPublic(InetAddress a, String what) {
    assertFalse(a.isAnyLocalAddress(), what + " is the unspecified address");
    assertFalse(a.isLoopbackAddress(), what + " is a loopback address");
    assertFalse(a.isLinkLocalAddress(), what + " is a link-local address");
    assertFalse(a.isSiteLocalAddress(), what + " is a private address");
    assertFalse(a.isMulticastAddress(), what + " is a multicast address");
    if (a instanceof Inet6Address) {
      assertNotEquals(0xfc, a.getAddress()[0] & 0xfe, what + " is a unique local address");
    }
  }

  @Test
  public void everySourceIsDatedAndNotInTheFuture() {
    PresetDefinition d = preset().definition();
    for (Provenance p : d.provenances()) {
      assertFalse(p.source().isBlank(), "a value has a blank source");
      assertFalse(p.read().isAfter(today().plusDays(1)), "a value was read in the future: " + p);
      d.lastVerified()
          .ifPresent(
              verified ->
                  assertFalse(
                      p.read().isAfter(verified),
                      "a value was read after the preset was last verified ("
                          + verified
                          + "): "
                          + p));
    }
  }

  @Test
  public void capabilitiesAgreeWithTheAddresses() {
    ProviderPreset preset = preset();
    boolean pullsOverIpv6 = preset.transferSources().stream().anyMatch(s -> !s.prefix().isIpv4());
    if (pullsOverIpv6) {
      assertNotEquals(
          Support.NOT_SUPPORTED,
          preset.capabilities().ipv6Primary(),
          "the provider pulls from IPv6 addresses but is said not to accept an IPv6 primary");
    }
  }

  @Test
  public void deprecationAndDocumentationAreUsable() {
    ProviderPreset preset = preset();
    assertEquals(preset.deprecationReason().isPresent(), preset.deprecated());
    preset.deprecationReason().ifPresent(r -> assertFalse(r.isBlank(), "blank reason"));
    preset
        .documentation()
        .ifPresent(
            uri -> {
              assertTrue(uri.isAbsolute(), uri + " is not absolute");
              assertTrue(
                  List.of("http", "https").contains(uri.getScheme()), uri + " is not http(s)");
            });
    preset
        .lastVerified()
        .ifPresent(
            d -> assertFalse(d.isAfter(today().plusDays(1)), "last verified in the future: " + d));
    preset.notes().forEach(n -> assertFalse(n.isBlank(), "blank note"));
  }

  @Test
  public void applyingTodayYieldsAValidConfigurationWithTodaysValuesAndTheirSources() {
    ProviderPreset preset = preset();
    PresetDefinition d = preset.definition();
    if (d.kind() == PresetKind.NOT_A_SECONDARY) {
      return;
    }
    List<String> typed =
        preset.nameServers().customerSupplied() ? customerNameServers() : List.of();
    PresetApplication applied = PresetApplier.apply(preset, zone(), typed, clock());
    SecondaryDnsConfiguration c = applied.builder().build();
    assertEquals(ConfigurationOrigin.preset(preset.id()), c.origin());
    Set<Name> expected = new HashSet<>(preset.nameServers().fixed());
    if (preset.nameServers().customerSupplied()) {
      typed.forEach(n -> expected.add(Name.fromConstantString(n + ".")));
    }
    assertEquals(expected, c.secondaryNameServerNames());
    if (d.nameServers() instanceof PresetNameServers.Fixed) {
      Optional<Provenance> source = ((PresetNameServers.Fixed) d.nameServers()).provenance();
      for (NameServer ns : c.secondaryNameServers()) {
        assertEquals(source, ns.provenance(), ns + " lost its source");
      }
    }
    List<TransferSource> sources = d.transferSourcesOn(today());
    assertEquals(
        sources.stream().map(TransferSource::prefix).toList(),
        c.transferAcl().stream().map(AclEntry::prefix).toList());
    assertEquals(
        sources.stream().map(TransferSource::provenance).toList(),
        c.transferAcl().stream().map(AclEntry::provenance).toList());
    List<PresetNotifyTarget> targets = d.notifyTargetsOn(today());
    assertEquals(targets.size(), c.notifyTargets().size());
    for (int i = 0; i < c.notifyTargets().size(); i++) {
      NotifyTarget t = c.notifyTargets().get(i);
      assertEquals(targets.get(i).address(), t.address());
      assertEquals(targets.get(i).port(), t.port());
      assertEquals(targets.get(i).provenance(), t.provenance());
    }
    assertEquals(
        c,
        PresetApplier.applyTo(c.toBuilder(), preset, typed, clock()).builder().build(),
        "applying the preset again changed the configuration");
    assertEquals(
        d.deprecated(),
        applied.warnings().stream()
            .map(PresetWarning::code)
            .anyMatch(PresetWarningCode.DEPRECATED_PRESET::equals),
        "a deprecated preset warns when applied, a current one does not");
    boolean toVerify =
        java.util.stream.Stream.of(
                c.secondaryNameServers().stream().map(NameServer::provenance),
                c.transferAcl().stream().map(AclEntry::provenance),
                c.notifyTargets().stream().map(NotifyTarget::provenance))
            .flatMap(x -> x)
            .flatMap(Optional::stream)
            .anyMatch(p -> p.confidence().needsVerification());
    assertEquals(
        toVerify,
        applied.warnings().stream()
            .map(PresetWarning::code)
            .anyMatch(PresetWarningCode.VALUES_NEED_VERIFICATION::equals),
        "applying warns exactly when a pre-filled value is not from the provider's own documentation");
  }

  @Test
  public void applyingWithoutNeededNameServersFailsClearly() {
    ProviderPreset preset = preset();
    if (preset.kind() == PresetKind.NOT_A_SECONDARY) {
      ValidationException e =
          assertThrows(
              ValidationException.class,
              () -> PresetApplier.apply(preset, zone(), List.of("ns1.x.example"), clock()));
      assertEquals(ProblemCode.NOT_A_SECONDARY, e.problems().get(0).code());
      return;
    }
    if (!preset.nameServers().customerSupplied()) {
      assertTrue(
          PresetApplier.apply(preset, zone(), List.of(), clock())
                  .builder()
                  .build()
                  .secondaryNameServers()
                  .size()
              > 0);
      return;
    }
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> PresetApplier.apply(preset, zone(), List.of(), clock()));
    ValidationProblem p = e.problems().get(0);
    assertEquals("secondaryNameServers", p.field());
    assertEquals(ProblemCode.REQUIRED, p.code());
  }

  @Test
  public void presetIsDiscoverableThroughServiceLoader() {
    ProviderPreset preset = preset();
    ClassLoader loader = getClass().getClassLoader();
    PresetDiscovery discovery = ProviderPresets.discover(loader);
    String type = preset.getClass().getName();
    for (PresetLoadProblem p : discovery.problems()) {
      assertFalse(p.providers().contains(type), "discovery reported a problem: " + p);
    }
    assertTrue(
        discovery.presets().find(preset.id()).isPresent(),
        "'"
            + preset.id()
            + "' was not discovered; register "
            + type
            + " in"
            + " META-INF/services/"
            + ProviderPreset.class.getName()
            + " (and with provides in module-info.java). Discovered: "
            + discovery);
    assertEquals(
        preset.definition(),
        discovery.presets().get(preset.id()).definition(),
        "the discovered preset with this id has other values");
  }
}
