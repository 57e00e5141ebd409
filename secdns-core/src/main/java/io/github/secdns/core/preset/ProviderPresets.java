package io.github.secdns.core.preset;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
 * <p>Every preset is checked when it is registered ({@link PresetDefinition#copyOf}), and the
 * registry keeps that checked, immutable copy: a preset's methods are read once. Two presets with
 * the same id are an error, never "first wins".
 *
 * <p>Immutable and thread-safe. Discovery reads {@code META-INF/services} files and instantiates
 * plugin classes; that is the only thing in secdns-core that touches resources, and only when a
 * {@code discover} method is called.
 */
public final class ProviderPresets {

  private static final ProviderPresets EMPTY = new ProviderPresets(new TreeMap<>());

  /** Stops a service iterator that keeps failing on the same entry from looping forever. */
  private static final int MAX_CONSECUTIVE_LOAD_FAILURES = 1000;

  private final Map<String, PresetDefinition> byId;
  private final List<ProviderPreset> list;

  private ProviderPresets(TreeMap<String, PresetDefinition> byId) {
    this.byId = byId;
    this.list = List.copyOf(byId.values());
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
    int i = 0;
    for (ProviderPreset preset : presets) {
      String field = "presets[" + i + "]";
      if (preset == null) {
        problems.add(new ValidationProblem(field, ProblemCode.REQUIRED, "the preset is null"));
      } else {
        try {
          PresetDefinition d = PresetDefinition.copyOf(preset);
          Integer first = indexOfId.putIfAbsent(d.id(), i);
          if (first == null) {
            byId.put(d.id(), d);
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
                        + describe(byId.get(d.id()))
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
    return byId.isEmpty() ? EMPTY : new ProviderPresets(byId);
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
    // Loaded presets in discovery order, with the class names that provided them.
    Map<String, List<String>> providersById = new TreeMap<>();
    Map<String, PresetDefinition> definitionById = new TreeMap<>();
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
        problems.add(
            new PresetLoadProblem(
                PresetLoadProblem.Kind.LOAD_FAILED,
                List.of(),
                Optional.empty(),
                message(e),
                Optional.of(e)));
        continue;
      }
      load(provider, problems, providersById, definitionById);
    }
    TreeMap<String, PresetDefinition> loaded = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : providersById.entrySet()) {
      if (e.getValue().size() == 1) {
        loaded.put(e.getKey(), definitionById.get(e.getKey()));
      } else {
        problems.add(
            new PresetLoadProblem(
                PresetLoadProblem.Kind.DUPLICATE_ID,
                e.getValue(),
                Optional.of(e.getKey()),
                "the id '"
                    + e.getKey()
                    + "' is declared by "
                    + e.getValue().size()
                    + " presets ("
                    + String.join(", ", e.getValue())
                    + "); none of them is registered: remove one plugin or give it another id",
                Optional.empty()));
      }
    }
    return new PresetDiscovery(loaded.isEmpty() ? EMPTY : new ProviderPresets(loaded), problems);
  }

  private static void load(
      ServiceLoader.Provider<ProviderPreset> provider,
      List<PresetLoadProblem> problems,
      Map<String, List<String>> providersById,
      Map<String, PresetDefinition> definitionById) {
    String type;
    try {
      type = provider.type().getName();
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.LOAD_FAILED,
              List.of(),
              Optional.empty(),
              message(e),
              Optional.of(e)));
      return;
    }
    ProviderPreset preset;
    try {
      preset = provider.get();
    } catch (ServiceConfigurationError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.LOAD_FAILED,
              List.of(type),
              Optional.empty(),
              "could not create " + type + ": " + message(cause),
              Optional.of(e)));
      return;
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.LOAD_FAILED,
              List.of(type),
              Optional.empty(),
              "could not create " + type + ": " + message(e),
              Optional.of(e)));
      return;
    }
    try {
      PresetDefinition d = PresetDefinition.copyOf(preset);
      providersById.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(type);
      definitionById.putIfAbsent(d.id(), d);
    } catch (ValidationException e) {
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.INVALID_PRESET,
              List.of(type),
              Optional.empty(),
              type + ": " + e.getMessage(),
              Optional.of(e)));
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          new PresetLoadProblem(
              PresetLoadProblem.Kind.LOAD_FAILED,
              List.of(type),
              Optional.empty(),
              type + " failed while its data was read: " + message(e),
              Optional.of(e)));
    }
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
   * Returns a registry holding these presets and others.
   *
   * @param others the presets to add
   * @return the combined registry
   * @throws ValidationException when an id is taken twice, naming both presets
   */
  public ProviderPresets with(ProviderPresets others) {
    List<ProviderPreset> all = new ArrayList<>(list);
    all.addAll(others.list);
    return of(all);
  }

  private static String normalize(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProviderPresets && ((ProviderPresets) o).byId.equals(byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }

  @Override
  public String toString() {
    return "ProviderPresets" + ids();
  }
}
