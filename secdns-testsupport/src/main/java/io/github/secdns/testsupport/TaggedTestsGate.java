package io.github.secdns.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks after a test run that every test carrying a tag really ran: each test method of every
 * concrete class tagged so (in the compiled test classes) has at least one test case in the
 * surefire XML reports, and no test case of such a class was skipped.
 *
 * <p>Why: the interop suite runs only when a system property reaches the tests; if it stopped
 * reaching them, JUnit would report every interop test as skipped and the build would stay green.
 * The {@code interop} profile of {@code secdns-interop} runs this gate in its {@code verify} phase,
 * so {@code mvn -B verify -Pinterop} fails instead.
 *
 * <p>Run as {@code TaggedTestsGate TEST_CLASSES_DIR SUREFIRE_REPORTS_DIR TAG}; exits with status 1
 * and the list of what is missing or skipped when the run fell short.
 */
public final class TaggedTestsGate {

  /** One {@code <testcase>} of a surefire report. */
  record TestCase(String className, String name, boolean skipped) {

    /** The method name: the test case name up to its parameter list or invocation index. */
    String method() {
      int end = name.length();
      for (char c : new char[] {'(', '['}) {
        int i = name.indexOf(c);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      return name.substring(0, end).strip();
    }
  }

  /** What the gate found. */
  record Verdict(Set<String> expected, Set<String> missing, List<String> skipped, int testCases) {

    boolean passed() {
      return !expected.isEmpty() && missing.isEmpty() && skipped.isEmpty();
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      out.append(passed() ? "PASSED" : "FAILED")
          .append(": ")
          .append(expected.size())
          .append(" tagged test methods, ")
          .append(testCases)
          .append(" of their test cases reported, ")
          .append(skipped.size())
          .append(" of them skipped");
      if (expected.isEmpty()) {
        out.append("\n  no tagged test class found: the gate looks in the wrong place");
      }
      if (!missing.isEmpty()) {
        out.append("\n  never ran (").append(missing.size()).append("):");
        missing.forEach(m -> out.append("\n    ").append(m));
      }
      if (!skipped.isEmpty()) {
        out.append("\n  skipped (").append(skipped.size()).append("):");
        skipped.stream().limit(50).forEach(s -> out.append("\n    ").append(s));
      }
      return out.toString();
    }
  }

  private TaggedTestsGate() {}

  /**
   * Runs the gate.
   *
   * @param args the test classes directory, the surefire reports directory, the tag
   * @throws Exception when the directories cannot be read
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: TaggedTestsGate TEST_CLASSES_DIR SUREFIRE_REPORTS_DIR TAG");
      System.exit(2);
    }
    Verdict verdict = check(Path.of(args[0]), Path.of(args[1]), args[2]);
    System.out.println("[tagged-tests gate, tag '" + args[2] + "'] " + verdict);
    if (!verdict.passed()) {
      // Thrown rather than System.exit: under exec:java this fails the Maven build with the
      // message, without ending Maven's own JVM.
      throw new IllegalStateException(
          "tests tagged '"
              + args[2]
              + "' did not all run (was the property that enables them lost?):\n"
              + verdict);
    }
  }

  /**
   * Compares the tagged tests in the compiled classes with the test cases in the reports.
   *
   * @param testClasses the directory of compiled test classes
   * @param reports the surefire reports directory (missing or empty: nothing ran)
   * @param tag the JUnit tag
   * @return the verdict
   */
  static Verdict check(Path testClasses, Path reports, String tag) {
    Set<String> expected = expectedTests(testClasses, tag);
    Set<String> taggedClasses = new TreeSet<>();
    expected.forEach(t -> taggedClasses.add(t.substring(0, t.indexOf('#'))));
    Set<String> ran = new TreeSet<>();
    List<String> skipped = new ArrayList<>();
    int testCases = 0;
    for (TestCase c : testCases(reports)) {
      if (!taggedClasses.contains(c.className())) {
        continue;
      }
      testCases++;
      if (c.skipped()) {
        skipped.add(c.className() + " " + c.name());
      } else {
        ran.add(c.className() + "#" + c.method());
      }
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(ran);
    return new Verdict(expected, missing, skipped, testCases);
  }

  /** {@code ClassName#method} of every test method of every concrete class carrying the tag. */
  static Set<String> expectedTests(Path testClasses, String tag) {
    Set<String> out = new TreeSet<>();
    try (URLClassLoader loader =
            new URLClassLoader(
                new URL[] {testClasses.toUri().toURL()},
                Thread.currentThread().getContextClassLoader());
        Stream<Path> files = Files.walk(testClasses)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = testClasses.relativize(file).toString();
        if (name.matches(".*\\$\\d.*") || name.endsWith("module-info.class")) {
          // anonymous and local classes are never test classes
          continue;
        }
        String className =
            name.substring(0, name.length() - 6).replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type;
        try {
          type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("cannot load the test class " + className, e);
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface() || !hasTag(type, tag)) {
          continue;
        }
        for (Method m :
            ReflectionSupport.findMethods(
                type,
                method -> AnnotationSupport.isAnnotated(method, Testable.class),
                HierarchyTraversalMode.TOP_DOWN)) {
          out.add(type.getName() + "#" + m.getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the test classes in " + testClasses, e);
    }
    return out;
  }

  private static boolean hasTag(Class<?> type, String tag) {
    return AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream()
        .anyMatch(t -> t.value().equals(tag));
  }

  /** Every test case of every {@code TEST-*.xml} report in the directory. */
  static List<TestCase> testCases(Path reports) {
    List<TestCase> out = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return out;
    }
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(reports)) {
      list.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
          .forEach(f -> files.put(f.getFileName().toString(), f));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reports, e);
    }
    for (Path file : files.values()) {
      Document doc = parse(file);
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        out.add(
            new TestCase(
                c.getAttribute("classname"),
                c.getAttribute("name"),
                c.getElementsByTagName("skipped").getLength() > 0));
      }
    }
    return out;
  }

  private static Document parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("not a surefire XML report: " + file, e);
    }
  }
}
