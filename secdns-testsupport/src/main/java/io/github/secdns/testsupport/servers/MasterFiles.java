package io.github.secdns.testsupport.servers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** Writes a zone as a master file that named, knotd and nsd all read. */
public final class MasterFiles {

  private MasterFiles() {}

  /**
   * Writes the zone, SOA first, one record per line with absolute names exactly as the records
   * spell them (so the file keeps letter case). The file is replaced atomically: a server that
   * reloads never reads half a file.
   *
   * @param soa the zone's SOA
   * @param records the other records
   * @param file the file to write (or replace)
   * @throws UncheckedIOException when writing fails
   */
  public static void write(SOARecord soa, Iterable<Record> records, Path file) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        w.write("; written by the secdns tests\n");
        w.write(soa.toString());
        w.write('\n');
        for (Record r : records) {
          w.write(r.toString());
          w.write('\n');
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
