package io.github.secdns.examples.cli;

import io.github.secdns.core.diagnostics.Finding;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A zone's configuration-only diagnostics computed ahead, on a daemon thread, from the inputs
 * {@code serve} expects to have once the zone is servable (issue 15).
 *
 * <p>Why: on a cold JVM the first run of the diagnostics engine costs about 0.1 s of CPU (its
 * classes loaded and linked, some sixty lambdas spun), and {@code serve} used to spend it right
 * after the zone became servable, on a 2-core machine taking that CPU from the rendering of the
 * first full transfer. Started while the main thread exports the zone (the other core is idle
 * then), it is done by the time the zone is servable. The findings are used only when the actual
 * inputs equal the expected ones (same configuration revision applied, same endpoint, same SOA);
 * otherwise they are computed again, so what is printed is always what the served values give.
 *
 * <p>Thread-safe.
 */
final class FindingsAhead {

  private final ZoneDiagnostics expected;
  private final CompletableFuture<List<Finding>> findings;

  private FindingsAhead(ZoneDiagnostics expected, CompletableFuture<List<Finding>> findings) {
    this.expected = expected;
    this.findings = findings;
  }

  /**
   * Starts computing the findings of {@code expected} on a new daemon thread.
   *
   * @param expected the inputs expected once the zone is servable
   * @param clock the day presets are judged on
   * @return the computation under way
   */
  static FindingsAhead start(ZoneDiagnostics expected, Clock clock) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(clock, "clock");
    CompletableFuture<List<Finding>> findings = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                findings.complete(expected.findings(clock));
              } catch (RuntimeException | Error e) {
                findings.completeExceptionally(e);
              }
            },
            "secdns-findings-ahead");
    thread.setDaemon(true); // never keeps a stopping serve alive
    thread.start();
    return new FindingsAhead(expected, findings);
  }

  /**
   * The findings of {@code actual}: those computed ahead when the inputs are the expected ones
   * (waiting for them if need be), else computed now on this thread.
   *
   * @param actual the inputs now that the zone is servable
   * @param clock the day presets are judged on
   * @return the notices and worse
   */
  List<Finding> findings(ZoneDiagnostics actual, Clock clock) {
    if (actual.equals(expected)) {
      try {
        return findings.join();
      } catch (CompletionException e) {
        // Computed again below: its error then shows on this thread, as it did before.
      }
    }
    return actual.findings(clock);
  }
}
