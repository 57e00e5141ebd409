package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xbill.DNS.Record;

/** Writes a snapshot as a master file that named, knotd and nsd all read. */
final class ZoneFiles {

  private ZoneFiles() {}

  /**
   * Writes the zone, SOA first, one record per line with absolute names exactly as the snapshot
   * spells them (so the file keeps letter case). The file is replaced atomically: a server that
   * reloads never reads half a file.
   */
  static void write(ZoneSnapshot zone, Path file) {
    StringBuilder text = new StringBuilder(zone.size() * 64);
    text.append("; written by the secdns interop tests\n");
    text.append(zone.soa()).append('\n');
    for (Record r : zone.records()) {
      text.append(r).append('\n');
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
