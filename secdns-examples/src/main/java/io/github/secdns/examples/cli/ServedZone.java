package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.ExportException;
import io.github.secdns.core.export.ExportFinding;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * One zone of {@code serve}: where it is read from, and the last export (so that the next export
 * keeps the serial moving forward and knows the last good ALIAS values). A zone directory's zone is
 * a {@link ZoneDirectory.Entry}, which adds its file's state and configuration (one object per zone
 * of 100,000). Not thread-safe: used by the serve command's main thread at start and then only by
 * its watcher thread.
 */
sealed class ServedZone extends ServeZoneState permits ZoneDirectory.Entry {

  /** The TTL given to the fixed ALIAS target addresses of the demo's table. */
  static final long TABLE_TTL = 300;

  private final Name origin;

  /**
   * Where the zone is read from and how it is exported: a {@code --zone-file}'s own, or the one
   * every file of a zone directory shares (one reference per zone of 100,000, not four).
   */
  private final Source source;

  /**
   * A zone directory's file name when it is not the origin's own ({@code z1.example.zone} for
   * {@code z1.example.}), else null: nearly every file's name is built from the origin when asked
   * for, not kept (about 70 octets a zone of 100,000).
   */
  @Nullable private final String fileName;

  /**
   * The configuration whose secondary name servers the export adds to the apex NS set; null when
   * none are configured: the zone is then served as written.
   */
  @Nullable private SecondaryDnsConfiguration configuration;

  private List<Name> primaryNameServers = List.of();

  /**
   * The last export: its {@link ExportResult} when it found something or served ALIAS values (what
   * the start's description and the next export read), else its snapshot alone, which is all there
   * is to keep (a zone directory's 100,000 results held 32 octets a zone for nothing); null before
   * the first export.
   */
  @Nullable private Object last;

  @Nullable private ZoneSnapshot stored;

  /**
   * Where a zone is read from and what exports it: a {@code --zone-file} (or the sample) has its
   * own, with what {@link #fileChanged()} saw of the file; a zone directory has one for all its
   * files. Immutable but for a {@code --zone-file}'s looks, which only its own zone changes: a zone
   * directory's, shared, is read by its loading threads at once.
   */
  static final class Source {
    /** Where the zone is read from, unless it is a zone directory's file (then null). */
    @Nullable private final ServeOptions.ZoneInput input;

    /**
     * A zone directory (shared), whose zones' paths are built when a file is read. Not a {@code
     * Path} per zone: with the string and offsets a path caches once printed, 100,000 of them held
     * about 20 MB.
     */
    @Nullable private final Path directory;

    private final ServeOptions options;
    private final ZoneExporter exporter;

    /** What {@link #fileChanged()} saw of a {@code --zone-file}; null for a zone directory. */
    @Nullable private final FileLooks looks;

    private Source(
        @Nullable ServeOptions.ZoneInput input,
        @Nullable Path directory,
        ServeOptions options,
        ZoneExporter exporter,
        @Nullable FileLooks looks) {
      this.input = input;
      this.directory = directory;
      this.options = options;
      this.exporter = exporter;
      this.looks = looks;
    }

    /**
     * What every file of a zone directory shares: the directory, the flags and the exporter (which
     * is thread-safe: the directory's files are read and exported in parallel).
     */
    static Source directory(Path directory, ServeOptions options, ZoneExporter exporter) {
      return new Source(null, directory, options, exporter, null);
    }
  }

  /** A {@code --zone-file}'s modification time and size: when read, and at the last look. */
  private static final class FileLooks {
    @Nullable FileTime lastModified;
    long lastSize = -1;
    @Nullable FileTime seenModified;
    long seenSize = -1;
  }

  /** A zone given with {@code --zone-file} (or the sample): a changed file gets a new serial. */
  ServedZone(ServeOptions.ZoneInput input, ServeOptions options, ZoneExporter exporter) {
    this.origin = input.origin();
    this.source = new Source(input, null, options, exporter, new FileLooks());
    this.fileName = null;
  }

  /**
   * A zone directory's file: its own SOA serial is served, and a changed file whose serial is not
   * greater than the served one is refused (the version served stays) instead of being given the
   * next serial: files written by the host's own software carry their serials, and a serial raised
   * behind their back would go backwards at the next start.
   *
   * @param directory what the directory's files share ({@link Source#directory})
   * @param fileName the file's name in it
   * @param origin the zone's origin (from the file's name)
   * @throws IllegalArgumentException if {@code directory} is a {@code --zone-file}'s
   */
  ServedZone(Source directory, String fileName, Name origin) {
    if (directory.directory == null) {
      throw new IllegalArgumentException("not a zone directory's source: " + directory.input);
    }
    this.origin = origin;
    this.source = directory;
    this.fileName = fileName.equals(ZoneDirectory.fileNameOf(origin)) ? null : fileName;
  }

  /** A zone directory's zone: its file's name in the directory (built when it is the origin's). */
  final String fileName() {
    if (source.directory == null) {
      throw new IllegalStateException(origin + " is not a zone directory's zone");
    }
    return fileName != null ? fileName : ZoneDirectory.fileNameOf(origin);
  }

  /** Whether the file's own SOA serial is served (a zone directory's file; see its constructor). */
  private boolean fileSerials() {
    return source.input == null;
  }

  Name origin() {
    return origin;
  }

  /** Where the zone is read from (for a zone directory's file, built on each call). */
  ServeOptions.ZoneInput input() {
    if (source.input != null) {
      return source.input;
    }
    return new ServeOptions.ZoneInput(
        Optional.of(Objects.requireNonNull(source.directory).resolve(fileName())), origin);
  }

  /** Adds the configuration's secondary name servers to the apex NS set of every export. */
  void configuration(SecondaryDnsConfiguration enabled) {
    this.configuration = enabled;
  }

  List<Name> primaryNameServers() {
    return primaryNameServers;
  }

  /**
   * The version a database holds for this zone, served instead of the last export (serve --db,
   * publish --db; with {@code --zone-dir}, a file the database refused): the next export follows
   * it, keeping its serial when the content is the same and going above it when not (a zone
   * directory's file is refused then, unless its own serial is greater).
   */
  void storedVersion(ZoneSnapshot version) {
    this.stored = version;
  }

  /** The version of the last export; empty before the first. */
  Optional<ZoneSnapshot> lastVersion() {
    if (last instanceof ExportResult result) {
      return Optional.of(result.snapshot());
    }
    return Optional.ofNullable((ZoneSnapshot) last);
  }

  /** What the last export found (warnings and information, in the order found); none before. */
  List<ExportFinding> lastFindings() {
    return last instanceof ExportResult result ? result.findings() : List.of();
  }

  /**
   * The database's version when it is served instead of the last export (the file's version was
   * refused: its serial is not greater); empty once an export follows it.
   */
  Optional<ZoneSnapshot> servedInstead() {
    return last == null ? Optional.empty() : Optional.ofNullable(stored);
  }

  /**
   * Reads the zone (file or sample) as the host stores it. A file is streamed (never held as text),
   * with progress on {@code out} when it takes longer than about a second, unless {@code --quiet}.
   */
  HostZoneFile.Loaded read(PrintStream out) throws UsageException {
    return read(out, !source.options.quiet());
  }

  /**
   * Reads the zone, with progress lines for a big file only when {@code progress} (a zone
   * directory's files show the directory's progress instead).
   */
  HostZoneFile.Loaded read(PrintStream out, boolean progress) throws UsageException {
    ServeOptions.ZoneInput input = input();
    if (input.file().isEmpty()) {
      HostZoneFile.Loaded loaded = HostZoneFile.parse(sampleText(), input.source(), input.origin());
      primaryNameServers = loaded.primaryNameServers();
      return loaded;
    }
    return readFile(out, progress, OptionalLong.empty());
  }

  /**
   * Reads a zone directory's file, whose size the directory has just seen (no second look at the
   * file's attributes: the directory follows its changes, not {@link #fileChanged()}). The size
   * only sizes the buffers: a file that changed meanwhile is read whole all the same, and the
   * directory looks at it again at its next poll.
   */
  HostZoneFile.Loaded readSized(PrintStream out, long size) throws UsageException {
    return readFile(out, false, OptionalLong.of(size));
  }

  /**
   * Streams the zone's file, one line for any failure to read it. Without a size known already, the
   * file is looked at (and what was seen kept for {@link #fileChanged()}).
   */
  private HostZoneFile.Loaded readFile(PrintStream out, boolean progress, OptionalLong knownSize)
      throws UsageException {
    ServeOptions.ZoneInput input = input();
    Path file = input.file().orElseThrow();
    HostZoneFile.Loaded loaded;
    try (InputStream in = Files.newInputStream(file)) {
      long size;
      if (knownSize.isPresent()) {
        size = knownSize.getAsLong();
      } else if (source.looks == null) {
        size = Files.size(file); // a directory's file: its directory follows its changes
      } else {
        FileLooks looks = source.looks;
        looks.lastModified = Files.getLastModifiedTime(file);
        looks.lastSize = Files.size(file);
        size = looks.lastSize;
      }
      loaded =
          HostZoneFile.read(
              in,
              size,
              input.source(),
              input.origin(),
              LoadProgress.of(file.getFileName().toString(), size, !progress, out));
    } catch (IOException e) {
      throw new UsageException("--zone-file: cannot read " + file + " (" + Problems.io(e) + ")");
    }
    primaryNameServers = loaded.primaryNameServers();
    return loaded;
  }

  /** The bundled sample zone's text. */
  static String sampleText() {
    try (InputStream in = ServedZone.class.getResourceAsStream("sample-zone.db")) {
      if (in == null) {
        throw new IllegalStateException("the sample zone is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled sample zone", e);
    }
  }

  /**
   * Exports the zone for the secondaries and remembers the result.
   *
   * @throws UsageException listing every export error
   */
  ExportResult export(HostZoneFile.Loaded loaded) throws UsageException {
    SOARecord soa = loaded.zone().soa();
    SoaSettings fromFile = SoaSettings.fromHostSoa(soa.getHost(), soa);
    // The exporter rewrites the apex NS records: they keep the file's TTL, so that a zone served
    // as written is exactly the file.
    long nsTtl = loaded.apexNsTtl();
    ExportRequest.Builder b =
        ExportRequest.builder(
                loaded.zone(),
                new SoaSettings(
                    fromFile.mname(),
                    fromFile.rname(),
                    fromFile.refresh(),
                    fromFile.retry(),
                    fromFile.expire(),
                    fromFile.minimum(),
                    fromFile.soaTtl(),
                    nsTtl))
            .primaryNameServers(loaded.primaryNameServers())
            .redirector(source.options.redirector())
            .serialPolicy(fileSerials() ? SerialPolicy.KEEP_HOST : SerialPolicy.INCREMENT);
    if (configuration != null) {
      b.secondaryNameServers(configuration);
    }
    Map<Name, Set<InetAddress>> table = source.options.resolve();
    for (Name target : loaded.zone().aliasTargets()) {
      Set<InetAddress> addresses = table.get(target);
      b.resolution(
          target,
          addresses == null
              ? TargetResolution.unresolved("no address given: add --resolve " + target + "=ADDR")
              : TargetResolution.resolved(addresses, TABLE_TTL));
    }
    if (stored != null) {
      b.previous(stored, Map.of());
    } else if (last instanceof ExportResult result) {
      b.previous(result);
    } else if (last instanceof ZoneSnapshot version) {
      b.previous(version, Map.of());
    }
    SerialNumber served =
        stored != null ? stored.serial() : lastVersion().map(ZoneSnapshot::serial).orElse(null);
    try {
      ExportResult result = source.exporter.export(b.build());
      if (fileSerials()
          && served != null
          && result.contentChanged()
          && result.serial().value() != soa.getSerial()) {
        // The exporter had to raise the serial itself: the file changed without a greater one.
        throw new UsageException(
            input().source() + ": " + serialNotGreater(soa.getSerial(), served));
      }
      last =
          result.findings().isEmpty() && result.targetValues().isEmpty()
              ? result.snapshot()
              : result;
      stored = null; // followed: the next export follows this one
      return result;
    } catch (ExportException e) {
      throw new UsageException(
          input().source()
              + ": cannot export "
              + origin
              + ": "
              + e.errors().stream().map(ExportFinding::toString).collect(Collectors.joining("; ")));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          input().source() + ": cannot export " + origin + ": " + e.getMessage());
    }
  }

  /**
   * Why a changed file of a zone directory is refused when its SOA serial is not greater (RFC 1982)
   * than the serial served, after the file's name: the zone served from memory or, with {@code
   * --db}, from the database.
   */
  static String serialNotGreater(long fileSerial, SerialNumber served) {
    return "the zone changed but its SOA serial "
        + fileSerial
        + " is not greater than the serial served, "
        + served
        + " (RFC 1982); raise the serial in the file";
  }

  /**
   * Whether the zone file changed since it was last read (modification time or size) and has stayed
   * the same since the previous call: a file still being written is read only once the writer is
   * done, so a half-written file is never published.
   */
  boolean fileChanged() {
    ServeOptions.ZoneInput input = input();
    FileLooks looks = source.looks;
    if (input.file().isEmpty() || looks == null) {
      return false;
    }
    try {
      Path file = input.file().get();
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      boolean changed = !modified.equals(looks.lastModified) || size != looks.lastSize;
      boolean settled = modified.equals(looks.seenModified) && size == looks.seenSize;
      looks.seenModified = modified;
      looks.seenSize = size;
      return changed && settled;
    } catch (IOException e) {
      return false;
    }
  }
}
