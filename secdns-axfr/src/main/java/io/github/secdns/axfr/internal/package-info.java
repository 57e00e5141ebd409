/**
 * Internals of the responder (not exported): the pure, pull-based transfer message producer, the
 * case-sensitive name compressor, the render cache, the query parser and the NIO transport.
 *
 * <p>Nothing here is API; it may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.internal;

import javax.annotation.ParametersAreNonnullByDefault;
