package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * What a test server presents for one {@link CertificateScenario}, and what its clients are given: the leaf with its
 * key, the chain sent in the Certificate message, the anchors a client trusts, and for {@link
 * CertificateScenario#CLIENT_CERTIFICATE_REQUIRED} the client identity and the CA the server trusts for it.
 *
 * <pre>{@code
 * ServerIdentity identity = CertificateScenario.EXPIRED.identity();
 * SSLServerSocket server = (SSLServerSocket) identity.serverContext().getServerSocketFactory()
 *     .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
 * server.setNeedClientAuth(identity.needsClientCertificate());
 * try (ClientTrust trust = identity.clientTrust()) { ... }   // a correct client rejects: expired
 * }</pre>
 *
 * @param scenario the scenario this identity shows
 * @param host the host name the client is meant to ask for
 * @param certificate the leaf with its key pair (and issuer)
 * @param chain what the server sends, leaf first
 * @param anchors what the client trusts
 * @param clientIdentity the certificate a client presents, when the server requires one; otherwise null
 * @param clientIssuer the CA the server trusts for client certificates, when it requires one; otherwise null
 */
public record ServerIdentity(
    CertificateScenario scenario,
    String host,
    HeldCertificate certificate,
    List<X509Certificate> chain,
    List<X509Certificate> anchors,
    @Nullable HeldCertificate clientIdentity,
    @Nullable X509Certificate clientIssuer) {

  /** Copies the lists; a client identity and its issuer come together. */
  public ServerIdentity {
    requireNonNull(scenario, "scenario");
    requireNonNull(host, "host");
    requireNonNull(certificate, "certificate");
    chain = List.copyOf(chain);
    anchors = List.copyOf(anchors);
    if (chain.isEmpty() || !chain.get(0).equals(certificate.certificate())) {
      throw new IllegalArgumentException("chain must start with the leaf " + certificate);
    }
    if ((clientIdentity == null) != (clientIssuer == null)) {
      throw new IllegalArgumentException("clientIdentity and clientIssuer come together");
    }
  }

  /** Whether a correct client accepts this identity for {@link #host()}; see {@link CertificateScenario}. */
  public boolean correctClientAccepts() {
    return scenario.correctClientAccepts();
  }

  /** Whether the server must require a client certificate ({@code setNeedClientAuth(true)}). */
  public boolean needsClientCertificate() {
    return clientIdentity != null;
  }

  /** The client certificate to present, when the server requires one. */
  public Optional<HeldCertificate> requiredClientIdentity() {
    return Optional.ofNullable(clientIdentity);
  }

  /** A key manager presenting the leaf's key and exactly {@link #chain()}. */
  public X509KeyManager keyManager() {
    try {
      char[] password = "changeit".toCharArray();
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore("identity", password, "JKS"), password);
      return (X509KeyManager) factory.getKeyManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a key manager", e);
    }
  }

  /** An in-memory PKCS#12 key store with one key entry {@code alias}: the leaf's key and {@link #chain()}. */
  public KeyStore keyStore(String alias, char[] password) {
    return keyStore(alias, password, "PKCS12");
  }

  /**
   * A server-side TLS context presenting {@link #chain()}; when a client certificate is required it trusts {@link
   * #clientIssuer()} for it (the caller still sets {@code needClientAuth}).
   */
  public SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {keyManager()},
          clientIssuer == null ? null : new TrustManager[] {Certificates.trustManager(clientIssuer)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a server SSLContext", e);
    }
  }

  /** What the client is given: {@link #anchors()} (and {@link #clientIdentity()} when the server requires one). */
  public ClientTrust clientTrust() {
    return clientIdentity == null
        ? ClientTrust.of(anchors.toArray(new X509Certificate[0]))
        : ClientTrust.of(anchors, clientIdentity);
  }

  /** {@code EXPIRED for localhost: CN=localhost issued by CN=tlsprobe Test Intermediate, … (2 certificates)}. */
  @Override
  public String toString() {
    return scenario + " for " + host + ": " + certificate + " (" + chain.size() + " certificate"
        + (chain.size() == 1 ? "" : "s") + ")";
  }

  private KeyStore keyStore(String alias, char[] password, String type) {
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      store.setKeyEntry(alias, certificate.keyPair().getPrivate(), password, chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a key store", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a key store", e);
    }
  }
}
