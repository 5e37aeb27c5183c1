package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a probe offers and trusts besides host and port (SNI, ALPN, timeout, trust store, how TLS starts), read from a
 * {@code @TlsProbe}'s elements and, where they are empty, from the configuration parameters named on
 * {@link TlsProbe}. Everything is checked when read, so that {@link #options(String, int)} cannot fail later.
 *
 * <pre>{@code
 * ProbeSettings settings = ProbeSettings.read(annotation, elements, testClass);
 * TlsConnectionReport report = TlsProbes.probe(settings.options("localhost", 8443));
 * }</pre>
 */
final class ProbeSettings {
  private final Elements elements;
  private final boolean noSni;
  private final Elements.@Nullable Value sni;
  private final List<String> alpn;
  private final @Nullable Duration timeout;
  private final @Nullable KeyStore trustStore;
  private final StartTls startTls;
  private final ServiceProtocol protocol;
  private final boolean injectionCheck;

  private ProbeSettings(Elements elements, boolean noSni, Elements.@Nullable Value sni, List<String> alpn,
      @Nullable Duration timeout, @Nullable KeyStore trustStore, StartTls startTls, ServiceProtocol protocol,
      boolean injectionCheck) {
    this.elements = elements;
    this.noSni = noSni;
    this.sni = sni;
    this.alpn = List.copyOf(alpn);
    this.timeout = timeout;
    this.trustStore = trustStore;
    this.startTls = startTls;
    this.protocol = protocol;
    this.injectionCheck = injectionCheck;
  }

  /**
   * Reads {@code annotation}'s option elements (or only the configuration defaults when it is {@code null}).
   *
   * @param testClass whose class loader finds {@code classpath:} trust stores when the context class loader does not
   */
  static ProbeSettings read(@Nullable TlsProbe annotation, Elements elements, Class<?> testClass) {
    requireNonNull(elements, "elements");
    boolean noSni = annotation != null && annotation.noSni();
    Elements.Value sni = null;
    if (annotation != null && !annotation.sni().isBlank()) {
      sni = elements.value("sni", annotation.sni());
      if (noSni) {
        throw elements.misuse(sni.found() + " and noSni = true exclude each other: choose one");
      }
    } else if (!noSni) {
      Optional<Elements.Value> fallback =
          elements.valueOrDefault("sni", "", TlsProbe.DEFAULT_SNI_PROPERTY_NAME);
      if (fallback.isPresent() && fallback.get().text().trim().equalsIgnoreCase(TlsProbe.NO_SNI)) {
        noSni = true;
      } else {
        sni = fallback.orElse(null);
      }
    }
    if (sni != null) {
      checkServerName(elements, sni);
    }
    List<String> alpn = new ArrayList<>();
    for (String raw : annotation == null ? new String[0] : annotation.alpn()) {
      Elements.Value protocol = elements.value("alpn", raw);
      if (protocol.text().isEmpty() || protocol.text().length() > 255) {
        throw elements.misuse(protocol.found() + " is not an ALPN protocol name of 1-255 characters");
      }
      alpn.add(protocol.text());
    }
    Duration timeout = elements
        .valueOrDefault("timeout", annotation == null ? "" : annotation.timeout(),
            TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME)
        .map(v -> Timeouts.parse(v.text()).orElseThrow(() -> elements.misuse(v.found() + " is not " + Timeouts.FORMS)))
        .orElse(null);
    StartTls startTls = annotation == null ? StartTls.NONE : annotation.startTls();
    ServiceProtocol protocol = annotation == null ? ServiceProtocol.NONE : annotation.protocol();
    boolean injectionCheck = annotation == null || annotation.injectionCheck();
    checkStartTls(elements, startTls, protocol, injectionCheck);
    return new ProbeSettings(elements, noSni, sni, alpn, timeout, trustStore(annotation, elements, testClass),
        startTls, protocol, injectionCheck);
  }

  private static void checkStartTls(Elements elements, StartTls startTls, ServiceProtocol protocol,
      boolean injectionCheck) {
    if (startTls.isUpgrade() && protocol != ServiceProtocol.NONE && protocol.startTls() != startTls) {
      throw elements.misuse("startTls = " + startTls.name() + " does not fit protocol = " + protocol.name() + ", "
          + (protocol.startTls().isUpgrade() ? "whose upgrade is " + protocol.startTls().name()
              : "which has no STARTTLS upgrade")
          + ": drop startTls, or name the protocol that speaks " + startTls.name());
    }
    if (!injectionCheck && !startTls.isUpgrade() && protocol == ServiceProtocol.NONE) {
      throw elements.misuse("injectionCheck = false applies only to STARTTLS probes: set startTls or protocol, or"
          + " drop it");
    }
  }

  private static void checkServerName(Elements elements, Elements.Value sni) {
    try {
      ProbeOptions.builder("localhost", 1).serverName(sni.text().trim());
    } catch (IllegalArgumentException e) {
      throw elements.misuse(sni.found() + " is not a host name to send as SNI (not blank, not an IP address)");
    }
  }

  private static @Nullable KeyStore trustStore(@Nullable TlsProbe annotation, Elements elements, Class<?> testClass) {
    Optional<Elements.Value> location = elements.valueOrDefault("trustStore",
        annotation == null ? "" : annotation.trustStore(), TlsProbe.DEFAULT_TRUST_STORE_PROPERTY_NAME);
    if (location.isEmpty()) {
      return null;
    }
    Elements.Value type = elements
        .valueOrDefault("trustStoreType", annotation == null ? "" : annotation.trustStoreType(),
            TlsProbe.DEFAULT_TRUST_STORE_TYPE_PROPERTY_NAME)
        .orElse(new Elements.Value("trustStoreType", "PKCS12", "PKCS12"));
    char[] password = elements
        .valueOrDefault("trustStorePassword", annotation == null ? "" : annotation.trustStorePassword(),
            TlsProbe.DEFAULT_TRUST_STORE_PASSWORD_PROPERTY_NAME)
        .map(v -> v.text().toCharArray())
        .orElse(null);
    return TrustStores.load(elements, location.get(), type, password, testClass);
  }

  /** The port to probe when the target names none: the {@code protocol}'s well-known port, if it is set. */
  OptionalInt defaultPort() {
    return protocol.defaultPort();
  }

  /** How TLS starts on {@code port}: {@code startTls} when set, else as {@code protocol} says, else direct. */
  StartTls startTlsFor(int port) {
    return startTls.isUpgrade() ? startTls : protocol.modeFor(port);
  }

  /** Probe options for {@code host:port} with these settings. */
  ProbeOptions options(String host, int port) {
    ProbeOptions.Builder builder = ProbeOptions.builder(host, port)
        .startTls(startTlsFor(port))
        .startTlsInjectionCheck(injectionCheck);
    if (noSni) {
      builder.noServerName();
    } else if (sni != null) {
      builder.serverName(sni.text().trim());
    }
    builder.alpn(alpn);
    if (timeout != null) {
      builder.timeout(timeout);
    }
    if (trustStore != null) {
      builder.trustStore(trustStore);
    }
    return builder.build();
  }

  /** The declaration these settings were read from, for messages. */
  Elements elements() {
    return elements;
  }
}
