package io.tlsprobe.starttls;

/** The registry: one {@link Dialect} per {@link StartTls} constant (the switch is exhaustive: a new constant needs one). */
final class Dialects {
  private Dialects() {}

  static Dialect of(StartTls startTls) {
    return switch (startTls) {
      case NONE -> throw new IllegalArgumentException("StartTls.NONE has no dialect: TLS starts with the first byte");
      case SMTP -> new SmtpDialect(false);
      case LMTP -> new SmtpDialect(true);
      case FTP -> new FtpDialect();
      case IMAP -> new ImapDialect();
      case POP3 -> new Pop3Dialect();
      case NNTP -> new NntpDialect();
      case LDAP -> new LdapDialect();
      case XMPP -> new XmppDialect(false);
      case XMPP_SERVER -> new XmppDialect(true);
      case POSTGRES -> new PostgresDialect();
      case MYSQL -> new MysqlDialect();
      case SIEVE -> new SieveDialect();
    };
  }
}
