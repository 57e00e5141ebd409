package io.github.secdns.interop;

import io.github.secdns.testsupport.servers.Binaries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a test class that starts real DNS servers. It runs only when the system property {@code
 * secdns.interop} is {@code true} (the parent pom's {@code interop} profile sets it and surefire
 * passes it on); otherwise JUnit reports it as skipped. Under the profile a missing binary fails
 * the test (see {@link Binaries}), it is never skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(
    named = "secdns.interop",
    matches = "true",
    disabledReason = "interop tests run only under -Pinterop (system property secdns.interop=true)")
@Tag("interop")
@interface InteropTest {}
