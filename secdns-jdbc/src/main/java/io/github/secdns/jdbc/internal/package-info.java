/**
 * Internals of the JDBC store: the journal check, the SQL, the feed watcher. Not exported.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.jdbc.internal;

import javax.annotation.ParametersAreNonnullByDefault;
