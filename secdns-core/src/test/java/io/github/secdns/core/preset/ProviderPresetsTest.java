package io.github.secdns.core.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.spi.ProviderPreset;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderPresetsTest {

  @TempDir Path dir;

  @Test
  void explicitRegistrationListsInIdOrder() {
    ProviderPresets presets =
        ProviderPresets.of(
            new TestPlugins.Beta(),
            TestPlugins.presetData("gamma", "192.0.2.3"),
            new TestPlugins.Alpha());
    assertEquals(List.of("alpha", "beta", "gamma"), presets.ids());
    assertEquals("alpha", presets.list().get(0).id());
    assertEquals(3, presets.size());
  }

  @Test
  void lookupIgnoresCaseAndSpaces() {
    ProviderPresets presets = ProviderPresets.of(new TestPlugins.Alpha());
    assertEquals(Optional.of("alpha"), presets.find(" ALPHA ").map(ProviderPreset::id));
    assertEquals("alpha", presets.get("alpha").id());
  }

  @Test
  void unknownIdSaysWhichIdsExist() {
    ProviderPresets presets = ProviderPresets.of(new TestPlugins.Alpha(), new TestPlugins.Beta());
    UnknownPresetException e =
        assertThrows(UnknownPresetException.class, () -> presets.get("alpah"));
    assertTrue(e.getMessage().contains("'alpah'"), e.getMessage());
    assertTrue(e.getMessage().contains("known ids: alpha, beta"), e.getMessage());
    assertEquals(List.of("alpha", "beta"), e.knownIds());
    assertTrue(ProviderPresets.empty().find("alpha").isEmpty());
    assertTrue(
        assertThrows(UnknownPresetException.class, () -> ProviderPresets.empty().get("x"))
            .getMessage()
            .contains("no preset is registered"));
  }

  @Test
  void duplicateIdsAreAnErrorNotFirstWins() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ProviderPresets.of(
                    new TestPlugins.Alpha(),
                    new TestPlugins.Beta(),
                    new TestPlugins.AlphaImpostor()));
    assertEquals(1, e.problems().size());
    assertEquals("presets[2].id", e.problems().get(0).field());
    assertEquals(ProblemCode.DUPLICATE_ID, e.problems().get(0).code());
    assertTrue(e.getMessage().contains(TestPlugins.Alpha.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(TestPlugins.AlphaImpostor.class.getName()), e.getMessage());
  }

  @Test
  void invalidPresetsAreReportedWithTheirIndex() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> ProviderPresets.of(new TestPlugins.Alpha(), new TestPlugins.BadData()));
    assertTrue(
        e.problems().stream().anyMatch(p -> p.field().equals("presets[1].nameServers")),
        e.getMessage());
    assertTrue(
        e.problems().stream().anyMatch(p -> p.field().equals("presets[1].transferSources[0]")),
        e.getMessage());
    assertTrue(e.getMessage().contains(TestPlugins.BadData.class.getName()), e.getMessage());
  }

  @Test
  void combiningRegistriesKeepsIdsUnique() {
    ProviderPresets a = ProviderPresets.of(new TestPlugins.Alpha());
    ProviderPresets b = ProviderPresets.of(new TestPlugins.Beta());
    assertEquals(List.of("alpha", "beta"), a.with(b).ids());
    assertThrows(
        ValidationException.class,
        () -> a.with(ProviderPresets.of(new TestPlugins.AlphaImpostor())));
  }

  @Test
  void discoveryFindsPluginsOnTheClassPath() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir, TestPlugins.Beta.class.getName(), TestPlugins.Alpha.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of("alpha", "beta"), d.presets().ids());
      assertFalse(d.hasProblems(), d.toString());
      assertEquals(d.presets(), d.presetsOrThrow());
    }
  }

  @Test
  void discoveryUsesTheContextClassLoader() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (URLClassLoader loader =
        TestPlugins.loaderListing(dir, TestPlugins.Alpha.class.getName())) {
      thread.setContextClassLoader(loader);
      assertEquals(List.of("alpha"), ProviderPresets.discover().presets().ids());
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void oneBrokenPluginDoesNotHideTheOthers() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir,
            TestPlugins.Exploding.class.getName(),
            "io.github.secdns.nowhere.MissingPreset",
            TestPlugins.Alpha.class.getName(),
            // Not a ProviderPreset (a class in a named module such as java.lang.String would be
            // skipped silently by ServiceLoader; a class-path class is reported).
            TestPlugins.class.getName(),
            TestPlugins.BadData.class.getName(),
            TestPlugins.Beta.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of("alpha", "beta"), d.presets().ids());
      List<PresetLoadProblem> problems = d.problems();
      assertEquals(4, problems.size(), problems.toString());

      PresetLoadProblem exploding = problems.get(0);
      assertEquals(PresetLoadProblem.Kind.LOAD_FAILED, exploding.kind());
      assertEquals(List.of(TestPlugins.Exploding.class.getName()), exploding.providers());
      assertTrue(exploding.message().contains("boom: plugin misconfigured"), exploding.message());

      assertEquals(PresetLoadProblem.Kind.LOAD_FAILED, problems.get(1).kind());
      assertTrue(problems.get(1).message().contains("MissingPreset"), problems.get(1).message());
      assertEquals(PresetLoadProblem.Kind.LOAD_FAILED, problems.get(2).kind());
      assertTrue(problems.get(2).message().contains("not a subtype"), problems.get(2).message());

      PresetLoadProblem bad = problems.get(3);
      assertEquals(PresetLoadProblem.Kind.INVALID_PRESET, bad.kind());
      assertTrue(bad.message().contains("transferSources[0]"), bad.message());
      assertTrue(bad.cause().orElseThrow() instanceof ValidationException);

      IllegalStateException e = assertThrows(IllegalStateException.class, d::presetsOrThrow);
      assertTrue(e.getMessage().contains("4 problems"), e.getMessage());
    }
  }

  @Test
  void discoveredDuplicatesAreReportedAndNeitherIsRegistered() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir,
            TestPlugins.Alpha.class.getName(),
            TestPlugins.Beta.class.getName(),
            TestPlugins.AlphaImpostor.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of("beta"), d.presets().ids());
      assertEquals(1, d.problems().size());
      PresetLoadProblem p = d.problems().get(0);
      assertEquals(PresetLoadProblem.Kind.DUPLICATE_ID, p.kind());
      assertEquals(Optional.of("alpha"), p.presetId());
      assertEquals(
          List.of(TestPlugins.Alpha.class.getName(), TestPlugins.AlphaImpostor.class.getName()),
          p.providers());
    }
  }

  @Test
  void discoveryInTheBootLayerFindsNothingOnTheClassPath() {
    // Tests run on the class path: the boot layer has no named module providing presets. The
    // module path case is proven by the examples module, which starts a JVM with --module-path.
    PresetDiscovery d = ProviderPresets.discover(ModuleLayer.boot());
    assertEquals(List.of(), d.presets().ids());
    assertFalse(d.hasProblems());
  }

  @Test
  void aPluginWithTheIdOfABuiltInIsReportedAndTheBuiltInStays() throws Exception {
    String builtIn = io.github.secdns.providers.internal.BuiltInAlpha.class.getName();
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir, TestPlugins.Alpha.class.getName(), builtIn, TestPlugins.Beta.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of("alpha", "beta"), d.presets().ids());
      assertEquals("Built-in Alpha", d.presets().get("alpha").displayName());
      assertEquals(1, d.problems().size(), d.toString());
      PresetLoadProblem p = d.problems().get(0);
      assertEquals(PresetLoadProblem.Kind.ID_TAKEN_BY_BUILT_IN, p.kind());
      assertEquals(Optional.of("alpha"), p.presetId());
      assertEquals(List.of(builtIn, TestPlugins.Alpha.class.getName()), p.providers());
      assertTrue(p.message().contains("the built-in stays"), p.message());
      // Whoever keeps only the registry can still tell that something was left out.
      assertTrue(d.presets().hasLoadProblems());
      assertEquals(d.problems(), d.presets().loadProblems());
      assertTrue(d.presets().toString().endsWith("with 1 load problem(s)"), d.presets().toString());
    }
  }

  @Test
  void twoPluginsWithABuiltInsIdAreBothReported() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir,
            TestPlugins.AlphaImpostor.class.getName(),
            io.github.secdns.providers.internal.BuiltInAlpha.class.getName(),
            TestPlugins.Alpha.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of("alpha"), d.presets().ids());
      assertEquals(
          List.of(
              PresetLoadProblem.Kind.ID_TAKEN_BY_BUILT_IN,
              PresetLoadProblem.Kind.ID_TAKEN_BY_BUILT_IN),
          d.problems().stream().map(PresetLoadProblem::kind).toList());
    }
  }

  @Test
  void aRegistryBuiltExplicitlyHasNoLoadProblems() {
    ProviderPresets presets = ProviderPresets.of(new TestPlugins.Alpha());
    assertFalse(presets.hasLoadProblems());
    assertEquals(List.of(), presets.loadProblems());
  }

  @Test
  void combiningKeepsTheLoadProblemsOfBoth() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(
            dir, TestPlugins.Exploding.class.getName(), TestPlugins.Beta.class.getName())) {
      ProviderPresets discovered = ProviderPresets.discover(loader).presets();
      ProviderPresets combined = ProviderPresets.of(new TestPlugins.Alpha()).with(discovered);
      assertEquals(List.of("alpha", "beta"), combined.ids());
      assertEquals(discovered.loadProblems(), combined.loadProblems());
      // Equality is about the presets only.
      assertEquals(ProviderPresets.of(new TestPlugins.Alpha(), new TestPlugins.Beta()), combined);
    }
  }

  @Test
  void aPluginWithoutDefinitionIsReported() throws Exception {
    try (URLClassLoader loader =
        TestPlugins.loaderListing(dir, TestPlugins.NoDefinition.class.getName())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(List.of(), d.presets().ids());
      assertEquals(PresetLoadProblem.Kind.INVALID_PRESET, d.problems().get(0).kind());
      assertTrue(d.problems().get(0).message().contains("no definition"), d.toString());
    }
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> ProviderPresets.of(new TestPlugins.NoDefinition()));
    assertEquals("presets[0].definition", e.problems().get(0).field());
  }
}
