package io.tlsprobe.starttls;

/** The registry: one {@link Dialect} per {@link StartTls} constant. */
final class Dialects {
  private Dialects() {}

  static Dialect of(StartTls startTls) {
    return switch (startTls) {
      case NONE -> throw new IllegalArgumentException("StartTls.NONE has no dialect: TLS starts with the first byte");
      case SMTP -> new SmtpDialect(false);
      case LMTP -> new SmtpDialect(true);
      case FTP -> new FtpDialect();
      case NNTP -> new NntpDialect();
      case LDAP -> new LdapDialect();
      case POSTGRES -> new PostgresDialect();
      case IMAP -> new ImapDialect();
      case POP3 -> new Pop3Dialect();
      case SIEVE -> new SieveDialect();
      case MYSQL -> new MysqlDialect();
      case XMPP -> new XmppDialect(false);
      case XMPP_SERVER -> new XmppDialect(true);
      default -> throw new UnsupportedOperationException("the " + startTls.cliName() + " dialect is not built yet");
    };
  }
}
