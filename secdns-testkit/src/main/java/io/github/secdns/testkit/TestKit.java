package io.github.secdns.testkit;

/** Test support. (Skeleton: filled in by the presets work.) */
public final class TestKit {
  private TestKit() {}
}
