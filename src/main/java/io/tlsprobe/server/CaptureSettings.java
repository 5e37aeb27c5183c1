package io.tlsprobe.server;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.starttls.ServiceProtocol;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a capture server answers each client: the server context and what it accepts.
 *
 * @param context presents the identity and trusts its anchors (for client certificates)
 * @param protocols the versions to accept; empty for JSSE's defaults
 * @param cipherSuites the suites to accept; empty for JSSE's defaults
 * @param applicationProtocols ALPN names in preference order; empty for no ALPN
 * @param needClientAuth whether a client certificate is required
 * @param handshakeTimeout how long a client has from connecting to finishing the handshake
 * @param idleTimeout how long a client may stay silent after the handshake (or, with a STARTTLS front, between lines)
 * @param protocol what is served: HTTPS, or a plain-text protocol through its {@link Front}
 * @param implicitTls whether a plain-text protocol is served inside TLS from the first byte
 * @param startTlsBehaviour how a STARTTLS front answers the upgrade
 */
record CaptureSettings(SSLContext context, List<TlsProtocol> protocols, List<CipherSuite> cipherSuites,
    List<String> applicationProtocols, boolean needClientAuth, Duration handshakeTimeout, Duration idleTimeout,
    ServiceProtocol protocol, boolean implicitTls, StartTlsBehaviour startTlsBehaviour) {

  CaptureSettings {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    applicationProtocols = List.copyOf(applicationProtocols);
  }

  /** The front serving {@link #protocol()}. */
  Front front() {
    return Fronts.of(protocol).orElseThrow(() -> new IllegalStateException("no front for " + protocol));
  }

  /** Whether a plain-text protocol is served (through a {@link Front}), not HTTPS. */
  boolean hasFront() {
    return protocol != ServiceProtocol.HTTPS;
  }

  /** Whether the conversation starts in clear and upgrades with STARTTLS. */
  boolean startsInClear() {
    return hasFront() && !implicitTls;
  }

  /** A fresh server engine with these settings. */
  SSLEngine newEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    if (!protocols.isEmpty()) {
      parameters.setProtocols(protocols.stream().map(TlsProtocol::jsseName).toArray(String[]::new));
    }
    if (!cipherSuites.isEmpty()) {
      parameters.setCipherSuites(cipherSuites.stream().map(CipherSuite::name).toArray(String[]::new));
    }
    parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
    parameters.setNeedClientAuth(needClientAuth);
    engine.setSSLParameters(parameters);
    return engine;
  }
}
