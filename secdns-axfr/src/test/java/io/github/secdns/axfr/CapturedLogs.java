package io.github.secdns.axfr;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-only SLF4J provider that keeps the log lines of secdns loggers in memory (DEBUG and
 * above), so that tests can assert what the responder logs; other libraries' loggers (dnsjava
 * traces every name it parses) are switched off. Registered through META-INF/services in the test
 * resources.
 */
final class CapturedLogs {

  /**
   * One captured line: level, logger name, the formatted message (with the throwable's toString
   * appended) and the throwable itself, if one was logged.
   */
  record Line(Level level, String logger, String message, Optional<Throwable> thrown) {

    /** The message and, when a throwable was logged, its whole stack trace with causes. */
    String fullText() {
      if (thrown.isEmpty()) {
        return message;
      }
      java.io.StringWriter w = new java.io.StringWriter();
      thrown.get().printStackTrace(new java.io.PrintWriter(w));
      return message + "\n" + w;
    }
  }

  private static final Queue<Line> LINES = new ConcurrentLinkedQueue<>();

  private CapturedLogs() {}

  /** How many lines were captured so far: a mark for {@link #since(int)}. */
  static int mark() {
    return LINES.size();
  }

  /** The lines captured after a mark (lines of concurrent tests included). */
  static List<Line> since(int mark) {
    return LINES.stream().skip(mark).collect(Collectors.toList());
  }

  /** Lines since a mark that are ERROR, or that carry a throwable at WARN or ERROR. */
  static List<Line> problemsSince(int mark) {
    return since(mark).stream()
        .filter(
            l -> l.level() == Level.ERROR || (l.level() == Level.WARN && l.thrown().isPresent()))
        .collect(Collectors.toList());
  }

  static List<Line> matching(String text) {
    return LINES.stream().filter(l -> l.message().contains(text)).collect(Collectors.toList());
  }

  /** The provider SLF4J discovers. */
  public static final class Provider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory factory = CapturingLogger::new;

    @Override
    public ILoggerFactory getLoggerFactory() {
      return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
      return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
      return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
      return "2.0.99";
    }

    @Override
    public void initialize() {}
  }

  private static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    private final boolean captured;

    CapturingLogger(String name) {
      this.name = name;
      this.captured = name.startsWith("io.github.secdns");
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      if (!captured || level == Level.TRACE) {
        return;
      }
      String text = MessageFormatter.basicArrayFormat(pattern, arguments);
      if (throwable != null) {
        text += " " + throwable;
      }
      LINES.add(new Line(level, name, text, Optional.ofNullable(throwable)));
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return captured;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return captured;
    }

    @Override
    public boolean isInfoEnabled() {
      return captured;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return captured;
    }

    @Override
    public boolean isWarnEnabled() {
      return captured;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return captured;
    }

    @Override
    public boolean isErrorEnabled() {
      return captured;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return captured;
    }
  }
}
