package io.github.secdns.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * The one entry point of every QuickTheories property in secdns: {@code import static
 * io.github.secdns.testsupport.Theories.qt;} instead of {@code QuickTheory.qt}.
 *
 * <p>Each property runs from a seed: the system property {@value #SEED} when it is set (a replay),
 * otherwise a fresh random one. When the property fails, the failure message ends with the seed and
 * the command that replays exactly that run, for example:
 *
 * <pre>
 * Seed was 8154112137041245317
 * Replay: mvn -B verify -pl secdns-core -am -Dsurefire.failIfNoSpecifiedTests=false
 *   -Dtest='SerialNumberTest#comparisonIsAntisymmetric' -DQT_SEED=8154112137041245317
 * </pre>
 *
 * ({@value #SEED} is QuickTheories' own property; surefire passes {@code -D} options of the Maven
 * command line on to the test JVM.) A property is replayable only if everything it does depends on
 * the generated values: no {@code new Random()}, no clock read, in its body.
 */
public final class Theories {

  /** The system property that fixes the seed of every property in the run (QuickTheories'). */
  public static final String SEED = "QT_SEED";

  private static final SplittableRandom SEEDS = new SplittableRandom();

  private Theories() {}

  /**
   * A theory with a fixed seed and a reporter that names the seed and the replay command.
   *
   * @return the theory, to be configured and run like {@code QuickTheory.qt()}
   */
  public static QuickTheory qt() {
    long seed = seed();
    String test = callingTest();
    return QuickTheory.qt().withFixedSeed(seed).withReporter(new ReplayReporter(seed, test));
  }

  /**
   * The seed the next property will use: {@value #SEED} when set, otherwise a random one.
   *
   * @return the seed
   */
  static long seed() {
    String fixed = System.getProperty(SEED);
    if (fixed != null && !fixed.isBlank()) {
      return Long.parseLong(fixed.strip());
    }
    synchronized (SEEDS) {
      return SEEDS.nextLong();
    }
  }

  /**
   * The command that replays one property of one test class with one seed.
   *
   * @param module the Maven module, such as {@code secdns-core}
   * @param test {@code SimpleClassName#method}
   * @param seed the seed
   * @return the command line
   */
  static String replayCommand(String module, String test, long seed) {
    return "mvn -B verify -pl "
        + module
        + " -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='"
        + test
        + "' -D"
        + SEED
        + "="
        + seed;
  }

  /** {@code SimpleName#method} of the test method that called {@link #qt()}. */
  private static String callingTest() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(Theories.class.getName()))
                    .filter(f -> !f.getMethodName().startsWith("lambda$"))
                    .filter(
                        f -> f.getClassName().endsWith("Test") || f.getClassName().endsWith("IT"))
                    .findFirst())
        .map(
            f ->
                f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                    + "#"
                    + f.getMethodName())
        .orElse("ThePropertyTest#itsMethod");
  }

  /** The Maven module the tests run in: surefire's working directory is the module's. */
  private static String module() {
    return Optional.ofNullable(Path.of("").toAbsolutePath().getFileName())
        .map(Path::toString)
        .orElse("the-module");
  }

  /** QuickTheories' own report, with the replay command appended. */
  private static final class ReplayReporter implements Reporter {
    private final long seed;
    private final String test;
    private final Reporter delegate = new ExceptionReporter();

    ReplayReporter(long seed, String test) {
      this.seed = seed;
      this.test = test;
    }

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        Throwable cause,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        delegate.falisification(seed, examplesUsed, smallest, cause, examples, toString);
      } catch (AssertionError e) {
        throw withReplay(e);
      }
    }

    @Override
    public void falisification(
        long seed,
        int examplesUsed,
        Object smallest,
        List<Object> examples,
        AsString<Object> toString) {
      try {
        delegate.falisification(seed, examplesUsed, smallest, examples, toString);
      } catch (AssertionError e) {
        throw withReplay(e);
      }
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      try {
        delegate.valuesExhausted(completedExamples);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + replay(), e);
      }
    }

    private AssertionError withReplay(AssertionError e) {
      AssertionError replayable = new AssertionError(e.getMessage() + replay(), e.getCause());
      replayable.setStackTrace(e.getStackTrace());
      return replayable;
    }

    private String replay() {
      return System.lineSeparator()
          + "Replay: "
          + replayCommand(module(), test, seed)
          + System.lineSeparator();
    }
  }
}
