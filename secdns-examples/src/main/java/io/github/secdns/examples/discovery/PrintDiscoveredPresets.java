package io.github.secdns.examples.discovery;

import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.ProviderPresets;
import java.io.PrintStream;

/**
 * Prints what preset discovery finds, one fact per line:
 *
 * <pre>
 * core-module io.github.secdns.core      (or "unnamed" on the class path)
 * discover dnsmadeeasy,dyn-managed,...   (ProviderPresets.discover())
 * boot-layer dnsmadeeasy,dyn-managed,... (ProviderPresets.discover(ModuleLayer.boot()))
 * problem LOAD_FAILED [...]: ...         (one line per load problem)
 * </pre>
 *
 * <p>Exits with 0 when discovery reported no problem, 1 otherwise.
 */
public final class PrintDiscoveredPresets {

  private PrintDiscoveredPresets() {}

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Module core = ProviderPresets.class.getModule();
    out.println("core-module " + (core.isNamed() ? core.getName() : "unnamed"));
    PresetDiscovery discovered = ProviderPresets.discover();
    out.println("discover " + String.join(",", discovered.presets().ids()));
    PresetDiscovery boot = ProviderPresets.discover(ModuleLayer.boot());
    out.println("boot-layer " + String.join(",", boot.presets().ids()));
    for (PresetLoadProblem p : discovered.problems()) {
      out.println("problem " + p);
    }
    out.flush();
    System.exit(discovered.hasProblems() || boot.hasProblems() ? 1 : 0);
  }
}
