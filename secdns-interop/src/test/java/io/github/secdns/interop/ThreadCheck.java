package io.github.secdns.interop;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The responder's and the NOTIFY sender's threads, compared before and after a test. */
final class ThreadCheck {

  private ThreadCheck() {}

  /** Names of the live threads that secdns started (responder, render pool, NOTIFY). */
  static Set<String> secdnsThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("secdns-axfr-") || n.startsWith("secdns-notify-"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The secdns threads alive now that were not alive {@code before}. */
  static Set<String> leftSince(Set<String> before) {
    Set<String> now = secdnsThreads();
    now.removeAll(before);
    return now;
  }
}
