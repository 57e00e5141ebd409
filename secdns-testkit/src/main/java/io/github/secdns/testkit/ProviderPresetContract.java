package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.TransferSource;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * checks the id, the display name, the name servers, the transfer and NOTIFY addresses, the
 * capabilities against the addresses, deprecation and documentation, that the data passes core's
 * checks and is the same every time, that applying the preset yields a valid configuration (and a
 * clear error where the customer must supply name servers), and that the preset is discoverable
 * through {@code ServiceLoader} from the test's class loader, that is, registered in {@code
 * META-INF/services}.
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
  public void dataPassesCoreChecks() {
    try {
      PresetDefinition.copyOf(preset());
    } catch (ValidationException e) {
      fail("the preset's data is invalid: " + e.getMessage(), e);
    }
    assertEquals(1, ProviderPresets.of(preset()).size());
  }

  @Test
  public void valuesAreTheSameEveryTime() {
    P preset = preset();
    assertEquals(
        PresetDefinition.copyOf(preset),
        PresetDefinition.copyOf(preset),
        "two reads of one instance differ");
    assertEquals(
        PresetDefinition.copyOf(preset), PresetDefinition.copyOf(preset()), "two instances differ");
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
    ProviderPreset preset = preset();
    assertTrue(
        !preset.transferSources().isEmpty() || preset.capabilities().tsig() == Support.SUPPORTED,
        "a preset without transfer sources must authenticate transfers by TSIG");
    for (TransferSource s : preset.transferSources()) {
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
            d ->
                assertFalse(
                    d.isAfter(LocalDate.now().plusDays(1)), "last verified in the future: " + d));
    preset.notes().forEach(n -> assertFalse(n.isBlank(), "blank note"));
  }

  @Test
  public void applyingYieldsAValidConfigurationWithThePresetsValues() {
    ProviderPreset preset = preset();
    List<String> typed =
        preset.nameServers().customerSupplied() ? customerNameServers() : List.of();
    SecondaryDnsConfiguration c = PresetApplier.apply(preset, zone(), typed).build();
    assertEquals(ConfigurationOrigin.preset(preset.id()), c.origin());
    Set<Name> expected = new HashSet<>(preset.nameServers().fixed());
    if (preset.nameServers().customerSupplied()) {
      typed.forEach(n -> expected.add(Name.fromConstantString(n + ".")));
    }
    assertEquals(expected, c.secondaryNameServerNames());
    assertEquals(
        preset.transferSources().stream().map(TransferSource::prefix).toList(),
        c.transferAcl().stream().map(AclEntry::prefix).toList());
    assertEquals(preset.notifyTargets().size(), c.notifyTargets().size());
    for (int i = 0; i < c.notifyTargets().size(); i++) {
      assertEquals(preset.notifyTargets().get(i).address(), c.notifyTargets().get(i).address());
      assertEquals(preset.notifyTargets().get(i).port(), c.notifyTargets().get(i).port());
    }
    assertEquals(
        c,
        PresetApplier.applyTo(c.toBuilder(), preset, typed).build(),
        "applying the preset again changed the configuration");
  }

  @Test
  public void applyingWithoutNeededNameServersFailsClearly() {
    ProviderPreset preset = preset();
    if (!preset.nameServers().customerSupplied()) {
      assertTrue(PresetApplier.apply(preset, zone()).build().secondaryNameServers().size() > 0);
      return;
    }
    ValidationException e =
        assertThrows(ValidationException.class, () -> PresetApplier.apply(preset, zone()));
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
        PresetDefinition.copyOf(preset),
        discovery.presets().get(preset.id()),
        "the discovered preset with this id has other values");
  }
}
