package io.github.secdns.providers;

/** The built-in provider presets. (Skeleton: filled in by the presets work.) */
public final class BuiltInPresets {
  private BuiltInPresets() {}
}
