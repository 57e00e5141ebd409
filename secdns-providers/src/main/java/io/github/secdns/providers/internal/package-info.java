/**
 * The built-in preset classes, one small final class per provider. Not exported: hosts reach them
 * through {@link io.github.secdns.providers.BuiltInPresets} or through {@link
 * java.util.ServiceLoader} discovery, never by class name.
 *
 * <p>Each class's javadoc gives the source of every value, the date the values were read, and the
 * known disagreements between sources.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.providers.internal;

import javax.annotation.ParametersAreNonnullByDefault;
