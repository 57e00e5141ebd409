package io.github.secdns.examples.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The process's handler of uncaught failures: a thread that dies of an {@link OutOfMemoryError} (or
 * another {@link VirtualMachineError}) ends the process with one line and exit code 3, as {@code
 * -XX:+ExitOnOutOfMemoryError} would (a plain {@code java -jar} cannot set that flag, nor can the
 * running JVM). Without it, {@code serve} started with too small a heap for its zones printed a
 * stack trace and exit code 1 when the main thread failed, and when a loading thread or the
 * responder's I/O thread did, kept running without loading or answering. Other failures get the
 * JVM's default report.
 *
 * <p>Once the heap is full nothing can be allocated, and other threads take at once what a failed
 * one gives back, so nothing the handler does may allocate: its line is encoded ahead and written
 * to file descriptor 2 directly (a write of a few octets copies them on the native stack), and the
 * handler is rehearsed once when installed. A method's first run resolves what it names, and the
 * application class loader does that in Java, allocating: the first handler failed at its first
 * {@code instanceof}, never reached its halt, and the process hung.
 *
 * <p>Thread-safe: several threads may run out at once; one says it, every one halts.
 */
final class ExitOnVirtualMachineError implements Thread.UncaughtExceptionHandler {

  private final PrintStream err;
  private final FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err);
  private final byte[] outOfMemory;
  private final OutOfMemoryError rehearsal = new OutOfMemoryError("rehearsal");

  /** Whether the line was written (guarded by {@code this}). */
  private boolean said;

  private ExitOnVirtualMachineError(PrintStream err) {
    this.err = err;
    this.outOfMemory =
        (Main.outOfMemoryLine() + System.lineSeparator()).getBytes(Charset.defaultCharset());
  }

  /**
   * Makes the handler and runs it once on a rehearsal failure (nothing written, no halt).
   *
   * @param err the process's standard error, flushed before the line
   * @return the handler, for {@link Thread#setDefaultUncaughtExceptionHandler}
   */
  static ExitOnVirtualMachineError install(PrintStream err) {
    ExitOnVirtualMachineError handler = new ExitOnVirtualMachineError(err);
    try {
      Class.forName("java.lang.Shutdown"); // what Runtime.halt runs, else initialized then
    } catch (ClassNotFoundException e) {
      // another JVM: initialized when first used
    }
    handler.uncaughtException(Thread.currentThread(), handler.rehearsal);
    return handler;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable e) {
    if (!(e instanceof VirtualMachineError)) {
      err.print("Exception in thread \"" + thread.getName() + "\" ");
      e.printStackTrace(err);
      return;
    }
    boolean rehearsing = e == rehearsal;
    Runtime runtime = Runtime.getRuntime();
    try {
      if (e instanceof OutOfMemoryError) {
        synchronized (this) {
          if (!said) {
            said = !rehearsing;
            err.flush();
            fd2.write(outOfMemory, 0, rehearsing ? 0 : outOfMemory.length);
          }
        }
      } else {
        err.println("secdns: the JVM failed in thread " + thread.getName() + ": " + e);
        err.flush();
      }
    } catch (IOException unwritable) {
      // nothing more can be said; exit all the same
    } finally {
      if (!rehearsing) {
        runtime.halt(ExitCode.FAILED);
      }
    }
  }
}
