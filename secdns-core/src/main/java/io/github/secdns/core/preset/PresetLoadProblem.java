package io.github.secdns.core.preset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a discovered preset was not registered.
 *
 * @param kind what went wrong
 * @param providers the class names of the plugins concerned (two or more for a duplicate id; the
 *     built-in first, then the plugin, for an id taken by a built-in; empty when the service
 *     configuration itself could not be read)
 * @param presetId the preset id, when it is known
 * @param message what went wrong, for a log or an admin page
 * @param cause the exception behind it, when there is one
 */
public record PresetLoadProblem(
    Kind kind,
    List<String> providers,
    Optional<String> presetId,
    String message,
    Optional<Throwable> cause) {

  /** What went wrong while loading a preset. */
  public enum Kind {
    /**
     * The plugin could not be loaded or instantiated: its class is missing, does not implement the
     * SPI, or its constructor threw.
     */
    LOAD_FAILED,
    /** The plugin loaded, but its data is invalid (the cause is a validation exception). */
    INVALID_PRESET,
    /**
     * Two or more plugins declare the same id. None of them is registered: choosing one would
     * silently depend on class path order.
     */
    DUPLICATE_ID,
    /**
     * A plugin declares the id of a built-in preset (one of {@code secdns-providers}). The built-in
     * stays registered and the plugin is not: a plugin can never replace a built-in's values
     * unnoticed, and the built-ins do not disappear because of a plugin.
     */
    ID_TAKEN_BY_BUILT_IN
  }

  /** Checks for nulls and copies the list. */
  public PresetLoadProblem {
    Objects.requireNonNull(kind, "kind");
    providers = List.copyOf(providers);
    Objects.requireNonNull(presetId, "presetId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
  }

  @Override
  public String toString() {
    return kind + (providers.isEmpty() ? "" : " " + providers) + ": " + message;
  }
}
