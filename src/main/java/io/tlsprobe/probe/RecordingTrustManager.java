package io.tlsprobe.probe;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager installed in the probe's engine: it accepts every server chain, so that the handshake completes
 * for a bad certificate too, and records the chain; the verdict is computed afterwards against the chosen trust
 * store. Being an {@link X509ExtendedTrustManager}, JSSE does not wrap it with checks of its own (endpoint
 * identification, algorithm constraints on the chain). It refuses to act as a server's trust manager.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
  private volatile List<X509Certificate> chain = List.of();

  /** The last server chain JSSE presented, leaf first; empty when none was presented. */
  List<X509Certificate> chain() {
    return chain;
  }

  private void record(X509Certificate[] presented) {
    chain = presented == null ? List.of() : List.of(presented);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    record(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    record(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    record(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("the probe is a client");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("the probe is a client");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("the probe is a client");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
