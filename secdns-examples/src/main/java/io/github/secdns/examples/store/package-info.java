/**
 * What the example programs share over core's {@link io.github.secdns.core.store.ZoneVersionStore}:
 * {@link io.github.secdns.examples.store.VersionsAtStart}, the start of a program that holds its
 * zones' versions and writes what the store lacks in one read and a few batches (the host example
 * and {@code serve --zone-dir --db}).
 */
@ParametersAreNonnullByDefault
package io.github.secdns.examples.store;

import javax.annotation.ParametersAreNonnullByDefault;
