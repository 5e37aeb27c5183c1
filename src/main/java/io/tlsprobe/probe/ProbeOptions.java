package io.tlsprobe.probe;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.starttls.StartTls;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * What one probe does: where it connects, what it offers, what it trusts and how long it waits. Immutable; made with
 * {@link #builder(String, int)}, whose setters each document their default.
 *
 * <pre>{@code
 * ProbeOptions options = ProbeOptions.builder("localhost", 8443)
 *     .alpn("h2", "http/1.1")
 *     .protocols("TLSv1.3", "TLSv1.2")
 *     .trustStore(Path.of("truststore.p12"), "PKCS12", "changeit".toCharArray())
 *     .handshakeTimeout(Duration.ofSeconds(3))
 *     .build();
 * ProbeOptions submission = ProbeOptions.builder("mail.test", 587).startTls(StartTls.SMTP).build();
 * TlsConnectionReport report = TlsProbes.probe(options);
 * }</pre>
 */
public final class ProbeOptions {
  /** The default connect timeout: 5 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The default handshake timeout, counted from the established TCP connection: 10 s. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** The default bound on the whole probe, raw follow-up hello included: 15 s. */
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(15);

  private final String host;
  private final int port;
  private final ServerNameChoice serverNameChoice;
  private final @Nullable String serverName;
  private final List<String> alpn;
  private final @Nullable List<String> protocols;
  private final @Nullable List<String> cipherSuites;
  private final @Nullable TrustSource trustSource;
  private final @Nullable KeyManager keyManager;
  private final @Nullable KeyStore clientKeyStore;
  private final char @Nullable [] clientKeyPassword;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Duration totalTimeout;
  private final StartTls startTls;
  private final boolean startTlsInjectionCheck;

  private ProbeOptions(Builder b) {
    host = b.host;
    port = b.port;
    serverNameChoice = b.serverNameChoice;
    serverName = b.serverName;
    alpn = b.alpn;
    protocols = b.protocols;
    cipherSuites = b.cipherSuites;
    trustSource = b.trustSource;
    keyManager = b.keyManager;
    clientKeyStore = b.clientKeyStore;
    clientKeyPassword = b.clientKeyPassword == null ? null : b.clientKeyPassword.clone();
    connectTimeout = b.connectTimeout;
    handshakeTimeout = b.handshakeTimeout;
    totalTimeout = b.totalTimeout;
    startTls = b.startTls;
    startTlsInjectionCheck = b.startTlsInjectionCheck;
  }

  /** A builder for probing {@code host} (a name or an IPv4/IPv6 literal) at {@code port}. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** Options with every default for {@code host:port}. */
  public static ProbeOptions of(String host, int port) {
    return builder(host, port).build();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The host to connect to, as given. */
  public String host() {
    return host;
  }

  /** The TCP port. */
  public int port() {
    return port;
  }

  /**
   * The SNI host_name sent: the explicit {@link Builder#serverName(String)}, else nothing after
   * {@link Builder#noServerName()}, else {@link #host()} when it contains a dot and is not an IP literal (as JSSE
   * decides), else nothing.
   */
  public Optional<String> serverName() {
    return switch (serverNameChoice) {
      case EXPLICIT -> Optional.ofNullable(serverName);
      case NONE -> Optional.empty();
      case FROM_HOST -> defaultServerName(host);
    };
  }

  /** The ALPN protocols offered, in preference order; empty: no ALPN extension. */
  public List<String> alpn() {
    return alpn;
  }

  /** The protocol versions offered (JSSE names), or empty for the JVM's enabled ones. */
  public Optional<List<String>> protocols() {
    return Optional.ofNullable(protocols);
  }

  /** The cipher suites offered (JSSE/IANA names), or empty for the JVM's enabled ones. */
  public Optional<List<String>> cipherSuites() {
    return Optional.ofNullable(cipherSuites);
  }

  /** The connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The handshake timeout, counted from the established TCP connection. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** The bound on the whole probe. */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /** How TLS starts: {@link StartTls#NONE} (direct TLS) or the STARTTLS dialect spoken first. */
  public StartTls startTls() {
    return startTls;
  }

  /**
   * Whether a STARTTLS probe also runs the command-injection check on a second connection (for dialects that have
   * one, see {@link io.tlsprobe.starttls.StartTlsClient#supportsInjectionCheck(StartTls)}).
   */
  public boolean startTlsInjectionCheck() {
    return startTlsInjectionCheck;
  }

  @Nullable TrustSource trustSource() {
    return trustSource;
  }

  @Nullable KeyManager keyManager() {
    return keyManager;
  }

  @Nullable KeyStore clientKeyStore() {
    return clientKeyStore;
  }

  char @Nullable [] clientKeyPassword() {
    return clientKeyPassword == null ? null : clientKeyPassword.clone();
  }

  /** What the verdict is computed against, for people: e.g. {@code "JDK default trust store"}. */
  public String trustStoreDescription() {
    return trustSource == null ? TrustSource.JDK_DEFAULT : trustSource.description();
  }

  /** {@code ProbeOptions[localhost:8443, SNI none, ALPN [h2], protocols default, …]}; passwords are not shown. */
  @Override
  public String toString() {
    return "ProbeOptions[" + host + ":" + port
        + (startTls.isUpgrade() ? ", " + startTls.connectionName()
            + (startTlsInjectionCheck ? " with injection check" : "") : "")
        + ", SNI " + serverName().orElse("none")
        + ", ALPN " + alpn
        + ", protocols " + (protocols == null ? "JVM default" : protocols)
        + ", cipher suites " + (cipherSuites == null ? "JVM default" : cipherSuites.size() + " chosen")
        + ", trust " + trustStoreDescription()
        + ", client certificate " + (keyManager != null || clientKeyStore != null ? "yes" : "no")
        + ", timeouts connect " + connectTimeout.toMillis() + " ms, handshake " + handshakeTimeout.toMillis()
        + " ms, total " + totalTimeout.toMillis() + " ms]";
  }

  /** JSSE's rule: a name with a dot that is not an address literal. */
  static Optional<String> defaultServerName(String host) {
    if (host.indexOf('.') < 0 || isIpLiteral(host) || host.endsWith(".")) {
      return Optional.empty();
    }
    return Optional.of(host);
  }

  /** Whether {@code host} is an IPv4 dotted-decimal or an IPv6 literal (checked without any name lookup). */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    return !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private enum ServerNameChoice { FROM_HOST, EXPLICIT, NONE }

  /** Builds {@link ProbeOptions}; every setter names its default. */
  public static final class Builder {
    private String host;
    private int port;
    private ServerNameChoice serverNameChoice = ServerNameChoice.FROM_HOST;
    private @Nullable String serverName;
    private List<String> alpn = List.of();
    private @Nullable List<String> protocols;
    private @Nullable List<String> cipherSuites;
    private @Nullable TrustSource trustSource;
    private @Nullable KeyManager keyManager;
    private @Nullable KeyStore clientKeyStore;
    private char @Nullable [] clientKeyPassword;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
    private StartTls startTls = StartTls.NONE;
    private boolean startTlsInjectionCheck = true;

    private Builder(String host, int port) {
      host(host);
      port(port);
    }

    private Builder(ProbeOptions o) {
      host = o.host;
      port = o.port;
      serverNameChoice = o.serverNameChoice;
      serverName = o.serverName;
      alpn = o.alpn;
      protocols = o.protocols;
      cipherSuites = o.cipherSuites;
      trustSource = o.trustSource;
      keyManager = o.keyManager;
      clientKeyStore = o.clientKeyStore;
      clientKeyPassword = o.clientKeyPassword();
      connectTimeout = o.connectTimeout;
      handshakeTimeout = o.handshakeTimeout;
      totalTimeout = o.totalTimeout;
      startTls = o.startTls;
      startTlsInjectionCheck = o.startTlsInjectionCheck;
    }

    /** The host: a name or an IP literal ({@code ::1} without brackets). Required, set by the constructor. */
    public Builder host(String host) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The TCP port, 1–65535. Required, set by the constructor. */
    public Builder port(int port) {
      if (port < 1 || port > 0xffff) {
        throw new IllegalArgumentException("port must be 1-65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The SNI host_name to send. Default: the host when it contains a dot and is not an IP literal (JSSE's rule),
     * so {@code localhost} and {@code 127.0.0.1} get none.
     */
    public Builder serverName(String serverName) {
      requireNonNull(serverName, "serverName");
      if (serverName.isBlank() || isIpLiteral(serverName)) {
        throw new IllegalArgumentException("SNI must be a host name, not blank or an IP literal: '" + serverName + "'");
      }
      this.serverName = serverName;
      this.serverNameChoice = ServerNameChoice.EXPLICIT;
      return this;
    }

    /** Sends no server_name extension whatever the host. Default: see {@link #serverName(String)}. */
    public Builder noServerName() {
      this.serverName = null;
      this.serverNameChoice = ServerNameChoice.NONE;
      return this;
    }

    /** The ALPN protocols to offer, in preference order. Default: none (no ALPN extension). */
    public Builder alpn(String... protocols) {
      return alpn(Arrays.asList(protocols));
    }

    /** The ALPN protocols to offer, in preference order. Default: none (no ALPN extension). */
    public Builder alpn(List<String> protocols) {
      List<String> copy = List.copyOf(protocols);
      for (String p : copy) {
        if (p.isEmpty() || p.length() > 255) {
          throw new IllegalArgumentException("ALPN protocol must be 1-255 characters: '" + p + "'");
        }
      }
      this.alpn = copy;
      return this;
    }

    /**
     * The protocol versions to offer, by JSSE name ({@code "TLSv1.3"}, {@code "TLSv1.2"}); the JVM must support
     * them, and versions it disables ({@code jdk.tls.disabledAlgorithms}) still fail. Default: the JVM's enabled
     * client protocols.
     */
    public Builder protocols(String... protocols) {
      return protocols(Arrays.asList(protocols));
    }

    /** The protocol versions to offer, by JSSE name. Default: the JVM's enabled client protocols. */
    public Builder protocols(List<String> protocols) {
      this.protocols = nonEmpty(protocols, "protocols");
      return this;
    }

    /** The cipher suites to offer, by JSSE (IANA) name, in order. Default: the JVM's enabled suites. */
    public Builder cipherSuites(String... suites) {
      return cipherSuites(Arrays.asList(suites));
    }

    /** The cipher suites to offer, by JSSE (IANA) name, in order. Default: the JVM's enabled suites. */
    public Builder cipherSuites(List<String> suites) {
      this.cipherSuites = nonEmpty(suites, "cipher suites");
      return this;
    }

    /**
     * The trust anchors the certificate verdict is computed against (the handshake itself accepts any chain).
     * Default: the JDK's default trust store ({@code TrustManagerFactory.init((KeyStore) null)}).
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustSource = TrustSource.of(requireNonNull(trustStore, "trustStore"));
      return this;
    }

    /**
     * The trust store file, of {@code type} ({@code "PKCS12"}, {@code "JKS"}), read when the probe runs. Default:
     * the JDK's default trust store.
     */
    public Builder trustStore(Path file, String type, char @Nullable [] password) {
      this.trustSource = TrustSource.of(requireNonNull(file, "file"), requireNonNull(type, "type"), password);
      return this;
    }

    /** Uses the JDK's default trust store for the verdict. This is the default. */
    public Builder defaultTrustStore() {
      this.trustSource = null;
      return this;
    }

    /** The client certificate, as a key manager (e.g. an {@code X509KeyManager}). Default: none. */
    public Builder clientCertificate(KeyManager keyManager) {
      this.keyManager = requireNonNull(keyManager, "keyManager");
      this.clientKeyStore = null;
      this.clientKeyPassword = null;
      return this;
    }

    /** The client certificate, from a key store and its key password. Default: none. */
    public Builder clientCertificate(KeyStore keyStore, char[] keyPassword) {
      this.clientKeyStore = requireNonNull(keyStore, "keyStore");
      this.clientKeyPassword = requireNonNull(keyPassword, "keyPassword").clone();
      this.keyManager = null;
      return this;
    }

    /** How long the TCP connect may take. Default: {@link #DEFAULT_CONNECT_TIMEOUT} (5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the handshake may take once connected, whatever the peer does (silent, slow, endless).
     * Default: {@link #DEFAULT_HANDSHAKE_TIMEOUT} (10 s).
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * The bound on the whole probe: connect, handshake and any raw follow-up hello. Default:
     * {@link #DEFAULT_TOTAL_TIMEOUT} (15 s).
     */
    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = positive(timeout, "totalTimeout");
      return this;
    }

    /**
     * Speaks {@code dialect}'s plain-text exchange first and upgrades the connection to TLS (SMTP {@code STARTTLS},
     * FTP {@code AUTH TLS}, LDAP StartTLS, PostgreSQL {@code SSLRequest}, …); the report then carries the
     * {@link io.tlsprobe.report.PlainTextPhase}. The plain-text phase is bounded by the handshake timeout, the TLS
     * handshake after it by another. Default: {@link StartTls#NONE}, TLS from the first byte.
     */
    public Builder startTls(StartTls dialect) {
      this.startTls = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Whether a STARTTLS probe also checks, on a second connection, that the server discards a plain-text command
     * pipelined with the upgrade command (CVE-2011-0411 and kin). Default: {@code true}; ignored for direct TLS and for
     * dialects without commands to inject (LDAP, PostgreSQL, MySQL, XMPP).
     */
    public Builder startTlsInjectionCheck(boolean check) {
      this.startTlsInjectionCheck = check;
      return this;
    }

    /** Sets connect, handshake and total timeouts to {@code timeout}: nothing in the probe outlasts it. */
    public Builder timeout(Duration timeout) {
      return connectTimeout(timeout).handshakeTimeout(timeout).totalTimeout(timeout);
    }

    /** The options. */
    public ProbeOptions build() {
      return new ProbeOptions(this);
    }

    private static List<String> nonEmpty(List<String> values, String what) {
      List<String> copy = List.copyOf(values);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return copy;
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
