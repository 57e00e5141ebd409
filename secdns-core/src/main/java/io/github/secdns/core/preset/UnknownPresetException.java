package io.github.secdns.core.preset;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Thrown when a preset id is looked up that no registered preset has. The message names the ids
 * that do exist, so a typo is easy to spot.
 */
public final class UnknownPresetException extends NoSuchElementException {

  private static final long serialVersionUID = 1L;

  private final String id;
  private final transient List<String> knownIds;

  /**
   * Creates the exception.
   *
   * @param id the id looked up
   * @param knownIds the ids that exist, in listing order
   */
  public UnknownPresetException(String id, List<String> knownIds) {
    super(
        "no provider preset has the id '"
            + id
            + "'; known ids: "
            + (knownIds.isEmpty()
                ? "none (no preset is registered)"
                : String.join(", ", knownIds)));
    this.id = id;
    this.knownIds = List.copyOf(knownIds);
  }

  /**
   * Returns the id that was looked up.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the ids that exist.
   *
   * @return the ids, in listing order
   */
  public List<String> knownIds() {
    return knownIds;
  }
}
