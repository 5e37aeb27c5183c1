package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A certificate with its key pair and the chain a server would present for it.
 *
 * <pre>{@code
 * HeldCertificate leaf = Certificates.certificate().issuedBy(root).build();
 * leaf.chain();  // [leaf, intermediates…], without the self-signed root
 * }</pre>
 *
 * @param certificate the certificate
 * @param keyPair its key pair
 * @param issuer what signed it, null when self-signed
 */
public record HeldCertificate(X509Certificate certificate, KeyPair keyPair, @Nullable HeldCertificate issuer) {

  /** Checks that nothing required is null. */
  public HeldCertificate {
    requireNonNull(certificate, "certificate");
    requireNonNull(keyPair, "keyPair");
  }

  /**
   * What a server sends: this certificate, then each issuer up to but excluding the self-signed root at the top
   * (a self-signed certificate's chain is itself alone).
   */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    for (HeldCertificate up = issuer; up != null && up.issuer != null; up = up.issuer) {
      chain.add(up.certificate);
    }
    return List.copyOf(chain);
  }

  /** {@link #chain()} followed by the self-signed root, when there is an issuer. */
  public List<X509Certificate> chainWithRoot() {
    List<X509Certificate> chain = new ArrayList<>(chain());
    HeldCertificate top = this;
    while (top.issuer != null) {
      top = top.issuer;
    }
    if (top != this) {
      chain.add(top.certificate);
    }
    return List.copyOf(chain);
  }

  /** An in-memory PKCS#12 key store with one private-key entry {@code alias} holding the key and chain. */
  public KeyStore keyStore(String alias, char[] password) {
    try {
      KeyStore store = Certificates.emptyKeyStore();
      store.setKeyEntry(
          alias, keyPair.getPrivate(), password, chain().toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a key store", e);
    }
  }

  /**
   * A key manager presenting this certificate's key and {@link #chain()}. The key rests in an in-memory JKS store
   * on the way: PKCS#12 would protect it with PBKDF2 (10,000 rounds), which costs about a second on a cold JVM for
   * a store that never leaves memory.
   */
  public X509KeyManager keyManager() {
    try {
      char[] password = "changeit".toCharArray();
      KeyStore store = KeyStore.getInstance("JKS");
      store.load(null, null);
      store.setKeyEntry("identity", keyPair.getPrivate(), password, chain().toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return (X509KeyManager) factory.getKeyManagers()[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a key manager", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a key manager", e);
    }
  }

  /** The certificate as PEM ({@code -----BEGIN CERTIFICATE-----}), as openssl and most servers read it. */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("certificate has no encoding", e);
    }
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
  }

  /** Writes {@link #certificatePem()} to {@code file} and returns it. */
  public Path writeCertificatePem(Path file) {
    return write(file, certificatePem());
  }

  /** Writes {@link #privateKeyPem()} to {@code file} and returns it. */
  public Path writePrivateKeyPem(Path file) {
    return write(file, privateKeyPem());
  }

  /** {@code CN=localhost issued by CN=Test Root}. */
  @Override
  public String toString() {
    return certificate.getSubjectX500Principal().getName()
        + (issuer == null ? " (self-signed)" : " issued by " + issuer.certificate.getSubjectX500Principal().getName());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
