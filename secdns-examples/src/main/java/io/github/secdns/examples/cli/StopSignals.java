package io.github.secdns.examples.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * SIGTERM, SIGINT and SIGHUP (what {@code kill}, systemd, Ctrl-C and a closed terminal send) stop
 * the running command the way an interrupt does, before the JVM starts shutting down: the command
 * closes what it opened (the responder, the database pool after storing what it holds) and returns
 * its exit code, and only then does the JVM exit and run its shutdown hooks.
 *
 * <p>Why not a shutdown hook alone: every hook runs at once, and H2 registers one that closes its
 * databases. {@code host serve} on H2 then stored its last reports into a closed database ("the
 * database failed: Database is already closed") and lost them. H2 refuses to leave its hook out
 * ({@code DB_CLOSE_ON_EXIT=FALSE}) with {@code AUTO_SERVER=TRUE}, which the default database of
 * {@code secdns host} needs so that other {@code secdns host} commands reach it while it serves.
 *
 * <p>The handlers go through {@code sun.misc.Signal} (module {@code jdk.unsupported}, the supported
 * way for an application to handle a signal), called by reflection because javac warns on every
 * compile-time use of it, and this build treats warnings as errors. Where the JVM does not let an
 * application handle them ({@code -Xrs}, another JVM), {@link #install} says so and the caller
 * keeps its shutdown hook.
 *
 * <p>Threading: the JVM runs each handler on a thread of its own. The first signal interrupts the
 * command's thread and gives it {@link #GRACE} to end; a second signal, or the grace running out,
 * exits at once with 128 plus the signal's number, as the JVM would have.
 */
final class StopSignals {

  /** How long a stopping command may take before the process exits anyway. */
  static final Duration GRACE = Duration.ofSeconds(10);

  /** A signal that stops the command, and its number (the exit code is 128 plus it). */
  private record Stop(String name, int number) {}

  private static final List<Stop> SIGNALS =
      List.of(new Stop("TERM", 15), new Stop("INT", 2), new Stop("HUP", 1));

  private StopSignals() {}

  /**
   * Installs the handlers of SIGTERM, SIGINT and SIGHUP (a closed terminal).
   *
   * @param command the thread running the command, interrupted on the first signal
   * @return whether every handler is installed (else none is, and the JVM's default applies)
   */
  static boolean install(Thread command) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      AtomicBoolean stopping = new AtomicBoolean();
      Object[] signals = new Object[SIGNALS.size()];
      Object[] previous = new Object[SIGNALS.size()];
      for (int i = 0; i < signals.length; i++) {
        signals[i] = signalClass.getConstructor(String.class).newInstance(SIGNALS.get(i).name());
      }
      int installed = 0;
      try {
        for (int i = 0; i < signals.length; i++) {
          int exitCode = 128 + SIGNALS.get(i).number();
          InvocationHandler onSignal =
              (proxy, method, args) ->
                  dispatch(method, proxy, args, () -> stop(command, stopping, exitCode));
          Object handler =
              Proxy.newProxyInstance(
                  StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
          previous[i] = handle.invoke(null, signals[i], handler);
          installed++;
        }
      } catch (InvocationTargetException refused) {
        // -Xrs, or a signal the JVM keeps for itself: put back what was installed.
        for (int i = 0; i < installed; i++) {
          handle.invoke(null, signals[i], previous[i]);
        }
        return false;
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
      return false;
    }
  }

  /** The proxy's methods: {@code handle(Signal)} stops; the {@code Object} methods behave. */
  @Nullable
  private static Object dispatch(
      Method method, Object proxy, @Nullable Object[] args, Runnable onSignal) {
    return switch (method.getName()) {
      case "equals" -> args != null && proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> "StopSignals.handler";
      default -> {
        onSignal.run();
        yield null;
      }
    };
  }

  /** On the JVM's thread for this signal: interrupt the command, exit if it does not end. */
  private static void stop(Thread command, AtomicBoolean stopping, int exitCode) {
    if (!stopping.compareAndSet(false, true)) {
      System.exit(exitCode); // a second signal: the operator insists
      return;
    }
    command.interrupt();
    try {
      command.join(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (command.isAlive()) {
      System.exit(exitCode);
    }
  }
}
