/**
 * A host application wiring secdns to its own persistence: configurations, zone records, lifecycle
 * events, NOTIFY outcomes and diagnostics reports live in an SQL database reached through JDBC
 * (schema in {@code V1__secondary_dns.sql}, applied by {@link
 * io.github.secdns.examples.host.Migrations}); {@link
 * io.github.secdns.examples.host.SecondaryDnsHost} exposes enable / edit / disable and gives the
 * responder its zones, their configurations and a place to store NOTIFY outcomes.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.examples.host;

import javax.annotation.ParametersAreNonnullByDefault;
