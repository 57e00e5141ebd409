package io.github.secdns.core.preset;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * An immutable registry of provider presets, listed in id order.
 *
 * <p>Explicit registration with {@link #of(ProviderPreset...)} is the main path: the host decides
 * which presets it offers. Discovery through {@link ServiceLoader} ({@link #discover()}, {@link
 * #discover(ClassLoader)}, {@link #discover(ModuleLayer)}) is the convenience for plugins; it runs
 * inside this module, which declares {@code uses ProviderPreset}, so it works on the module path as
 * well as on the class path.
 *
 * <p>The registry keeps each preset's {@link ProviderPreset#definition() definition}, read once and
 * checked when it was built. Two presets with the same id are an error, never "first wins": {@link
 * #of} refuses them; discovery registers neither of two plugins with one id, and when a plugin
 * takes the id of a built-in preset (one of module {@value #BUILT_IN_MODULE}) the built-in stays
 * and the plugin is reported. What discovery could not register is kept as {@link #loadProblems()},
 * so that whoever holds the registry (a command that lists presets) can tell and fail.
 *
 * <p>Immutable and thread-safe. Discovery reads {@code META-INF/services} files and instantiates
 * plugin classes; that is the only thing in secdns-core that touches resources, and only when a
 * {@code discover} method is called.
 */
public final class ProviderPresets {

  /**
   * The module (and, on the class path, the package prefix) of the built-in presets, which win an
   * id conflict with a plugin.
   */
  public static final String BUILT_IN_MODULE = "io.github.secdns.providers";

  private static final ProviderPresets EMPTY = new ProviderPresets(new TreeMap<>(), List.of());

  /** Stops a service iterator that keeps failing on the same entry from looping forever. */
  private static final int MAX_CONSECUTIVE_LOAD_FAILURES = 1000;

  private final Map<String, PresetDefinition> byId;
  private final List<ProviderPreset> list;
  private final List<PresetLoadProblem> loadProblems;

  private ProviderPresets(
      SortedMap<String, PresetDefinition> byId, List<PresetLoadProblem> loadProblems) {
    this.byId = byId;
    this.list = List.copyOf(byId.values());
    this.loadProblems = List.copyOf(loadProblems);
  }

  /**
   * Returns an empty registry.
   *
   * @return a registry without presets
   */
  public static ProviderPresets empty() {
    return EMPTY;
  }

  /**
   * Registers presets explicitly.
   *
   * @param presets the presets, in any order
   * @return the registry
   * @throws ValidationException listing every invalid preset and every duplicate id, with field
   *     paths such as {@code presets[2].transferSources[0]}; nothing is registered then
   */
  public static ProviderPresets of(ProviderPreset... presets) {
    return of(Arrays.asList(presets));
  }

  /**
   * Registers presets explicitly.
   *
   * @param presets the presets, in any order
   * @return the registry
   * @throws ValidationException listing every invalid preset and every duplicate id, with field
   *     paths such as {@code presets[2].transferSources[0]}; nothing is registered then
   */
  public static ProviderPresets of(Collection<? extends ProviderPreset> presets) {
    List<ValidationProblem> problems = new ArrayList<>();
    TreeMap<String, PresetDefinition> byId = new TreeMap<>();
    Map<String, Integer> indexOfId = new LinkedHashMap<>();
    Map<String, ProviderPreset> firstOfId = new HashMap<>();
    int i = 0;
    for (ProviderPreset preset : presets) {
      String field = "presets[" + i + "]";
      if (preset == null) {
        problems.add(new ValidationProblem(field, ProblemCode.REQUIRED, "the preset is null"));
      } else {
        try {
          PresetDefinition d = definitionOf(preset);
          Integer first = indexOfId.putIfAbsent(d.id(), i);
          if (first == null) {
            byId.put(d.id(), d);
            firstOfId.put(d.id(), preset);
          } else {
            problems.add(
                new ValidationProblem(
                    field + ".id",
                    ProblemCode.DUPLICATE_ID,
                    "the id '"
                        + d.id()
                        + "' is also the id of presets["
                        + first
                        + "] ("
                        + describe(firstOfId.get(d.id()))
                        + " and "
                        + describe(preset)
                        + "); every preset needs its own id"));
          }
        } catch (ValidationException e) {
          for (ValidationProblem p : e.problems()) {
            problems.add(
                new ValidationProblem(
                    field + "." + p.field(),
                    p.code(),
                    "preset " + quoteId(preset) + ": " + p.message()));
          }
        }
      }
      i++;
    }
    if (!problems.isEmpty()) {
      throw new ValidationException("provider preset registry", problems);
    }
    return byId.isEmpty() ? EMPTY : new ProviderPresets(byId, List.of());
  }

  /** Reads a preset's definition once; a plugin that returns none is a validation problem. */
  private static PresetDefinition definitionOf(ProviderPreset preset) {
    PresetDefinition d = preset.definition();
    if (d == null) {
      throw new ValidationException(
          "provider preset " + preset.getClass().getName(),
          List.of(
              new ValidationProblem(
                  "definition", ProblemCode.REQUIRED, "the preset returned no definition")));
    }
    return d;
  }

  /**
   * Discovers presets with the thread's context class loader (or this class's loader when the
   * thread has none): on the class path through {@code META-INF/services}, and in named modules of
   * the application's module layer through {@code provides}.
   *
   * @return the presets that loaded and the problems with the others
   */
  public static PresetDiscovery discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discover(loader != null ? loader : ProviderPresets.class.getClassLoader());
  }

  /**
   * Discovers presets visible to a class loader: its class path entries and the named modules
   * defined to it or its ancestors.
   *
   * @param loader the class loader to search
   * @return the presets that loaded and the problems with the others
   */
  public static PresetDiscovery discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return discover(ServiceLoader.load(ProviderPreset.class, loader));
  }

  /**
   * Discovers presets provided by the named modules of a module layer and its parents (for hosts
   * that load plugins into their own layers).
   *
   * @param layer the module layer to search
   * @return the presets that loaded and the problems with the others
   */
  public static PresetDiscovery discover(ModuleLayer layer) {
    Objects.requireNonNull(layer, "layer");
    return discover(ServiceLoader.load(layer, ProviderPreset.class));
  }

  private static PresetDiscovery discover(ServiceLoader<ProviderPreset> loader) {
    List<PresetLoadProblem> problems = new ArrayList<>();
    List<Loaded> loaded = new ArrayList<>();
    Iterator<ServiceLoader.Provider<ProviderPreset>> it = loader.stream().iterator();
    int consecutiveFailures = 0;
    while (consecutiveFailures < MAX_CONSECUTIVE_LOAD_FAILURES) {
      ServiceLoader.Provider<ProviderPreset> provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
        consecutiveFailures = 0;
      } catch (ServiceConfigurationError e) {
        // A services entry that names a missing class or a class that is not a ProviderPreset:
        // ServiceLoader moves past it, so the next call continues with the following entry.
        consecutiveFailures++;
        problems.add(loadFailed(List.of(), message(e), e));
        continue;
      }
      load(provider, problems).ifPresent(loaded::add);
    }
    // Group by id in discovery order, then decide per id: a built-in wins over plugins; two
    // plugins (or two built-ins) with one id are both left out.
    Map<String, List<Loaded>> byId = new TreeMap<>();
    loaded.forEach(l -> byId.computeIfAbsent(l.definition().id(), k -> new ArrayList<>()).add(l));
    TreeMap<String, PresetDefinition> registered = new TreeMap<>();
    for (Map.Entry<String, List<Loaded>> e : byId.entrySet()) {
      List<Loaded> builtIns = e.getValue().stream().filter(Loaded::builtIn).toList();
      List<Loaded> plugins = e.getValue().stream().filter(l -> !l.builtIn()).toList();
      List<Loaded> contenders = builtIns.isEmpty() ? plugins : builtIns;
      if (contenders.size() > 1) {
        List<String> types = contenders.stream().map(Loaded::type).toList();
        problems.add(
            new PresetLoadProblem(
                PresetLoadProblem.Kind.DUPLICATE_ID,
                types,
                Optional.of(e.getKey()),
                "the id '"
                    + e.getKey()
                    + "' is declared by "
                    + types.size()
                    + " presets ("
                    + String.join(", ", types)
                    + "); none of them is registered: remove one plugin or give it another id",
                Optional.empty()));
        continue;
      }
      Loaded winner = contenders.get(0);
      registered.put(e.getKey(), winner.definition());
      if (!builtIns.isEmpty()) {
        for (Loaded plugin : plugins) {
          problems.add(
              new PresetLoadProblem(
                  PresetLoadProblem.Kind.ID_TAKEN_BY_BUILT_IN,
                  List.of(winner.type(), plugin.type()),
                  Optional.of(e.getKey()),
                  "the plugin "
                      + plugin.type()
                      + " declares the id '"
                      + e.getKey()
                      + "' of the built-in preset "
                      + winner.type()
                      + "; the built-in stays and the plugin is not registered: give the plugin"
                      + " another id",
                  Optional.empty()));
        }
      }
    }
    ProviderPresets presets =
        registered.isEmpty() && problems.isEmpty()
            ? EMPTY
            : new ProviderPresets(registered, problems);
    return new PresetDiscovery(presets, problems);
  }

  /** A preset that discovery loaded, with the class that provided it. */
  private record Loaded(String type, boolean builtIn, PresetDefinition definition) {}

  private static boolean isBuiltIn(Class<?> type) {
    Module module = type.getModule();
    return module.isNamed()
        ? BUILT_IN_MODULE.equals(module.getName())
        : type.getPackageName().startsWith(BUILT_IN_MODULE + ".");
  }

  /** A provider that could not be loaded, created or read: the classes named, why, the cause. */
  private static PresetLoadProblem loadFailed(
      List<String> providers, String message, Throwable cause) {
    return new PresetLoadProblem(
        PresetLoadProblem.Kind.LOAD_FAILED,
        providers,
        Optional.empty(),
        message,
        Optional.of(cause));
  }

  private static Optional<Loaded> load(
      ServiceLoader.Provider<ProviderPreset> provider, List<PresetLoadProblem> problems) {
    Class<? extends ProviderPreset> type;
    try {
      type = provider.type();
    } catch (RuntimeException | LinkageError e) {
      problems.add(loadFailed(List.of(), message(e), e));
      return Optional.empty();
    }
    String name = type.getName();
    ProviderPreset preset;
    try {
      preset = provider.get();
    } catch (ServiceConfigurationError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      problems.add(
          loadFailed(List.of(name), "could not create " + name + ": " + message(cause), e));
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      problems.add(loadFailed(List.of(name), "could not create " + name + ": " + message(e), e));
      return Optional.empty();
    }
    try {
      return Optional.of(new Loaded(name, isBuiltIn(type), definitionOf(preset)));
    } catch (ValidationException e) {
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.INVALID_PRESET,
              List.of(name),
              Optional.empty(),
              name + ": " + e.getMessage(),
              Optional.of(e)));
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          loadFailed(
              List.of(name), name + " failed while its definition was read: " + message(e), e));
    }
    return Optional.empty();
  }

  private static String message(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
  }

  private static String describe(@Nullable ProviderPreset preset) {
    return preset == null ? "?" : preset.getClass().getName();
  }

  private static String quoteId(ProviderPreset preset) {
    try {
      String id = preset.id();
      return id == null || id.isBlank() ? preset.getClass().getName() : "'" + id + "'";
    } catch (RuntimeException e) {
      return preset.getClass().getName();
    }
  }

  /**
   * Returns the presets in id order, which does not depend on the order they were registered or
   * discovered in.
   *
   * @return an unmodifiable list
   */
  public List<ProviderPreset> list() {
    return list;
  }

  /**
   * Returns the ids in listing order.
   *
   * @return an unmodifiable list
   */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /**
   * Returns the number of presets.
   *
   * @return the size
   */
  public int size() {
    return byId.size();
  }

  /**
   * Looks a preset up by id. Ids are lower case; the lookup ignores letter case and surrounding
   * white space.
   *
   * @param id the id
   * @return the preset, or empty
   */
  public Optional<ProviderPreset> find(String id) {
    return Optional.ofNullable(byId.get(normalize(id)));
  }

  /**
   * Looks a preset up by id, failing with the list of known ids.
   *
   * @param id the id
   * @return the preset
   * @throws UnknownPresetException when no preset has the id; its message lists the known ids
   */
  public ProviderPreset get(String id) {
    return find(id).orElseThrow(() -> new UnknownPresetException(id, ids()));
  }

  /**
   * Returns what discovery could not register: plugins that failed to load or hold invalid data,
   * two plugins with one id, a plugin that takes a built-in's id. A command that lists presets
   * should exit with an error when there are any.
   *
   * @return the problems, in the order discovery met them; empty for a registry built with {@link
   *     #of}
   */
  public List<PresetLoadProblem> loadProblems() {
    return loadProblems;
  }

  /**
   * Tells whether discovery left something out.
   *
   * @return true when {@link #loadProblems()} is not empty
   */
  public boolean hasLoadProblems() {
    return !loadProblems.isEmpty();
  }

  /**
   * Returns a registry holding these presets and others, and the load problems of both.
   *
   * @param others the presets to add
   * @return the combined registry
   * @throws ValidationException when an id is taken twice, naming both presets
   */
  public ProviderPresets with(ProviderPresets others) {
    List<ProviderPreset> all = new ArrayList<>(list);
    all.addAll(others.list);
    ProviderPresets combined = of(all);
    List<PresetLoadProblem> problems = new ArrayList<>(loadProblems);
    problems.addAll(others.loadProblems);
    return problems.isEmpty()
        ? combined
        : new ProviderPresets(new TreeMap<>(combined.byId), problems);
  }

  private static String normalize(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  /** Equal when both hold equal presets; load problems do not count. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProviderPresets providerPresets && providerPresets.byId.equals(byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }

  @Override
  public String toString() {
    return "ProviderPresets"
        + ids()
        + (loadProblems.isEmpty() ? "" : " with " + loadProblems.size() + " load problem(s)");
  }
}
