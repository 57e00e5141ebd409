/**
 * Test support shared by every secdns module's tests, the interop suite and the benchmark harness.
 * Nothing here is part of secdns's API: the module is never published and no library module depends
 * on it outside the test scope.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.testsupport;

import javax.annotation.ParametersAreNonnullByDefault;
