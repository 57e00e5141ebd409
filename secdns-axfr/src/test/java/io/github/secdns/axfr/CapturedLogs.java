package io.github.secdns.axfr;

import java.util.List;
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
 * traces every name it parses) are switched off. Registered through META-INF/services in the test resources.
 */
final class CapturedLogs {

  /** One captured line: level, logger name and the formatted message. */
  record Line(Level level, String logger, String message) {}

  private static final Queue<Line> LINES = new ConcurrentLinkedQueue<>();

  private CapturedLogs() {}

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
      LINES.add(new Line(level, name, text));
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
