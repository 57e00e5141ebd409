package io.github.secdns.testsupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test classes the gate looks at in {@link TaggedTestsGateTest}: named so that surefire does not
 * run them (they are data for the gate, not tests of secdns).
 */
final class GateSamples {

  private GateSamples() {}

  /** A contract with one test; only its tagged subclass counts. */
  abstract static class Contract {
    @Test
    void inherited() {}
  }

  /** Tagged: three test methods (one inherited, one parameterized). */
  @Tag("gate-sample")
  static class Tagged extends Contract {
    @Test
    void plain() {}

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void parameterized(int i) {}

    void notATest() {}
  }

  /** Not tagged: ignored by the gate. */
  static class Untagged {
    @Test
    void other() {}
  }
}
