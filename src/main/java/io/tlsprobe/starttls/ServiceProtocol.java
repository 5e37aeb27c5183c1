package io.tlsprobe.starttls;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A classic service and the two ways it offers TLS: a STARTTLS upgrade on its classic port and a separate
 * implicit-TLS port. {@code @TlsProbe(host = …, protocol = IMAP)} and {@code TlsProbes.discover(host, IMAP)} use these
 * defaults.
 *
 * <pre>{@code
 * ServiceProtocol.IMAP.startTlsPort();     // OptionalInt[143]
 * ServiceProtocol.IMAP.implicitTlsPort();  // OptionalInt[993]
 * ServiceProtocol.IMAP.startTls();         // IMAP
 * ServiceProtocol.SMTP.modeFor(465);       // NONE: 465 is SMTP's implicit-TLS port
 * }</pre>
 */
public enum ServiceProtocol {
  /** Not set: the port and {@link StartTls} say everything. */
  NONE(StartTls.NONE, -1, -1),
  /** SMTP relay: STARTTLS on 25, implicit TLS ("submissions") on 465 (RFC 8314). */
  SMTP(StartTls.SMTP, 25, 465),
  /** Mail submission: STARTTLS on 587, implicit TLS on 465 (RFC 8314). */
  SUBMISSION(StartTls.SMTP, 587, 465),
  /** LMTP: STARTTLS on 24; no implicit port. */
  LMTP(StartTls.LMTP, 24, -1),
  /** FTP: {@code AUTH TLS} on 21, implicit FTPS on 990. */
  FTP(StartTls.FTP, 21, 990),
  /** IMAP: STARTTLS on 143, implicit TLS on 993. */
  IMAP(StartTls.IMAP, 143, 993),
  /** POP3: {@code STLS} on 110, implicit TLS on 995. */
  POP3(StartTls.POP3, 110, 995),
  /** NNTP: STARTTLS on 119, implicit TLS on 563. */
  NNTP(StartTls.NNTP, 119, 563),
  /** LDAP: StartTLS on 389, LDAPS on 636. */
  LDAP(StartTls.LDAP, 389, 636),
  /** XMPP client: STARTTLS on 5222, direct TLS on 5223 (XEP-0368). */
  XMPP(StartTls.XMPP, 5222, 5223),
  /** XMPP server-to-server: STARTTLS on 5269, direct TLS on 5270 (XEP-0368). */
  XMPP_SERVER(StartTls.XMPP_SERVER, 5269, 5270),
  /** PostgreSQL: SSLRequest on 5432; no separate implicit port. */
  POSTGRES(StartTls.POSTGRES, 5432, -1),
  /** MySQL/MariaDB: the SSL capability on 3306; no separate implicit port. */
  MYSQL(StartTls.MYSQL, 3306, -1),
  /** ManageSieve: STARTTLS on 4190; no implicit port. */
  SIEVE(StartTls.SIEVE, 4190, -1),
  /** HTTPS: implicit TLS on 443; no upgrade. */
  HTTPS(StartTls.NONE, -1, 443);

  private final StartTls startTls;
  private final int startTlsPort;
  private final int implicitTlsPort;

  ServiceProtocol(StartTls startTls, int startTlsPort, int implicitTlsPort) {
    this.startTls = startTls;
    this.startTlsPort = startTlsPort;
    this.implicitTlsPort = implicitTlsPort;
  }

  /** The dialect of the upgrade on {@link #startTlsPort()} ({@link StartTls#NONE} when there is none). */
  public StartTls startTls() {
    return startTls;
  }

  /** The classic port where the upgrade is offered; empty when the service has no upgrade. */
  public OptionalInt startTlsPort() {
    return startTlsPort < 0 ? OptionalInt.empty() : OptionalInt.of(startTlsPort);
  }

  /** The separate implicit-TLS port; empty when the service has none. */
  public OptionalInt implicitTlsPort() {
    return implicitTlsPort < 0 ? OptionalInt.empty() : OptionalInt.of(implicitTlsPort);
  }

  /** The default port: the STARTTLS port when there is one, else the implicit-TLS port; empty for {@link #NONE}. */
  public OptionalInt defaultPort() {
    return startTlsPort >= 0 ? startTlsPort() : implicitTlsPort();
  }

  /**
   * How TLS starts on {@code port} for this service: {@link StartTls#NONE} on its implicit-TLS port, its dialect
   * anywhere else (a test server on a high port speaks the classic protocol unless told otherwise).
   */
  public StartTls modeFor(int port) {
    return port == implicitTlsPort || startTlsPort < 0 ? StartTls.NONE : startTls;
  }

  /** The lower-case name, e.g. {@code imap}, {@code xmpp-server}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The service named {@code name} case-insensitively ({@code imap}, {@code xmpp-server}, {@code XMPP_SERVER}). */
  public static Optional<ServiceProtocol> byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ServiceProtocol p : values()) {
      if (p.cliName().equals(n)) {
        return Optional.of(p);
      }
    }
    return StartTls.byName(n).flatMap(s -> {
      for (ServiceProtocol p : values()) {
        if (p.startTls == s && s != StartTls.NONE) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    });
  }
}
