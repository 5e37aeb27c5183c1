package io.tlsprobe.junit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loads the trust store a {@code @TlsProbe} names, before the probe runs, so that a missing or unreadable store is a
 * misuse of the annotation rather than a failure inside the probe.
 *
 * <pre>{@code
 * KeyStore store = TrustStores.load(elements, "classpath:test-ca.p12", "PKCS12", "changeit".toCharArray(), testClass);
 * }</pre>
 */
final class TrustStores {
  static final String CLASSPATH = "classpath:";

  private TrustStores() {}

  /** The store at {@code location} ({@code classpath:…} or a file path), of {@code type}. */
  static KeyStore load(Elements elements, Elements.Value location, Elements.Value type, char @Nullable [] password,
      Class<?> testClass) {
    KeyStore store;
    try {
      store = KeyStore.getInstance(type.text().trim());
    } catch (KeyStoreException e) {
      throw elements.misuse(type.found() + " is not a key store type this JVM knows", e);
    }
    String where = location.text().trim();
    try (InputStream in = open(elements, location, where, testClass)) {
      store.load(in, password);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw elements.misuse(location.found() + " cannot be read as " + type.text().trim() + ": " + reason(e), e);
    }
  }

  private static InputStream open(Elements elements, Elements.Value location, String where, Class<?> testClass)
      throws IOException {
    if (where.startsWith(CLASSPATH)) {
      String resource = where.substring(CLASSPATH.length());
      while (resource.startsWith("/")) {
        resource = resource.substring(1);
      }
      for (ClassLoader loader : loaders(testClass)) {
        URL url = loader.getResource(resource);
        if (url != null) {
          return url.openStream();
        }
      }
      throw elements.misuse(location.found() + " is not on the class path");
    }
    Path file = Path.of(where);
    if (!Files.isRegularFile(file)) {
      throw elements.misuse(location.found() + " is not a file (looked at " + file.toAbsolutePath() + ")");
    }
    return Files.newInputStream(file);
  }

  private static List<ClassLoader> loaders(Class<?> testClass) {
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    if (testClass.getClassLoader() != null) {
      loaders.add(testClass.getClassLoader());
    }
    loaders.add(ClassLoader.getSystemClassLoader());
    return new ArrayList<>(loaders);
  }

  /** The exception's message: for a wrong password, "keystore password was incorrect". */
  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
