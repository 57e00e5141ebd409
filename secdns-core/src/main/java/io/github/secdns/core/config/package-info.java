/**
 * The Secondary DNS configuration model of one zone: name servers, transfer ACL, NOTIFY targets and
 * TSIG keys. All types are immutable and thread-safe; invalid input is rejected with a {@link
 * io.github.secdns.core.config.ValidationException} that lists every problem at once.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.config;

import javax.annotation.ParametersAreNonnullByDefault;
