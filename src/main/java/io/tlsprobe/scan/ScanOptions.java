package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.starttls.StartTls;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one scan does: where it connects, how TLS starts there, how long it waits, how many connections it keeps
 * open at once, and what the certificate chains it finds are verified against (a trust store, for the SNI name or
 * the host, as the probe does). Immutable; made with {@link #builder(String, int)}, whose setters each document their
 * default, or from a probe's options with {@link #from(ProbeOptions)}.
 *
 * <pre>{@code
 * ScanOptions options = ScanOptions.builder("localhost", 8443)
 *     .maxParallel(3)
 *     .handshakeTimeout(Duration.ofSeconds(2))
 *     .trustStore(Path.of("truststore.p12"), "PKCS12", "changeit".toCharArray())
 *     .build();
 * ScanOptions mail = ScanOptions.builder("mail.test", 587).startTls(StartTls.SMTP).build();
 * ServerProfile profile = TlsScans.scan(options);
 * }</pre>
 */
public final class ScanOptions {
  /** The default connect timeout, per connection: 5 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The default time a server has to answer one ClientHello (after any STARTTLS exchange): 10 s. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** The default bound on the whole scan: 2 min. */
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofMinutes(2);
  /** The default number of connections open at once: 5. */
  public static final int DEFAULT_MAX_PARALLEL = 5;
  /** The most connections open at once that {@link Builder#maxParallel(int)} allows: 64. */
  public static final int MAX_PARALLEL_LIMIT = 64;

  private final String host;
  private final int port;
  private final @Nullable String serverName;
  private final StartTls startTls;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Duration totalTimeout;
  private final int maxParallel;
  private final Set<TlsProtocol> protocols;
  private final ProbeOptions handshake;

  private ScanOptions(Builder b) {
    host = b.host;
    port = b.port;
    serverName = b.serverNameSet ? b.serverName : defaultServerName(b.host);
    startTls = b.startTls;
    connectTimeout = b.connectTimeout;
    handshakeTimeout = b.handshakeTimeout;
    totalTimeout = b.totalTimeout;
    maxParallel = b.maxParallel;
    protocols = Set.copyOf(b.protocols);
    ProbeOptions.Builder probe = b.trust.host(host).port(port).startTls(startTls).connectTimeout(connectTimeout)
        .handshakeTimeout(handshakeTimeout).totalTimeout(connectTimeout.plus(handshakeTimeout.multipliedBy(2)))
        .startTlsInjectionCheck(false);
    handshake = (serverName == null ? probe.noServerName() : probe.serverName(serverName)).build();
  }

  /** A builder for scanning {@code host} (a name or an IP literal) at {@code port}. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * Options that scan where {@code probe} connects, as it does: host, port, SNI, STARTTLS dialect, the connect and
   * handshake timeouts (the probe's total timeout bounds one probe, not a scan, and is not taken) and the trust store
   * the certificate verdict is computed against.
   */
  public static ScanOptions from(ProbeOptions probe) {
    Builder b = builder(probe.host(), probe.port());
    b.trust = probe.toBuilder();
    b.startTls(probe.startTls())
        .connectTimeout(probe.connectTimeout()).handshakeTimeout(probe.handshakeTimeout());
    probe.serverName().ifPresentOrElse(b::serverName, b::noServerName);
    return b.build();
  }

  /** The host, as given. */
  public String host() {
    return host;
  }

  /** The TCP port. */
  public int port() {
    return port;
  }

  /**
   * The SNI host_name every hello carries: the explicit {@link Builder#serverName(String)}, else nothing after
   * {@link Builder#noServerName()}, else the host when it contains a dot and is not an IP literal (JSSE's rule).
   */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /** How TLS starts on every connection: {@link StartTls#NONE} or the STARTTLS dialect spoken first. */
  public StartTls startTls() {
    return startTls;
  }

  /** How long one TCP connect may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long the server has to answer one ClientHello; the STARTTLS exchange before it gets as long again. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** The bound on the whole scan. */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /** The most connections open at once. */
  public int maxParallel() {
    return maxParallel;
  }

  /** The versions scanned. */
  public Set<TlsProtocol> protocols() {
    return protocols;
  }

  /**
   * What the certificate chains are verified against, for people: {@code "JDK default trust store"} unless a
   * {@link Builder#trustStore(KeyStore) trust store} was set.
   */
  public String trustStoreDescription() {
    return handshake.trustStoreDescription();
  }

  /** The name the certificate chains are verified for: the SNI name, else the host (as the probe does). */
  public String verifiedHostname() {
    return serverName().orElse(host);
  }

  /**
   * The options of a real handshake to this server as the scan sees it (SNI, STARTTLS, timeouts, trust store): for
   * the certificate verdict and for TLS 1.3's encrypted Certificate, which only a completed handshake reveals.
   */
  ProbeOptions handshake() {
    return handshake;
  }

  /** {@code ScanOptions[localhost:8443, SNI none, 5 parallel, timeouts connect 5000 ms, …]}. */
  @Override
  public String toString() {
    return "ScanOptions[" + host + ":" + port + (startTls.isUpgrade() ? ", " + startTls.connectionName() : "")
        + ", SNI " + serverName().orElse("none") + ", " + maxParallel + " parallel, protocols "
        + EnumSet.copyOf(protocols) + ", timeouts connect " + connectTimeout.toMillis() + " ms, handshake "
        + handshakeTimeout.toMillis() + " ms, total " + totalTimeout.toMillis() + " ms, trust "
        + trustStoreDescription() + "]";
  }

  /** JSSE's rule: a name with a dot that is not an address literal. */
  static @Nullable String defaultServerName(String host) {
    if (host.indexOf('.') < 0 || isIpLiteral(host) || host.endsWith(".")) {
      return null;
    }
    return host;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0
        || (!host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')));
  }

  /** Builds {@link ScanOptions}; every setter names its default. */
  public static final class Builder {
    private String host;
    private int port;
    private @Nullable String serverName;
    private boolean serverNameSet;
    private StartTls startTls = StartTls.NONE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
    private int maxParallel = DEFAULT_MAX_PARALLEL;
    private Set<TlsProtocol> protocols = EnumSet.allOf(TlsProtocol.class);
    /** Holds the trust store (and, from a probe's options, its client certificate and ALPN for the handshake). */
    private ProbeOptions.Builder trust;

    private Builder(String host, int port) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 0xffff) {
        throw new IllegalArgumentException("port must be 1-65535: " + port);
      }
      this.host = host;
      this.port = port;
      this.trust = ProbeOptions.builder(host, port);
    }

    /**
     * The SNI host_name to send. Default: the host when it contains a dot and is not an IP literal (JSSE's rule), so
     * {@code localhost} and {@code 127.0.0.1} get none.
     */
    public Builder serverName(String serverName) {
      requireNonNull(serverName, "serverName");
      if (serverName.isBlank() || isIpLiteral(serverName)) {
        throw new IllegalArgumentException("SNI must be a host name, not blank or an IP literal: '" + serverName + "'");
      }
      this.serverName = serverName;
      this.serverNameSet = true;
      return this;
    }

    /** Sends no server_name extension whatever the host. Default: see {@link #serverName(String)}. */
    public Builder noServerName() {
      this.serverName = null;
      this.serverNameSet = true;
      return this;
    }

    /**
     * Speaks {@code dialect}'s plain-text exchange on every connection before its ClientHello (SMTP
     * {@code STARTTLS}, IMAP, POP3, FTP {@code AUTH TLS}, LDAP, PostgreSQL, …), through the probe's own dialects.
     * Default: {@link StartTls#NONE}, TLS from the first byte.
     */
    public Builder startTls(StartTls dialect) {
      this.startTls = requireNonNull(dialect, "dialect");
      return this;
    }

    /** How long one TCP connect may take. Default: {@link #DEFAULT_CONNECT_TIMEOUT} (5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the server has to answer one ClientHello, however it behaves (silent, slow, endless); a STARTTLS
     * exchange before it gets as long again. Default: {@link #DEFAULT_HANDSHAKE_TIMEOUT} (10 s).
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * The bound on the whole scan; what is not known by then is missing and the profile says why. Default:
     * {@link #DEFAULT_TOTAL_TIMEOUT} (2 min).
     */
    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = positive(timeout, "totalTimeout");
      return this;
    }

    /**
     * The most connections open at once, 1–{@value #MAX_PARALLEL_LIMIT}. Default: {@value #DEFAULT_MAX_PARALLEL}.
     */
    public Builder maxParallel(int connections) {
      if (connections < 1 || connections > MAX_PARALLEL_LIMIT) {
        throw new IllegalArgumentException("maxParallel must be 1-" + MAX_PARALLEL_LIMIT + ": " + connections);
      }
      this.maxParallel = connections;
      return this;
    }

    /** The versions to scan. Default: every {@link TlsProtocol}, SSL 2.0 to TLS 1.3. */
    public Builder protocols(TlsProtocol... protocols) {
      return protocols(Arrays.asList(protocols));
    }

    /** The versions to scan. Default: every {@link TlsProtocol}, SSL 2.0 to TLS 1.3. */
    public Builder protocols(List<TlsProtocol> protocols) {
      List<TlsProtocol> copy = List.copyOf(protocols);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("protocols must not be empty");
      }
      this.protocols = EnumSet.copyOf(copy);
      return this;
    }

    /**
     * The trust anchors the certificate chains are verified against (the scan reads chains whatever they are).
     * Default: the JDK's default trust store ({@code TrustManagerFactory.init((KeyStore) null)}).
     */
    public Builder trustStore(KeyStore trustStore) {
      trust.trustStore(trustStore);
      return this;
    }

    /**
     * The trust store file, of {@code type} ({@code "PKCS12"}, {@code "JKS"}), read when the chains are verified.
     * Default: the JDK's default trust store.
     */
    public Builder trustStore(Path file, String type, char @Nullable [] password) {
      trust.trustStore(file, type, password);
      return this;
    }

    /** Uses the JDK's default trust store for the verdict. This is the default. */
    public Builder defaultTrustStore() {
      trust.defaultTrustStore();
      return this;
    }

    /** The options. */
    public ScanOptions build() {
      return new ScanOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
