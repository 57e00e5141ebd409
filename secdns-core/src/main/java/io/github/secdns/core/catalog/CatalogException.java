package io.github.secdns.core.catalog;

import java.util.List;

/**
 * Thrown when a catalog version cannot be produced. It carries <em>every</em> problem found, not
 * just the first. Nothing is produced when it is thrown: the previous version stays the one to
 * serve.
 */
public final class CatalogException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** How many problems the message lists. */
  static final int MAX_LISTED = 50;

  private final transient List<CatalogProblem> problems;

  /**
   * Creates the exception.
   *
   * @param catalog the catalog's name as given, for the first line of the message
   * @param problems the problems; at least one
   * @throws IllegalArgumentException when {@code problems} is empty
   */
  public CatalogException(String catalog, List<CatalogProblem> problems) {
    super(format(catalog, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a CatalogException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns the problems, members in the order given, then the catalog-wide ones.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<CatalogProblem> problems() {
    return problems;
  }

  private static String format(String catalog, List<CatalogProblem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append("the catalog zone ")
        .append(catalog)
        .append(" cannot be published (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    // A catalog has up to hundreds of thousands of members: the message shows the first problems,
    // problems() has them all.
    for (CatalogProblem p : problems.subList(0, Math.min(problems.size(), MAX_LISTED))) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    if (problems.size() > MAX_LISTED) {
      sb.append(System.lineSeparator())
          .append("  - and ")
          .append(problems.size() - MAX_LISTED)
          .append(" more");
    }
    return sb.toString();
  }
}
