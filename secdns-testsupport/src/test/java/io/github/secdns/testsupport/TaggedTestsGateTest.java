package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate of tagged tests (point 1 of issue 19), on sample classes and written reports. */
class TaggedTestsGateTest {

  private static final Path CLASSES = Path.of("target", "test-classes");
  private static final String TAGGED = GateSamples.Tagged.class.getName();

  @TempDir Path reports;

  @Test
  void findsEveryTestMethodOfTheTaggedConcreteClassesInheritedOnesIncluded() {
    assertEquals(
        Set.of(TAGGED + "#inherited", TAGGED + "#plain", TAGGED + "#parameterized"),
        TaggedTestsGate.expectedTests(CLASSES, "gate-sample"));
  }

  @Test
  void passesWhenEveryTaggedMethodRan() throws IOException {
    report(
        "TEST-a.xml",
        testCase(TAGGED, "inherited", false),
        testCase(TAGGED, "plain", false),
        testCase(TAGGED, "parameterized(int)[1]", false),
        testCase(TAGGED, "parameterized(int)[2]", false),
        testCase("some.OtherTest", "skippedElsewhere", true));

    TaggedTestsGate.Verdict verdict = check();

    assertTrue(verdict.passed(), verdict::toString);
    assertEquals(4, verdict.testCases());
  }

  @Test
  void failsWhenTheTaggedTestsWereSkippedAsWhenTheirPropertyIsLost() throws IOException {
    // What surefire writes when the condition disables every tagged test.
    report(
        "TEST-a.xml",
        testCase(TAGGED, "inherited", true),
        testCase(TAGGED, "plain", true),
        testCase(TAGGED, "parameterized(int)", true));

    TaggedTestsGate.Verdict verdict = check();

    assertFalse(verdict.passed());
    assertEquals(3, verdict.skipped().size(), verdict::toString);
    assertEquals(3, verdict.missing().size(), verdict::toString);
    assertTrue(verdict.toString().contains("skipped (3)"), verdict::toString);
  }

  @Test
  void failsWhenOneMethodDidNotRunOrOneCaseWasSkipped() throws IOException {
    report(
        "TEST-a.xml",
        testCase(TAGGED, "inherited", false),
        testCase(TAGGED, "parameterized(int)[1]", false),
        testCase(TAGGED, "parameterized(int)[2]", true));

    TaggedTestsGate.Verdict verdict = check();

    assertFalse(verdict.passed());
    assertEquals(Set.of(TAGGED + "#plain"), verdict.missing());
    assertEquals(1, verdict.skipped().size());
  }

  @Test
  void failsWhenNothingRanOrNoTaggedClassExists() throws IOException {
    assertFalse(check().passed(), "no reports at all");
    report("TEST-a.xml", testCase(TAGGED, "plain", false));
    TaggedTestsGate.Verdict noneTagged =
        TaggedTestsGate.check(CLASSES, reports, "no-such-tag-anywhere");
    assertFalse(noneTagged.passed());
    assertTrue(noneTagged.toString().contains("no tagged test class found"), noneTagged::toString);
  }

  @Test
  void theCommandFailsTheBuildWithTheList() throws IOException {
    report("TEST-a.xml", testCase(TAGGED, "plain", true));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                TaggedTestsGate.main(
                    new String[] {CLASSES.toString(), reports.toString(), "gate-sample"}));
    assertTrue(e.getMessage().contains(TAGGED + "#inherited"), e.getMessage());
  }

  private TaggedTestsGate.Verdict check() {
    return TaggedTestsGate.check(CLASSES, reports, "gate-sample");
  }

  private void report(String file, String... cases) throws IOException {
    Files.writeString(
        reports.resolve(file),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"x\">\n"
            + String.join("\n", cases)
            + "\n</testsuite>\n");
  }

  private static String testCase(String className, String name, boolean skipped) {
    return "<testcase name=\""
        + name
        + "\" classname=\""
        + className
        + "\" time=\"0.001\">"
        + (skipped ? "<skipped message=\"disabled\"/>" : "")
        + "</testcase>";
  }
}
