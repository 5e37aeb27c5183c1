package io.tlsprobe.starttls;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How TLS starts on a connection: {@link #NONE} for TLS from the first byte, or the plain-text dialect that upgrades
 * the connection. Each dialect's {@link #cliName()} is the name used in {@code starttls:<dialect>} endpoints, the CLI's
 * {@code --starttls} option and the JSON report.
 *
 * <pre>{@code
 * StartTls.byName("smtp");          // Optional[SMTP]
 * StartTls.byName("postgresql");    // Optional[POSTGRES] (aliases are accepted)
 * StartTls.IMAP.defaultPort();      // OptionalInt[143]
 * StartTls.LDAP.cliName();          // "ldap"
 * }</pre>
 */
public enum StartTls {
  /** TLS from the first byte (implicit TLS). */
  NONE("none", -1, "RFC 8446"),
  /** SMTP {@code STARTTLS} after {@code EHLO} (RFC 3207); also submission on 587. */
  SMTP("smtp", 25, "RFC 3207", "submission", "esmtp"),
  /** LMTP {@code STARTTLS} after {@code LHLO} (RFC 2033, RFC 3207). */
  LMTP("lmtp", 24, "RFC 2033"),
  /** FTP {@code AUTH TLS} (RFC 4217), then {@code PBSZ 0} / {@code PROT P}. */
  FTP("ftp", 21, "RFC 4217", "ftps", "ftpes"),
  /** IMAP {@code STARTTLS} (RFC 9051 §6.2.1, RFC 2595). */
  IMAP("imap", 143, "RFC 9051", "imap4"),
  /** POP3 {@code STLS} (RFC 2595 §4). */
  POP3("pop3", 110, "RFC 2595", "pop"),
  /** NNTP {@code STARTTLS} (RFC 4642). */
  NNTP("nntp", 119, "RFC 4642"),
  /** LDAP StartTLS extended operation {@code 1.3.6.1.4.1.1466.20037} (RFC 4511 §4.14). */
  LDAP("ldap", 389, "RFC 4511"),
  /** XMPP client-to-server {@code <starttls/>} (RFC 6120 §5). */
  XMPP("xmpp", 5222, "RFC 6120", "xmpp-client"),
  /** XMPP server-to-server {@code <starttls/>} (RFC 6120 §5), stream namespace {@code jabber:server}. */
  XMPP_SERVER("xmpp-server", 5269, "RFC 6120", "xmpp-s2s"),
  /** PostgreSQL {@code SSLRequest} (PostgreSQL protocol 3.0, "SSL Session Encryption"). */
  POSTGRES("postgres", 5432, "PostgreSQL protocol 3", "postgresql", "pgsql"),
  /** MySQL/MariaDB: {@code CLIENT_SSL} in the handshake response, the SSL Request packet. */
  MYSQL("mysql", 3306, "MySQL client/server protocol", "mariadb"),
  /** ManageSieve {@code STARTTLS} (RFC 5804 §2.2). */
  SIEVE("sieve", 4190, "RFC 5804", "managesieve");

  private final String cliName;
  private final int defaultPort;
  private final String specification;
  private final List<String> aliases;

  StartTls(String cliName, int defaultPort, String specification, String... aliases) {
    this.cliName = cliName;
    this.defaultPort = defaultPort;
    this.specification = specification;
    this.aliases = List.of(aliases);
  }

  /** The lower-case name: {@code smtp}, {@code xmpp-server}, {@code postgres}, … ({@code none} for direct TLS). */
  public String cliName() {
    return cliName;
  }

  /** The well-known port where this dialect's upgrade is offered; empty for {@link #NONE}. */
  public OptionalInt defaultPort() {
    return defaultPort < 0 ? OptionalInt.empty() : OptionalInt.of(defaultPort);
  }

  /** The document that defines the upgrade, e.g. {@code RFC 3207}. */
  public String specification() {
    return specification;
  }

  /** Whether this is a STARTTLS dialect (not {@link #NONE}). */
  public boolean isUpgrade() {
    return this != NONE;
  }

  /** The endpoint's connection name: {@code direct} or {@code starttls:<dialect>}. */
  public String connectionName() {
    return this == NONE ? "direct" : "starttls:" + cliName;
  }

  /**
   * The dialect named {@code name}, case-insensitively, by its {@link #cliName()}, its constant name or an alias
   * ({@code postgresql}, {@code mariadb}, {@code managesieve}, {@code ftps}, {@code xmpp-client}, …).
   */
  public static Optional<StartTls> byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (StartTls s : values()) {
      if (s.cliName.equals(n) || s.name().toLowerCase(Locale.ROOT).equals(n) || s.aliases.contains(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The names {@link #byName(String)} knows for the dialects, for usage messages: {@code smtp|lmtp|…}. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (StartTls s : values()) {
      if (s != NONE) {
        sb.append(sb.length() == 0 ? "" : "|").append(s.cliName);
      }
    }
    return sb.toString();
  }
}
