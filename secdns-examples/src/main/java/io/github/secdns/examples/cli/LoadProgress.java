package io.github.secdns.examples.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * Shows how far the loading of a zone file is, once it has taken longer than about a second (a
 * small file loads silently):
 *
 * <ul>
 *   <li>on a terminal, one line that rewrites itself (carriage return), at most ten times a second:
 *       {@code loading big.zone: 412,000 records, 41 %}; the last state stays on the screen;
 *   <li>elsewhere (a log, a pipe), a plain line each time another tenth of the file is read, so a
 *       log gets at most ten lines per file.
 * </ul>
 *
 * <p>Whether the output is a terminal and the clock are injected, so both modes are tested without
 * a terminal. Not thread-safe: the loading thread calls it.
 */
final class LoadProgress {

  /** Shows nothing ({@code --quiet}, text held in memory). */
  static final LoadProgress NONE = new LoadProgress("", 0, false, null, () -> 0L);

  /** What is counted: records of a file, or files of a zone directory. */
  private final String unit;

  private static final long QUIET_NANOS = 1_000_000_000L;
  private static final long REFRESH_NANOS = 100_000_000L;

  private final String source;
  private final long total;
  private final boolean terminal;
  @Nullable private final PrintStream out;
  private final LongSupplier nanoTime;
  private final long start;
  private boolean refreshed;
  private long lastShown;
  private int lastTenth;
  private boolean shown;
  private long octets;
  private long records;

  /**
   * Creates the progress of one file.
   *
   * @param source the file name shown
   * @param total the file's size in octets
   * @param terminal whether {@code out} is a terminal (then one self-updating line)
   * @param out where to print; null prints nothing
   * @param nanoTime the clock ({@code System::nanoTime} outside tests)
   */
  LoadProgress(
      String source,
      long total,
      boolean terminal,
      @Nullable PrintStream out,
      LongSupplier nanoTime) {
    this(source, total, terminal, out, nanoTime, "records");
  }

  /**
   * Creates the progress of a count of items (the files of a zone directory): {@code total} and the
   * {@code octets} of {@link #update} are then items too.
   *
   * @param unit the items' name, e.g. {@code files}
   */
  LoadProgress(
      String source,
      long total,
      boolean terminal,
      @Nullable PrintStream out,
      LongSupplier nanoTime,
      String unit) {
    this.unit = unit;
    this.source = source;
    this.total = total;
    this.terminal = terminal;
    this.out = out;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  /** Whether stdout is a terminal (progress then rewrites one line). */
  // On Java 17 a null console means no terminal; console() is non-null only from Java 22 on.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean terminal() {
    return System.console() != null;
  }

  /** The progress of {@code serve} for a file: on stdout, unless {@code --quiet}. */
  static LoadProgress of(String source, long total, boolean quiet, PrintStream out) {
    return quiet ? NONE : new LoadProgress(source, total, terminal(), out, System::nanoTime);
  }

  /**
   * The progress of {@code serve} loading the files of a zone directory, unless {@code --quiet}.
   */
  static LoadProgress ofFiles(String source, long files, boolean quiet, PrintStream out) {
    return quiet
        ? NONE
        : new LoadProgress(source, files, terminal(), out, System::nanoTime, "files");
  }

  /**
   * Tells how far the reading is.
   *
   * @param octets octets of the file read so far
   * @param records records read so far
   */
  void update(long octets, long records) {
    this.octets = octets;
    this.records = records;
    if (out == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - start < QUIET_NANOS) {
      return;
    }
    if (terminal) {
      if (!refreshed || now - lastShown >= REFRESH_NANOS) {
        refreshed = true;
        lastShown = now;
        out.print("\r" + line());
        out.flush();
        shown = true;
      }
    } else {
      int tenth = (int) Math.min(10, total <= 0 ? 0 : octets * 10 / total);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        out.println(line());
        shown = true;
      }
    }
  }

  /** The file is read: the line ends at 100 % (only when progress was shown at all). */
  void finish() {
    if (out == null || !shown) {
      return;
    }
    octets = total;
    if (terminal) {
      out.print("\r" + line() + "\n");
    } else {
      out.println(line());
    }
    out.flush();
  }

  private String line() {
    int percent = total <= 0 ? 100 : (int) Math.min(100, octets * 100 / total);
    return String.format(Locale.ROOT, "loading %s: %,d %s, %d %%", source, records, unit, percent);
  }
}
