/**
 * Lifecycle planning of Secondary DNS for one zone: what enabling, editing and disabling a {@link
 * io.github.secdns.core.config.SecondaryDnsConfiguration} changes in the zone's apex NS set and in
 * the registry delegation, and the events a host stores or publishes.
 *
 * <p>Everything here is a pure function of its inputs: no I/O, no clock, no state. The entry point
 * is {@link io.github.secdns.core.lifecycle.SecondaryDnsLifecycle}; its inputs are the
 * configuration and a {@link io.github.secdns.core.lifecycle.ZoneState}, its outputs immutable
 * results ({@link io.github.secdns.core.lifecycle.EnableResult}, {@link
 * io.github.secdns.core.lifecycle.EditResult}, {@link
 * io.github.secdns.core.lifecycle.DisableResult}). The planner only plans: the host applies the
 * apex NS change, updates the registry when it is the registrar, and shows the customer the
 * instructions. All types are immutable and thread-safe, and none of them ever holds or shows a
 * TSIG secret.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.lifecycle;

import javax.annotation.ParametersAreNonnullByDefault;
