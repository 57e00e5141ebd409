package io.github.secdns.core.config;

import java.util.List;

/**
 * Thrown when input is invalid. It carries <em>every</em> problem found, not just the first, so a
 * form can show them all at once. Nothing is built when it is thrown.
 *
 * <p>The message lists each problem on its own line, the first 50 of them (a catalog zone may have
 * hundreds of thousands of members; {@link #problems()} has every one). It never contains a TSIG
 * secret.
 */
public final class ValidationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** How many problems the message lists; {@link #problems()} has them all. */
  static final int MAX_LISTED = 50;

  private final transient List<ValidationProblem> problems;

  /**
   * Creates the exception.
   *
   * @param subject what was being validated, for the first line of the message
   * @param problems the problems found; at least one
   * @throws IllegalArgumentException when {@code problems} is empty
   */
  public ValidationException(String subject, List<ValidationProblem> problems) {
    super(format(subject, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns the problems, in the order the fields were checked.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<ValidationProblem> problems() {
    return problems;
  }

  private static String format(String subject, List<ValidationProblem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(subject)
        .append(" is invalid (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (ValidationProblem p : problems.subList(0, Math.min(problems.size(), MAX_LISTED))) {
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
