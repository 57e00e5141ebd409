package io.github.secdns.examples.cli;

import io.github.secdns.core.spi.ProviderPreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds a real plugin jar: the plugin's class file and its services entry, nothing else. */
final class Plugins {

  private Plugins() {}

  /**
   * Writes {@code dir/name.jar} holding the compiled classes and a {@code META-INF/services} file
   * that names them as {@link ProviderPreset}s.
   */
  static Path jar(Path dir, String name, Class<?>... presets) throws IOException {
    Path jar = dir.resolve(name + ".jar");
    StringBuilder services = new StringBuilder();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Class<?> preset : presets) {
        String entry = preset.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(entry));
        try (InputStream in = preset.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
        services.append(preset.getName()).append('\n');
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + ProviderPreset.class.getName()));
      out.write(services.toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
