package io.github.secdns.axfr.internal;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * What the transport needs to serve a TLS listener: a fresh server engine per accepted connection
 * (from the listener's current certificate, so a reload reaches new connections only) and where the
 * engines' delegated tasks (signatures, key exchange, certificate checks) run, off the I/O thread.
 *
 * @param engines a new server-mode engine per call, configured for XoT (TLS 1.3, ALPN dot)
 * @param delegatedTasks runs delegated tasks; must not run them on the calling thread
 */
public record TlsEndpoint(Supplier<SSLEngine> engines, Executor delegatedTasks) {}
