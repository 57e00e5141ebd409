/**
 * secdns providers: the built-in provider presets, registered with {@code provides} for the module
 * path and {@code META-INF/services} for the class path.
 */
module io.github.secdns.providers {
  requires transitive io.github.secdns.core;
  requires static jsr305;

  exports io.github.secdns.providers;

}
