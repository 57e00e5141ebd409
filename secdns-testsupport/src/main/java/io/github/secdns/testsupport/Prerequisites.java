package io.github.secdns.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (enough file descriptors, an IPv6 loopback, a binary).
 * Normally a test whose prerequisite is missing is skipped with a message; under {@code .ci/run},
 * which sets {@code -Dsecdns.noSkips=true}, it fails instead, so that CI cannot stay green while a
 * test silently stopped testing.
 */
public final class Prerequisites {

  /** The system property that turns a missing prerequisite into a failure. */
  public static final String NO_SKIPS = "secdns.noSkips";

  private Prerequisites() {}

  /**
   * Whether a missing prerequisite fails the test rather than skipping it.
   *
   * @return true when the system property {@value #NO_SKIPS} is {@code true}
   */
  public static boolean skipsAreFailures() {
    return Boolean.getBoolean(NO_SKIPS);
  }

  /**
   * Skips the test when {@code met} is false, or fails it under {@code -Dsecdns.noSkips=true}.
   *
   * @param met whether the prerequisite holds
   * @param missing what is missing and how to provide it
   * @throws AssertionError under {@code -Dsecdns.noSkips=true} when the prerequisite is missing
   * @throws org.opentest4j.TestAbortedException otherwise, when it is missing (JUnit: skipped)
   */
  public static void require(boolean met, String missing) {
    if (met) {
      return;
    }
    if (skipsAreFailures()) {
      throw new AssertionError(
          missing + " (-D" + NO_SKIPS + "=true, as .ci/run sets: this test must run, not skip)");
    }
    Assumptions.abort(missing);
  }
}
