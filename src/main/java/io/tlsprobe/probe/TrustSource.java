package io.tlsprobe.probe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/** Where the trust anchors for the certificate verdict come from: the JDK's, a KeyStore, or a key store file. */
final class TrustSource {
  static final String JDK_DEFAULT = "JDK default trust store";

  private final @Nullable KeyStore keyStore;
  private final @Nullable Path file;
  private final @Nullable String type;
  private final char @Nullable [] password;
  private final String description;

  private TrustSource(@Nullable KeyStore keyStore, @Nullable Path file, @Nullable String type,
      char @Nullable [] password, String description) {
    this.keyStore = keyStore;
    this.file = file;
    this.type = type;
    this.password = password == null ? null : password.clone();
    this.description = description;
  }

  static TrustSource of(KeyStore keyStore) {
    return new TrustSource(keyStore, null, null, null, keyStore.getType() + " key store");
  }

  static TrustSource of(Path file, String type, char @Nullable [] password) {
    return new TrustSource(null, file, type, password, type + " " + file);
  }

  String description() {
    return description;
  }

  /** The JDK's default trust manager, or one over the given store. */
  static X509TrustManager trustManager(@Nullable TrustSource source) {
    return source == null ? fromKeyStore(null) : fromKeyStore(source.load());
  }

  private KeyStore load() {
    if (keyStore != null) {
      return keyStore;
    }
    Path path = requireNonNull(file);
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore ks = KeyStore.getInstance(requireNonNull(type));
      ks.load(in, password);
      return ks;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trust store " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load trust store " + path + " as " + type + ": " + e.getMessage(), e);
    }
  }

  private static X509TrustManager fromKeyStore(@Nullable KeyStore store) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK's TrustManagerFactory gave no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot make a trust manager: " + e.getMessage(), e);
    }
  }
}
