package io.tlsprobe.probe;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Makes the probe's own {@link SSLContext} and client {@link SSLEngine} from {@link ProbeOptions}: a fresh context per
 * probe with the recording trust manager and the client's key managers, SNI and ALPN set through
 * {@link SSLParameters}, no endpoint identification (the host name is part of the verdict, not of the handshake).
 * Nothing JVM-global is read or written except the JDK's defaults.
 */
final class EngineSetup {
  private EngineSetup() {}

  static SSLContext context(ProbeOptions options, RecordingTrustManager trust, SecureRandom random) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(options), new TrustManager[] {trust}, random);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  private static KeyManager @Nullable [] keyManagers(ProbeOptions options) throws GeneralSecurityException {
    KeyManager km = options.keyManager();
    if (km != null) {
      return new KeyManager[] {km};
    }
    if (options.clientKeyStore() != null) {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(options.clientKeyStore(), options.clientKeyPassword());
      return kmf.getKeyManagers();
    }
    return null;
  }

  /**
   * A client engine for the options.
   *
   * @throws IllegalArgumentException when a protocol or cipher suite in the options is not one this JVM supports
   */
  static SSLEngine engine(SSLContext context, ProbeOptions options) {
    SSLEngine engine = context.createSSLEngine(options.host(), options.port());
    engine.setUseClientMode(true);
    SSLParameters supported = context.getSupportedSSLParameters();
    options.protocols().ifPresent(p -> engine.setEnabledProtocols(checked(p, supported.getProtocols(), "protocol")));
    options.cipherSuites().ifPresent(s ->
        engine.setEnabledCipherSuites(checked(s, supported.getCipherSuites(), "cipher suite")));
    SSLParameters params = engine.getSSLParameters();
    List<SNIServerName> names = new ArrayList<>();
    options.serverName().ifPresent(n -> names.add(new SNIHostName(n)));
    params.setServerNames(names);
    params.setEndpointIdentificationAlgorithm(null);
    params.setApplicationProtocols(options.alpn().toArray(String[]::new));
    engine.setSSLParameters(params);
    return engine;
  }

  private static String[] checked(List<String> wanted, String[] supported, String what) {
    List<String> known = Arrays.asList(supported);
    for (String w : wanted) {
      if (!known.contains(w)) {
        throw new IllegalArgumentException(what + " '" + w + "' is not supported by this JVM (supported: "
            + String.join(", ", known) + ")");
      }
    }
    return wanted.toArray(String[]::new);
  }
}
