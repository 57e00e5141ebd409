package io.github.secdns.core.catalog;

import java.util.Objects;

/**
 * One reason a catalog version was refused.
 *
 * @param field where the problem is, such as {@code members[3].zone}, {@code catalog} or {@code
 *     serial}
 * @param code the stable code
 * @param message what is wrong, naming the member concerned
 */
public record CatalogProblem(String field, CatalogProblemCode code, String message) {

  /** Checks that no component is null. */
  public CatalogProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message + " [" + code + "]";
  }
}
