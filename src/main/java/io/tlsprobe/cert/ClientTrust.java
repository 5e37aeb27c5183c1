package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Everything a client needs to trust a test server, in the forms client libraries take: an {@link SSLContext}, an
 * {@link SSLSocketFactory} with its {@link X509TrustManager} (OkHttp), an in-memory {@link KeyStore}, and on disk a
 * PEM bundle ({@code curl --cacert}, {@code openssl -CAfile}) and a PKCS#12 trust store ({@code
 * javax.net.ssl.trustStore} of a child JVM, JDBC {@code sslrootcert}). Files asked for without a path are temporary
 * and deleted by {@link #close()}; files written to a caller's path are the caller's. JVM defaults are never touched.
 * When the server requires a client certificate, the context also presents {@link #clientIdentity()}.
 *
 * <pre>{@code
 * ServerIdentity identity = CertificateScenario.VALID.identity();
 * try (ClientTrust trust = identity.clientTrust()) {
 *   OkHttpClient client = new OkHttpClient.Builder()
 *       .sslSocketFactory(trust.socketFactory(), trust.trustManager()).build();
 *   Path caFile = trust.pemFile();          // deleted on close()
 * }
 * }</pre>
 */
public final class ClientTrust implements AutoCloseable {

  private static final String PKCS12_PASSWORD = "changeit";

  private final List<X509Certificate> anchors;
  private final @Nullable HeldCertificate clientIdentity;
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;
  private final List<Path> temporaryFiles = new ArrayList<>();
  private @Nullable Path pemFile;
  private @Nullable Path pkcs12File;
  private boolean closed;

  private ClientTrust(List<X509Certificate> anchors, @Nullable HeldCertificate clientIdentity) {
    this.anchors = List.copyOf(anchors);
    if (this.anchors.isEmpty()) {
      throw new IllegalArgumentException("a client trust needs at least one anchor");
    }
    this.clientIdentity = clientIdentity;
    this.trustManager = Certificates.trustManager(this.anchors.toArray(new X509Certificate[0]));
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          clientIdentity == null ? null : new KeyManager[] {clientIdentity.keyManager()},
          new TrustManager[] {trustManager},
          new SecureRandom());
      this.sslContext = context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a client SSLContext", e);
    }
  }

  /** Trust exactly {@code anchors}; no client certificate. */
  public static ClientTrust of(X509Certificate... anchors) {
    return new ClientTrust(List.of(anchors), null);
  }

  /** Trust exactly {@code anchors} and present {@code clientIdentity} (its key and chain) when a server asks. */
  public static ClientTrust of(List<X509Certificate> anchors, HeldCertificate clientIdentity) {
    return new ClientTrust(anchors, requireNonNull(clientIdentity, "clientIdentity"));
  }

  /** The trusted certificates, in the order given. */
  public List<X509Certificate> anchors() {
    return anchors;
  }

  /** The client certificate presented to servers that ask for one, if any. */
  public Optional<HeldCertificate> clientIdentity() {
    return Optional.ofNullable(clientIdentity);
  }

  /** The JDK's PKIX trust manager trusting exactly {@link #anchors()}. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** A TLS context trusting {@link #anchors()} (and presenting {@link #clientIdentity()} when there is one). */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** {@link #sslContext()}'s socket factory; pair it with {@link #trustManager()}. */
  public SSLSocketFactory socketFactory() {
    return sslContext.getSocketFactory();
  }

  /** A fresh in-memory PKCS#12 store with the anchors as trusted entries {@code anchor-0}, {@code anchor-1}, …. */
  public KeyStore trustStore() {
    return Certificates.trustStore(anchors.toArray(new X509Certificate[0]));
  }

  /** The anchors as concatenated PEM certificates. */
  public String pem() {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate anchor : anchors) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(anchor.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("certificate has no encoding", e);
      }
    }
    return pem.toString();
  }

  /** The password of the PKCS#12 files this writes ({@code changeit}), a fresh copy. */
  public char[] trustStorePassword() {
    return PKCS12_PASSWORD.toCharArray();
  }

  /** Writes {@link #pem()} to {@code file} (the caller's; not deleted on close) and returns it. */
  public Path writePem(Path file) {
    try {
      return Files.writeString(requireNonNull(file, "file"), pem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Writes {@link #trustStore()} as PKCS#12 protected by {@link #trustStorePassword()} to {@code file} (the caller's;
   * not deleted on close) and returns it.
   */
  public Path writePkcs12(Path file) {
    requireNonNull(file, "file");
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, trustStorePassword());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode a PKCS#12 trust store", e);
    }
  }

  /** A temporary PEM file of the anchors, written on first call, deleted by {@link #close()}. */
  public synchronized Path pemFile() {
    if (pemFile == null) {
      pemFile = writePem(temporaryFile(".pem"));
    }
    return pemFile;
  }

  /**
   * A temporary PKCS#12 trust store (password {@link #trustStorePassword()}), written on first call, deleted by
   * {@link #close()}.
   */
  public synchronized Path pkcs12File() {
    if (pkcs12File == null) {
      pkcs12File = writePkcs12(temporaryFile(".p12"));
    }
    return pkcs12File;
  }

  /** Deletes the temporary files; the in-memory forms stay usable. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Path file : temporaryFiles) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }
    temporaryFiles.clear();
    pemFile = null;
    pkcs12File = null;
  }

  /** {@code ClientTrust[anchors=[CN=tlsprobe Test Root, O=tlsprobe], clientIdentity=none, files=0]}. */
  @Override
  public synchronized String toString() {
    return "ClientTrust[anchors="
        + anchors.stream().map(a -> a.getSubjectX500Principal().getName()).toList()
        + ", clientIdentity=" + (clientIdentity == null ? "none" : clientIdentity.toString())
        + ", files=" + temporaryFiles.size() + (closed ? ", closed" : "") + "]";
  }

  private Path temporaryFile(String suffix) {
    if (closed) {
      throw new IllegalStateException("this ClientTrust is closed");
    }
    try {
      Path file = Files.createTempFile("tlsprobe-trust-", suffix);
      temporaryFiles.add(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    }
  }
}
