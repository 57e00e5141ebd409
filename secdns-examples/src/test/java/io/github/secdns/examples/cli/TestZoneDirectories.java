package io.github.secdns.examples.cli;

import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.core.export.ZoneExporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Zone directories for tests, built as {@code serve --zone-dir DIR} builds its own. */
final class TestZoneDirectories {

  private TestZoneDirectories() {}

  /**
   * A directory whose versions go to {@code published}, with the flags {@code --zone-dir DIR
   * --listen 127.0.0.1:0 --quiet}.
   */
  static ZoneDirectory inMemory(
      Path dir,
      PublishedZones published,
      ServeZones zones,
      ServeStatus status,
      PrintStream out,
      PrintStream err)
      throws UsageException {
    ServeOptions options =
        ServeOptions.parse(
            List.of("--zone-dir", dir.toString(), "--listen", "127.0.0.1:0", "--quiet"));
    Clock clock = Clock.systemUTC();
    return new ZoneDirectory(
        dir,
        options,
        ZoneExporter.create(clock),
        new ConfigurationTemplates(options, clock),
        Set.of(),
        ZoneDirectory.inMemory(published),
        zones,
        status,
        out,
        err);
  }
}
