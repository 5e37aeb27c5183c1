package io.tlsprobe.server;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
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
 * @param idleTimeout how long a client may stay silent after the handshake
 */
record CaptureSettings(SSLContext context, List<TlsProtocol> protocols, List<CipherSuite> cipherSuites,
    List<String> applicationProtocols, boolean needClientAuth, Duration handshakeTimeout, Duration idleTimeout) {

  CaptureSettings {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    applicationProtocols = List.copyOf(applicationProtocols);
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
