package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.axfr.tls.TlsMaterialException;
import io.github.secdns.axfr.tls.XotListener;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * The XoT listeners of {@code serve} ({@code --tls-listen}, {@code --tls-cert}, {@code --tls-key},
 * {@code --tls-client-ca}, {@code --require-tls}): built before the responder, described to the
 * provider, and reloaded without a restart, both when the certificate, key or CA file changes (seen
 * by the watcher's poll once the files stayed the same for one poll, so a certificate and key
 * written one after the other are read together) and when the operator types {@code reload}. A
 * reload that fails (a half-written or mismatched pair) keeps the certificate in use and says why.
 *
 * <p>Thread-safe: the watcher polls and the standard-input reader reloads; both are synchronized.
 */
final class ServeTls {

  private final ServeOptions.Tls settings;
  private final List<XotListener> listeners;
  @Nullable private String loadedFiles;
  @Nullable private String seenFiles;

  private ServeTls(ServeOptions.Tls settings, List<XotListener> listeners) {
    this.settings = settings;
    this.listeners = listeners;
    this.loadedFiles = filesState();
  }

  /**
   * Reads the certificate, key and CA files into one listener per {@code --tls-listen} address.
   *
   * @throws UsageException naming the file and what is wrong with it (never key material)
   */
  static ServeTls of(ServeOptions.Tls settings) throws UsageException {
    readable(settings.certificate(), "--tls-cert");
    readable(settings.key(), "--tls-key");
    if (settings.clientCa().isPresent()) {
      readable(settings.clientCa().get(), "--tls-client-ca");
    }
    List<XotListener> listeners = new ArrayList<>();
    for (InetSocketAddress address : settings.listen()) {
      XotListener.Builder b =
          XotListener.builder(address).identityFiles(settings.certificate(), settings.key());
      settings.clientCa().ifPresent(b::clientCertificateAuthoritiesFile);
      try {
        listeners.add(b.build());
      } catch (TlsMaterialException e) {
        throw new UsageException("--tls-cert/--tls-key: " + e.getMessage());
      }
    }
    return new ServeTls(settings, List.copyOf(listeners));
  }

  private static void readable(Path file, String flag) throws UsageException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException(
          flag + ": cannot read " + file + (Files.exists(file) ? "" : " (no such file)"));
    }
  }

  List<XotListener> listeners() {
    return listeners;
  }

  /** The lines for "Tell your secondary provider" (indented by the caller). */
  List<String> providerLines(List<InetSocketAddress> bound) {
    TlsIdentity identity = listeners.get(0).identity();
    List<String> lines = new ArrayList<>();
    lines.add(
        "zone transfer over TLS (XoT): "
            + bound.stream().map(Addresses::format).collect(Collectors.joining(", "))
            + " (TLS 1.3, ALPN "
            + TlsDetails.ALPN_DOT
            + (settings.required()
                ? "; required: transfers over plain TCP are refused)"
                : "; plain TCP transfers are served too)"));
    lines.add(
        "TLS certificate:              "
            + identity.certificate().getSubjectX500Principal().getName()
            + ", valid until "
            + identity.notAfter());
    listeners
        .get(0)
        .clientCertificateAuthorities()
        .ifPresent(
            cas ->
                lines.add(
                    "client certificate:           required, issued by "
                        + cas.stream()
                            .map(X509Certificate::getSubjectX500Principal)
                            .map(Object::toString)
                            .collect(Collectors.joining("; "))
                        + " (mutual TLS)"));
    return lines;
  }

  /** Reads the files again (the {@code reload} command); says what happened. */
  synchronized void reload(PrintStream out, PrintStream err) {
    loadedFiles = filesState();
    seenFiles = loadedFiles;
    try {
      for (XotListener l : listeners) {
        l.reload();
      }
      out.println("TLS certificate reloaded: " + listeners.get(0).identity());
    } catch (TlsMaterialException | RuntimeException e) {
      err.println("serve: TLS reload failed, the certificate in use stays: " + Main.oneLine(e));
    }
    out.flush();
    err.flush();
  }

  /** Reloads when a file changed since the last load and stayed the same since the last poll. */
  synchronized void poll(PrintStream out, PrintStream err) {
    String now = filesState();
    boolean changed = !Objects.equals(now, loadedFiles);
    boolean settled = Objects.equals(now, seenFiles);
    seenFiles = now;
    if (changed && settled) {
      reload(out, err);
    }
  }

  /** Size and time of every file, or a marker for one that is missing. */
  private String filesState() {
    StringBuilder state = new StringBuilder();
    List<Path> files = new ArrayList<>(List.of(settings.certificate(), settings.key()));
    settings.clientCa().ifPresent(files::add);
    for (Path f : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        state.append(a.size()).append('@').append(a.lastModifiedTime()).append(';');
      } catch (IOException e) {
        state.append("missing;");
      }
    }
    return state.toString();
  }
}
