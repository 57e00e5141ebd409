package io.github.secdns.core.preset;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of discovering presets through {@link java.util.ServiceLoader}: the presets that
 * loaded, and what went wrong with the others. One broken plugin never hides the rest.
 *
 * <p>Immutable and thread-safe.
 */
public final class PresetDiscovery {

  private final ProviderPresets presets;
  private final List<PresetLoadProblem> problems;

  PresetDiscovery(ProviderPresets presets, List<PresetLoadProblem> problems) {
    this.presets = Objects.requireNonNull(presets, "presets");
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns the presets that loaded and are valid, without the ones involved in a problem.
   *
   * @return the registry
   */
  public ProviderPresets presets() {
    return presets;
  }

  /**
   * Returns what went wrong, in the order the plugins were found, duplicate ids last.
   *
   * @return the problems; empty when everything loaded
   */
  public List<PresetLoadProblem> problems() {
    return problems;
  }

  /**
   * Tells whether anything went wrong.
   *
   * @return true when {@link #problems()} is not empty
   */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /**
   * Returns the presets when nothing went wrong, for hosts that prefer to fail at start-up.
   *
   * @return the registry
   * @throws IllegalStateException listing every problem when there is one
   */
  public ProviderPresets presetsOrThrow() {
    if (problems.isEmpty()) {
      return presets;
    }
    StringBuilder sb =
        new StringBuilder("provider preset discovery found ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (PresetLoadProblem p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    IllegalStateException e = new IllegalStateException(sb.toString());
    problems.forEach(p -> p.cause().ifPresent(e::addSuppressed));
    throw e;
  }

  @Override
  public String toString() {
    return "PresetDiscovery[presets=" + presets.ids() + ", problems=" + problems + "]";
  }
}
