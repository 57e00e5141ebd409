package io.github.secdns.examples.cli;

import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The zones of {@code serve --zone-dir DIR}: every {@code DIR/*.zone} file is a zone whose origin
 * is the file name without {@code .zone} ({@code z1.example.zone} serves {@code z1.example.}).
 *
 * <p>At start, {@link #loadAll()} reads every file in parallel (one thread per core), showing
 * progress in files and percent when it takes longer than a second; a file that cannot be read,
 * parsed or exported is reported by name (and line) and skipped, the others are served. While
 * {@code serve} runs, {@link #poll()} (on the watcher thread, every {@code --poll-interval})
 * follows the directory: a {@link WatchService} says which files to look at, and a full rescan
 * (whenever the watch service overflowed, and otherwise every {@value #RESCAN_SECONDS} seconds, or
 * {@value #RESCAN_DURATION_FACTOR} times as long as the last rescan took when that is longer: see
 * {@link #nanosBetweenRescans}) catches what it missed (file systems without change events, such as
 * some network mounts). A file is read only once its size and modification time were the same at
 * two polls in a row, so a file still being written is not read half-way; operators should still
 * write files atomically (write {@code .z1.example.zone.tmp}, then rename it to {@code
 * z1.example.zone}: a name not ending in {@code .zone} is ignored, and a rename within one file
 * system is atomic). An added file becomes a new zone, a changed file a new version (its SOA serial
 * must be greater, else the change is refused with a message and the version served stays), a
 * removed file a withdrawn zone; a file that no longer parses keeps its previous version served,
 * with a message.
 *
 * <p>Where the versions go is {@link Versions}: the responder's zones in memory ({@link
 * #inMemory}), or with {@code --db} the database ({@link DirectoryDatabase}), which then takes
 * every file's version at start at once.
 *
 * <p>Not thread-safe: {@code serve}'s main thread loads, then only its watcher thread polls.
 */
final class ZoneDirectory implements AutoCloseable {

  static final String SUFFIX = ".zone";

  /** How a configuration's message begins: {@code serve ORIGIN: } (no space in a zone's text). */
  private static final Pattern SERVE_ZONE = Pattern.compile("serve \\S+: ");

  /** Seconds between full rescans of a directory whose rescan is quick (see below). */
  static final long RESCAN_SECONDS = 30;

  /**
   * How many times its own duration a full rescan is followed by no other: the rescans take at most
   * 1 % of the watcher thread's time (while they take under 6 s: see {@link #RESCAN_MAX_SECONDS}).
   * A directory of 300,000 files takes about 1 s to rescan, and about 2 s of the process's CPU with
   * the collections of its garbage (about 490 octets a file, the JDK's path and attribute objects):
   * every 30 s an idle {@code serve} used 5-7 % of a core (BENCHMARKS.md). Changes the watch
   * service reports are taken up at the next poll whatever the rescans' pace.
   */
  static final int RESCAN_DURATION_FACTOR = 100;

  /**
   * Seconds between full rescans at most, however long the last one took: a rescan slowed down for
   * a while (a busy or swapping machine, a slow network mount) does not leave what only a rescan
   * sees unseen for hours.
   */
  static final long RESCAN_MAX_SECONDS = 600;

  /** A zone served from a file of the directory, with its configuration. */
  record Served(ServedZone zone, ServeCommand.Prepared prepared) {}

  /**
   * What a file looked like when it was last looked at: absent, or its size and modification time
   * (in nanoseconds: one per zone is kept, and a {@code FileTime} would add an object to each).
   */
  private record FileState(boolean exists, long size, long modifiedNanos) {
    static final FileState ABSENT = new FileState(false, -1, 0);
  }

  /**
   * A file's zone, its configuration, and the state of the file its version was read from: one
   * object per zone of 100,000, the zone itself with these as fields (not a zone, an entry and a
   * {@link ServeCommand.Prepared} of its own, nor a {@link Served} and a {@link FileState}: 32
   * octets a zone fewer than three objects).
   */
  static final class Entry extends ServedZone {
    private @Nullable SecondaryDnsConfiguration configured;
    private Optional<PresetApplication> preset = Optional.empty();
    private Optional<EnableResult> plan = Optional.empty();
    private boolean exists;
    private long size;
    private long modifiedNanos;

    /**
     * Whether the directory serves the zone from this file now: false once the file is gone (its
     * zone may still be served until the catalog drops it) or its version was refused.
     */
    private boolean listed;

    Entry(ServedZone.Source directory, String fileName, Name origin) {
      super(directory, fileName, origin);
    }

    /** Keeps what {@link ServeCommand#prepare} gave, taking its parts apart. */
    void prepared(ServeCommand.Prepared prepared) {
      configured = prepared.configuration();
      preset = prepared.preset();
      plan = prepared.plan();
    }

    ServeCommand.Prepared prepared() {
      return new ServeCommand.Prepared(Objects.requireNonNull(configured), preset, plan);
    }

    FileState state() {
      return exists ? new FileState(true, size, modifiedNanos) : FileState.ABSENT;
    }

    void state(FileState state) {
      exists = state.exists();
      size = state.size();
      modifiedNanos = state.modifiedNanos();
    }

    /** Whether the file looked as {@code state} says when its version was read. */
    boolean hasState(FileState state) {
      return exists == state.exists()
          && size == state.size()
          && modifiedNanos == state.modifiedNanos();
    }

    Served served() {
      return new Served(this, prepared());
    }
  }

  /** The outcome of reading one file, on a loading thread. */
  private sealed interface Outcome {
    String file();
  }

  private record Loaded(String file, Entry entry) implements Outcome {}

  /** A served zone's file read again: the entry travels with it, no second look-up. */
  private record Reloaded(String file, Entry entry, FileState state, ExportResult result)
      implements Outcome {}

  private record Failed(String file, FileState state, String message) implements Outcome {}

  /** A version refused where the directory publishes it: the version served stays. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    @Nullable
    private final ZoneSnapshot served;

    /**
     * @param message one line, without the file's name (the directory puts it first)
     */
    Refused(String message) {
      this(message, null);
    }

    /**
     * @param served the version served instead, when it is not the file's last export (the
     *     database's): the file's next version must follow it
     */
    Refused(String message, @Nullable ZoneSnapshot served) {
      super(message);
      this.served = served;
    }

    Optional<ZoneSnapshot> served() {
      return Optional.ofNullable(served);
    }
  }

  /**
   * Where the directory's versions go. Called only on the directory's thread (serve's main thread
   * while it loads, then the watcher thread); an implementation needs no locking of its own.
   */
  interface Versions {

    /**
     * Publishes every file's version at start, at once.
     *
     * @param versions one per zone, in file name order
     * @return the versions refused, by zone (the version served stays)
     */
    Map<Name, Refused> publishAtStart(List<ZoneSnapshot> versions);

    /**
     * Publishes a file's new version.
     *
     * @return false when it could not be written now (said on stderr) and will be at a later poll
     *     ({@link #retry})
     * @throws Refused when it is refused
     */
    boolean publish(ZoneSnapshot version) throws Refused;

    /**
     * Stops serving the zone of a removed file.
     *
     * @throws Refused when it is still served (another publisher's version)
     */
    void withdraw(Name zone) throws Refused;

    /** The serial served for a zone of the directory, if any. */
    Optional<SerialNumber> served(Name zone);

    /** Writes what could not be written before; returns the versions written now. */
    List<ZoneSnapshot> retry();
  }

  /** The responder's zones in memory: every version served at once, nothing to retry. */
  static Versions inMemory(PublishedZones published) {
    return new Versions() {
      @Override
      public Map<Name, Refused> publishAtStart(List<ZoneSnapshot> versions) {
        Map<Name, Refused> refused = new HashMap<>();
        for (ZoneSnapshot version : versions) {
          try {
            publish(version);
          } catch (Refused e) {
            refused.put(version.origin(), e);
          }
        }
        return refused;
      }

      @Override
      public boolean publish(ZoneSnapshot version) throws Refused {
        try {
          published.publish(version);
          return true;
        } catch (IllegalArgumentException e) {
          throw new Refused(String.valueOf(e.getMessage()));
        }
      }

      @Override
      public void withdraw(Name zone) {
        published.withdraw(zone);
      }

      @Override
      public Optional<SerialNumber> served(Name zone) {
        return published.snapshot(zone).map(ZoneSnapshot::serial);
      }

      @Override
      public List<ZoneSnapshot> retry() {
        return List.of();
      }
    };
  }

  private final Path dir;
  private final ServeOptions options;
  private final ServedZone.Source files;
  private final ConfigurationTemplates templates;
  private final Set<Name> otherZones;
  private final Versions versions;
  private final ServeZones served;
  private final ServeStatus status;
  private final PrintStream out;
  private final PrintStream err;

  // The served files are found through `served`, by the origin a file's name gives: no map by
  // file name (with the name's string, about 110 octets a zone of 100,000).
  private int listedCount;
  private final Map<String, FileState> rejected = new HashMap<>();
  private final Map<String, FileState> pending = new HashMap<>();
  private final List<ServedZone> startZones = new ArrayList<>();
  @Nullable private WatchService watch;
  private long nextRescan;
  private LongSupplier nanoTime = System::nanoTime;
  @Nullable private ServeCatalog catalog;

  /**
   * @param templates the zones' configurations from the flags (built once, derived per zone)
   * @param otherZones the zones given with {@code --zone-file} (a file of the same origin is
   *     skipped)
   * @param versions where versions are published (the responder's zones, or the database)
   * @param served the zones served (their configurations the responder reads, and their status)
   * @param status the status lines
   */
  ZoneDirectory(
      Path dir,
      ServeOptions options,
      ZoneExporter exporter,
      ConfigurationTemplates templates,
      Set<Name> otherZones,
      Versions versions,
      ServeZones served,
      ServeStatus status,
      PrintStream out,
      PrintStream err) {
    this.dir = dir;
    this.options = options;
    this.files = ServedZone.Source.directory(dir, options, exporter);
    this.templates = templates;
    this.otherZones = Set.copyOf(otherZones);
    this.versions = versions;
    this.served = served;
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /**
   * Reads and publishes every zone file (in parallel), reporting the ones skipped, and starts
   * watching the directory.
   *
   * @throws UsageException when the directory cannot be listed
   */
  void loadAll() throws UsageException {
    try {
      // Watch first: a file written while the others load is seen at the first poll.
      watch = dir.getFileSystem().newWatchService();
      dir.register(
          watch,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException | UnsupportedOperationException e) {
      // The periodic rescan alone follows the directory.
      closeWatch();
    }
    long listing = nanoTime.getAsLong();
    List<String> names = new ArrayList<>(list());
    // The listing looks at every file as a rescan does: its duration paces the first rescan.
    long listed = nanoTime.getAsLong() - listing;
    LoadProgress progress =
        LoadProgress.ofFiles(dir.toString(), names.size(), options.quiet(), out);
    List<Callable<Outcome>> tasks = new ArrayList<>();
    for (String name : names) {
      tasks.add(() -> load(name));
    }
    List<Outcome> outcomes = run(tasks, progress);
    progress.finish();
    for (Outcome o : outcomes) {
      apply(o, true);
    }
    publishAtStart();
    syncCatalog();
    nextRescan = nanoTime.getAsLong() + nanosBetweenRescans(listed);
  }

  /**
   * The time from the end of a full rescan to the next: {@value #RESCAN_SECONDS} s, or {@value
   * #RESCAN_DURATION_FACTOR} times the rescan's duration when that is longer (a rescan of 300,000
   * files, about 1 s, is followed by about 2 minutes without one), never more than {@value
   * #RESCAN_MAX_SECONDS} s.
   *
   * @param rescanNanos how long the last rescan took (0 at start)
   */
  static long nanosBetweenRescans(long rescanNanos) {
    long scaled =
        Math.min(Math.max(rescanNanos, 0), Long.MAX_VALUE / RESCAN_DURATION_FACTOR)
            * RESCAN_DURATION_FACTOR;
    return Math.min(
        TimeUnit.SECONDS.toNanos(RESCAN_MAX_SECONDS),
        Math.max(TimeUnit.SECONDS.toNanos(RESCAN_SECONDS), scaled));
  }

  /** For tests: the nanoseconds until the next full rescan is due (negative: overdue). */
  long nanosUntilRescan() {
    return nextRescan - nanoTime.getAsLong();
  }

  /** For tests: the clock the rescans are timed by (nanoseconds, as {@link System#nanoTime}). */
  void clock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Lists the directory's zones in a catalog zone (from {@link #loadAll()} on): a removed file's
   * zone is then withdrawn only once the catalog no longer lists it.
   */
  void catalog(ServeCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * For tests: drops the watch service (as on a file system without change events) and makes the
   * next {@link #poll()} a full rescan, which otherwise comes at {@link #nanosBetweenRescans}.
   */
  void rescanAtNextPoll() {
    closeWatch();
    nextRescan = nanoTime.getAsLong();
  }

  /** How many zones are served from the directory's files. */
  int servedCount() {
    return listedCount;
  }

  /**
   * The zones of the first {@code n} files in file name order, found in one pass that keeps only
   * {@code n} (serve describes a few of 100,000 zones: no sort of every name).
   */
  List<Served> firstServed(int n) {
    return FirstInOrder.of(listedEntries(), Comparator.comparing(ServedZone::fileName), n).stream()
        .map(Entry::served)
        .toList();
  }

  /** The zones the directory serves from its files now (a zone of {@code served} per file). */
  private Set<Name> listedZones() {
    Set<Name> zones = new HashSet<>();
    for (Entry e : listedEntries()) {
      zones.add(e.origin());
    }
    return zones;
  }

  /** The entries of the files the directory serves zones from now. */
  private List<Entry> listedEntries() {
    List<Entry> listed = new ArrayList<>(listedCount);
    for (Map.Entry<Name, ServeZoneState> z : served.entries()) {
      if (z.getValue() instanceof Entry e && e.listed) {
        listed.add(e);
      }
    }
    return listed;
  }

  /**
   * The entry that serves its zone from this file now, if any: found by the origin the file's name
   * gives (another file may give the same origin: then it is not this file's).
   */
  @Nullable
  private Entry entry(String fileName) {
    Name origin;
    try {
      origin = originOf(fileName, fileName);
    } catch (UsageException e) {
      return null; // not a DNS name: never served
    }
    Entry entry = listedEntry(origin);
    return entry != null && entry.fileName().equals(fileName) ? entry : null;
  }

  /** The directory serves the zone from this entry's file from now on. */
  private void list(Entry entry) {
    entry.listed = true;
    listedCount++;
  }

  /** The directory no longer serves the zone from this entry's file. */
  private void unlist(Entry entry) {
    entry.listed = false;
    listedCount--;
  }

  /**
   * The origin a zone file's name gives: the name without {@code .zone}.
   *
   * @param what names the file in the message when the name is not a DNS name
   */
  static Name originOf(String fileName, String what) throws UsageException {
    return Addresses.name(fileName.substring(0, fileName.length() - SUFFIX.length()), what);
  }

  /** The file name an origin gives: {@code z1.example.zone} for {@code z1.example.}. */
  static String fileNameOf(Name origin) {
    return origin.toString(true) + SUFFIX;
  }

  /** The file the zone is served from now, if the directory serves it from one. */
  @Nullable
  private String listedFile(Name origin) {
    Entry entry = listedEntry(origin);
    return entry != null ? entry.fileName() : null;
  }

  /** The entry the directory serves the zone from now, if it serves it from a file. */
  @Nullable
  private Entry listedEntry(Name origin) {
    return served.getOrNull(origin) instanceof Entry e && e.listed ? e : null;
  }

  /** The number of files skipped (not parsed, or not served for another reason). */
  int skipped() {
    return rejected.size();
  }

  Path dir() {
    return dir;
  }

  /**
   * Looks at the files the watch service reported (all of them at a rescan) and takes up those that
   * stayed the same since the previous poll: added, changed or removed.
   */
  void poll() {
    for (ZoneSnapshot written : versions.retry()) {
      published(written.origin(), written.serial());
    }
    Set<String> suspects = new LinkedHashSet<>(pending.keySet());
    boolean rescan = nanoTime.getAsLong() - nextRescan >= 0;
    if (watch != null) {
      for (WatchKey key; (key = watch.poll()) != null; ) {
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            rescan = true;
          } else if (event.context() instanceof Path p && isZoneFile(p.toString())) {
            suspects.add(p.toString());
          }
        }
        if (!key.reset()) {
          rescan = true; // the directory went away: the rescan reports its files as removed
        }
      }
    }
    if (rescan) {
      long began = nanoTime.getAsLong();
      nextRescan = began + nanosBetweenRescans(0); // also after a rescan that failed
      try {
        suspects.addAll(rescan(suspects));
        long ended = nanoTime.getAsLong();
        nextRescan = ended + nanosBetweenRescans(ended - began);
      } catch (UsageException e) {
        err.println("serve: " + e.getMessage() + " (the zones served stay)");
        return;
      }
      suspects.addAll(rejected.keySet());
    }
    List<Callable<Outcome>> tasks = new ArrayList<>();
    for (String name : suspects) {
      FileState now = stat(dir.resolve(name));
      Entry entry = entry(name);
      if (entry != null
          ? entry.hasState(now)
          : now.equals(rejected.getOrDefault(name, FileState.ABSENT))) {
        pending.remove(name);
        continue;
      }
      FileState seen = pending.put(name, now);
      if (!now.equals(seen)) {
        continue; // changed since the previous poll (or first seen): look again at the next one
      }
      pending.remove(name);
      if (!now.exists()) {
        rejected.remove(name);
        if (entry != null) {
          withdraw(entry);
        }
      } else if (entry != null) {
        tasks.add(() -> reload(name, entry, now));
      } else {
        tasks.add(() -> load(name));
      }
    }
    for (Outcome o : run(tasks, LoadProgress.NONE)) {
      apply(o, false);
    }
    syncCatalog();
  }

  /** The catalog lists the zones served from files now; those it drops are withdrawn after it. */
  private void syncCatalog() {
    if (catalog != null) {
      catalog.sync(listedZones(), this::withdrawn);
    }
  }

  @Override
  public void close() {
    closeWatch();
  }

  private void closeWatch() {
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // nothing more to do
      }
      watch = null;
    }
  }

  private static boolean isZoneFile(String name) {
    return name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && !name.startsWith(".");
  }

  /**
   * The full rescan: the names of the files that look changed (by size and time), added or removed
   * since they were last taken up, in name order; the unchanged files, nearly all of them, leave
   * nothing behind. It streams the directory rather than listing it into two sets and looking at
   * each file twice: at 300,000 zones that was about 180 MB of objects every 30 s, and a third more
   * CPU (3.5 s against 2.2 s in the 35 s around the first rescan, BENCHMARKS.md).
   *
   * @param suspects the names looked at anyway (left out here)
   */
  private List<String> rescan(Set<String> suspects) throws UsageException {
    List<String> changed = new ArrayList<>();
    int served = 0; // entries whose file is still there
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (!isZoneFile(name)) {
          continue;
        }
        Entry entry = entry(name);
        if (entry != null) {
          served++;
        }
        if (suspects.contains(name)) {
          continue;
        }
        FileState now = stat(p);
        if (entry != null
            ? !entry.hasState(now)
            : !now.equals(rejected.getOrDefault(name, FileState.ABSENT))) {
          changed.add(name);
        }
      }
    } catch (IOException e) {
      throw new UsageException("--zone-dir: cannot list " + dir + " (" + Problems.io(e) + ")");
    }
    if (served < listedCount) {
      // Some served file is gone (the watch service usually says so first): found by name, once.
      Set<String> listed = list();
      for (Entry entry : listedEntries()) {
        String name = entry.fileName();
        if (!listed.contains(name)) {
          changed.add(name);
        }
      }
    }
    Collections.sort(changed);
    return changed;
  }

  /** The names of the zone files, sorted. */
  private Set<String> list() throws UsageException {
    Set<String> names = new TreeSet<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (isZoneFile(name) && Files.isRegularFile(p)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UsageException("--zone-dir: cannot list " + dir + " (" + Problems.io(e) + ")");
    }
    return names;
  }

  private static FileState stat(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile()
          ? new FileState(true, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS))
          : FileState.ABSENT;
    } catch (NoSuchFileException e) {
      return FileState.ABSENT;
    } catch (IOException e) {
      return FileState.ABSENT;
    }
  }

  /** Reads, configures and exports a new file's zone (on a loading thread). */
  private Outcome load(String name) {
    Path file = dir.resolve(name);
    FileState state = stat(file);
    try {
      Name origin = originOf(name, file.toString());
      Entry zone = new Entry(files, name, origin);
      HostZoneFile.Loaded loaded = zone.readSized(out, state.size());
      zone.prepared(ServeCommand.prepare(zone, loaded, options, templates));
      zone.export(loaded);
      zone.state(state);
      return new Loaded(name, zone);
    } catch (UsageException e) {
      return new Failed(name, state, aboutFile(file, e.getMessage()));
    } catch (RuntimeException e) {
      // One customer's file never takes the others down, whatever is wrong with it.
      return new Failed(name, state, file + ": " + e);
    }
  }

  /**
   * A new file's failure as the directory reports it: by the file's path, then why. A parse error
   * names the file and line already; the configuration's own messages name the zone (as {@code
   * serve ORIGIN:}, what {@code --zone-file} reports), which is the file's name anyway.
   */
  static String aboutFile(Path file, String message) {
    if (message.startsWith(file.toString())) {
      return message;
    }
    Matcher zone = SERVE_ZONE.matcher(message);
    return file + ": " + (zone.lookingAt() ? message.substring(zone.end()) : message);
  }

  /** Reads a changed file of a served zone again (on a loading thread). */
  private Outcome reload(String name, Entry entry, FileState state) {
    ServedZone zone = entry;
    try {
      return new Reloaded(name, entry, state, zone.export(zone.readSized(out, state.size())));
    } catch (UsageException e) {
      return new Failed(name, state, e.getMessage());
    } catch (RuntimeException e) {
      return new Failed(name, state, zone.input().source() + ": " + e);
    }
  }

  /** Takes up what a loading thread read (on the calling thread, in file order). */
  private void apply(Outcome outcome, boolean atStart) {
    String name = outcome.file();
    Entry entry = entry(name);
    if (outcome instanceof Failed f) {
      if (entry != null) {
        entry.state(f.state()); // reported once, not at every poll
        err.println("serve: " + f.message() + stillServing(entry));
      } else {
        rejected.put(name, f.state());
        err.println("serve: skipped " + Main.oneLine(f.message()));
      }
      err.flush();
      return;
    }
    if (outcome instanceof Reloaded r) {
      r.entry().state(r.state());
      ExportResult result = r.result();
      if (result.contentChanged()) {
        ServedZone zone = r.entry();
        try {
          if (versions.publish(result.snapshot())) {
            published(zone.origin(), result.serial());
          }
        } catch (Refused e) {
          refused(zone, e);
        }
      }
      return;
    }
    Loaded l = (Loaded) outcome;
    Entry zone = l.entry();
    Name origin = zone.origin();
    String other = listedFile(origin);
    if (otherZones.contains(origin) || other != null) {
      rejected.put(name, l.entry().state());
      err.println(
          "serve: skipped "
              + dir.resolve(name)
              + ": the zone "
              + origin
              + " is already served"
              + (other != null ? " from " + dir.resolve(other) : " (--zone-file)"));
      return;
    }
    rejected.remove(name);
    list(zone);
    ZoneSnapshot version = zone.lastVersion().orElseThrow();
    // The configuration first: the responder reads it when it announces the new zone. A zone
    // whose file was removed and is back before the catalog let it go keeps its status.
    zone.serving(ServeCommand.notifyingOnly(zone.prepared().configuration(), options));
    ServeZoneState previous = served.getOrNull(origin);
    if (previous != null) {
      zone.statusFrom(previous);
    }
    served.put(origin, zone);
    if (atStart) {
      startZones.add(zone); // all at once, once every file is read
      return;
    }
    try {
      if (!versions.publish(version)) {
        return; // said on stderr; written at a later poll
      }
    } catch (Refused e) {
      // Still served from a removed file the catalog lists, with another content and no greater
      // serial: the version served stays until the catalog lets it go.
      unlist(zone);
      if (previous != null) {
        served.restore(origin, zone, previous); // the zone as it was served, its status with it
      }
      rejected.put(name, l.entry().state());
      err.println("serve: skipped " + dir.resolve(name) + ": " + e.getMessage());
      return;
    }
    status.published(origin, version.serial());
    out.println("added " + origin + " serial " + version.serial() + " from " + dir.resolve(name));
    out.flush();
  }

  /**
   * Publishes the versions of the files read at start, at once (the database reads what it holds
   * once and writes only what differs); a refused file's zone stays in the directory, served with
   * the version published before (the database's), and its message says so.
   */
  private void publishAtStart() {
    List<ZoneSnapshot> read = new ArrayList<>(startZones.size());
    for (ServedZone zone : startZones) {
      read.add(zone.lastVersion().orElseThrow());
    }
    Map<Name, Refused> refused = versions.publishAtStart(read);
    for (ServedZone zone : startZones) {
      Name origin = zone.origin();
      Refused e = refused.get(origin);
      if (e != null) {
        refused(zone, e);
      }
      versions.served(origin).ifPresent(serial -> status.published(origin, serial));
    }
    err.flush();
    startZones.clear();
  }

  /** A file's version was refused: said, and the file's next version follows the one served. */
  private void refused(ServedZone zone, Refused e) {
    e.served().ifPresent(zone::storedVersion);
    err.println("serve: " + zone.input().source() + ": " + e.getMessage() + stillServing(zone));
  }

  /** A new version of a file's zone was published. */
  private void published(Name origin, SerialNumber serial) {
    status.published(origin, serial);
    out.println("published " + origin + " serial " + serial);
    out.flush();
  }

  /** What a refusal adds: the serial that stays served. */
  private String stillServing(ServedZone zone) {
    return " (still serving serial "
        + versions
            .served(zone.origin())
            .or(() -> zone.lastVersion().map(ZoneSnapshot::serial))
            .map(SerialNumber::toString)
            .orElse("-")
        + ")";
  }

  private void withdraw(Entry entry) {
    Name origin = entry.origin();
    unlist(entry);
    if (catalog == null) {
      withdrawn(origin);
    }
    // else: withdrawn by syncCatalog once the catalog version without it is served
  }

  private void withdrawn(Name origin) {
    if (listedFile(origin) != null) {
      return; // its file came back meanwhile
    }
    Refused refused = null;
    try {
      versions.withdraw(origin);
    } catch (Refused e) {
      refused = e; // still served, no longer from this directory
    }
    served.remove(origin);
    if (refused != null) {
      err.println("serve: " + origin + ": " + refused.getMessage());
      return;
    }
    out.println("withdrawn " + origin + " (its file in " + dir + " was removed)");
    out.flush();
  }

  /**
   * Runs the tasks on one thread per core (on the calling thread when there is one task), telling
   * the progress as they end; returns their outcomes in the tasks' order. The threads end before it
   * returns.
   */
  private static List<Outcome> run(List<Callable<Outcome>> tasks, LoadProgress progress) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(tasks.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      List<Outcome> outcomes = new ArrayList<>();
      for (Callable<Outcome> t : tasks) {
        outcomes.add(call(t));
        progress.update(outcomes.size(), outcomes.size());
      }
      return outcomes;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "secdns-serve-load-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      ExecutorCompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Callable<Outcome> t : tasks) {
        futures.add(done.submit(() -> call(t)));
      }
      for (int i = 1; i <= tasks.size(); i++) {
        // Only counts completions for the progress; each outcome is read in file order below.
        var unused = done.take();
        progress.update(i, i);
      }
      List<Outcome> outcomes = new ArrayList<>(futures.size());
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
      return Collections.unmodifiableList(outcomes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // call() never throws
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Outcome call(Callable<Outcome> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw new IllegalStateException(e); // load and reload catch everything themselves
    }
  }

  @Override
  public String toString() {
    return "ZoneDirectory[" + dir + ", " + listedCount + " zones]";
  }
}
